"""Export an event's results (CSV, JSON) and entries (CSV) for whoever may see the event.

Results are read from the matches as they stand, a match's ``result`` tolerantly
(``recorded``); what cannot be read is left out of the columns but kept in the JSON's raw
``result``. Times are given in the event's time zone (``match_results``). Entries are written
in the import's columns (``entry_list``). CSV files start with a UTF-8 byte order mark so that
Excel shows Chinese names, and cells a spreadsheet would run as a formula are quoted with a
leading apostrophe (``csv_text``).
"""

from __future__ import annotations

from smallball.app.exports.entry_list import entries_csv
from smallball.app.exports.match_results import RESULT_COLUMNS, results, results_csv
from smallball.app.exports.views import (
    CsvFile,
    EventRef,
    MatchOut,
    PlayerOut,
    ResultsExport,
    Side,
    SideOut,
)

__all__ = [
    "RESULT_COLUMNS",
    "CsvFile",
    "EventRef",
    "MatchOut",
    "PlayerOut",
    "ResultsExport",
    "Side",
    "SideOut",
    "entries_csv",
    "results",
    "results_csv",
]
