"""Reading a match's ``result`` as recorded, tolerantly.

``app/results.py`` writes ``{"games": [[11, 7], ...]}``, ``{"rubbers": [{"games": ...}, ...]}``
for team matches, ``"walkover": "a"`` for the side that wins without play (``"both"`` when
neither came), ``"retired"`` or ``"disqualified"`` for the side that stops. Games may also be
``{"a": 11, "b": 7}``; what cannot be read is left out here (the JSON export keeps the raw
``result``).
"""

from __future__ import annotations

from typing import Any

from smallball.app.exports.views import Side
from smallball.db.models import Match


def games(raw: Any) -> list[tuple[int, int]]:
    if not isinstance(raw, list):
        return []
    found = []
    for game in raw:
        if isinstance(game, list | tuple) and len(game) == 2:
            a, b = game
        elif isinstance(game, dict):
            a, b = game.get("a"), game.get("b")
        else:
            continue
        if _points(a) and _points(b):
            found.append((int(a), int(b)))
    return found


def rubbers(result: dict[str, Any] | None) -> list[list[tuple[int, int]]]:
    raw = result.get("rubbers") if result else None
    if not isinstance(raw, list):
        return []
    return [games(r.get("games") if isinstance(r, dict) else r) for r in raw]


def won(played: list[tuple[int, int]]) -> bool | None:
    """Whether side a won the games (a rubber, or one game); None when level."""
    a = sum(1 for x, y in played if x > y)
    b = sum(1 for x, y in played if y > x)
    return None if a == b else a > b


def _points(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def side_text(result: dict[str, Any] | None, key: str) -> str | None:
    value = result.get(key) if result else None
    return str(value) if value not in (None, False, "") else None


def winner(match: Match, result: dict[str, Any] | None) -> Side | None:
    if match.winner_entry_id is not None:
        if match.winner_entry_id == match.entry_a_id:
            return "a"
        if match.winner_entry_id == match.entry_b_id:
            return "b"
    recorded = result.get("winner") if result else None
    if recorded == "a":
        return "a"
    if recorded == "b":
        return "b"
    return None
