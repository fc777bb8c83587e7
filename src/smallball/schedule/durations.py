"""Slot estimates for a match from its discipline and format.

The figures are planning slots (play, warm-up, changing ends and the walk to the table), rounded
to five minutes as organisers publish them. They are defaults to override per event, not rules:
no ITTF regulation fixes them.
"""

from __future__ import annotations

from smallball.errors import N_, InputError

# Minutes a best-of-5 slot takes, by discipline. A team tie is several rubbers in a row.
_BEST_OF_5 = {"singles": 25, "doubles": 30, "mixed": 30, "team": 120}
_WARM_UP = 5
_ROUND_TO = 5


def estimate_duration(discipline: str, best_of: int = 5, rubbers: int | None = None) -> int:
    """Planning minutes for one match; ``rubbers`` scales a team tie (default 5 rubbers)."""
    if discipline not in _BEST_OF_5:
        raise InputError("discipline", N_("unknown discipline {value!r}"), value=discipline)
    if best_of < 1 or best_of % 2 == 0:
        raise InputError(
            "best_of", N_("must be an odd number of games, got {value}"), value=best_of
        )
    base = _BEST_OF_5[discipline]
    if discipline == "team":
        per_rubber = (_BEST_OF_5["singles"] - _WARM_UP) * best_of / 5
        minutes = _WARM_UP + per_rubber * (rubbers if rubbers is not None else 5)
    else:
        # Play time grows with the games a match is likely to last, about (best_of + 1) / 2 + 1.
        play = base - _WARM_UP
        minutes = _WARM_UP + play * ((best_of + 1) / 2 + 1) / 4
    return int(-(-minutes // _ROUND_TO) * _ROUND_TO)
