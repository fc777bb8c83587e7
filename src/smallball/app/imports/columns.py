"""The columns of an import file and the limits on its size (docs/import.md)."""

from __future__ import annotations

REQUIRED = ("delegation", "country", "name_native", "name_latin", "gender")
OPTIONAL = (
    "birth_year",
    "rating",
    "languages",
    "role",
    "competition",
    "partner",
    "delegation_kind",
    "delegation_country",
)
COLUMNS = REQUIRED + OPTIONAL
# Written by the entries export; ignored here so an exported file can be imported elsewhere.
EXPORT_ONLY = ("entry_id", "status", "seed", "waiting_position")

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
ROLES = ("player", "coach", "official", "guest")
KINDS = ("association", "university", "club", "friendship_society", "other")
