"""The laws of the game: each sport folds a match's events into its state.

Pure: imports nothing from db/, app/ or web/.
"""

from smallball.errors import N_, InputError
from smallball.sport.badminton import Badminton
from smallball.sport.events import (
    RALLY_A,
    RALLY_B,
    UNDO,
    Card,
    Disqualification,
    Event,
    Expedite,
    Rally,
    Retirement,
    Side,
    Timeout,
    Undo,
    Walkover,
)
from smallball.sport.fold import Sport, fold, replay
from smallball.sport.match import Incident, MatchSetup, MatchState, RallyRecord, Replay
from smallball.sport.table_tennis import TableTennis

SPORTS: dict[str, Sport] = {sport.key: sport for sport in (TableTennis(), Badminton())}


def get_sport(key: str) -> Sport:
    try:
        return SPORTS[key]
    except KeyError:
        known = ", ".join(sorted(SPORTS))
        raise InputError(
            "sport", N_("unknown sport {sport!r} (known: {known})"), sport=key, known=known
        ) from None


__all__ = [
    "RALLY_A",
    "RALLY_B",
    "SPORTS",
    "UNDO",
    "Badminton",
    "Card",
    "Disqualification",
    "Event",
    "Expedite",
    "Incident",
    "MatchSetup",
    "MatchState",
    "Rally",
    "RallyRecord",
    "Replay",
    "Retirement",
    "Side",
    "Sport",
    "TableTennis",
    "Timeout",
    "Undo",
    "Walkover",
    "fold",
    "get_sport",
    "replay",
]
