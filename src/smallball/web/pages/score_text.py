"""The score as an umpire writes it: "11-7 9-11 11-5", "w/o A", "w/o both", "ret B 11-3 4-2"."""

from __future__ import annotations

import re
from typing import Any

from smallball.errors import InputError
from smallball.i18n import N_

_GAME = re.compile(r"^(\d{1,2})\s*[-:]\s*(\d{1,2})$")
_WAYS = {"w/o": "walkover", "wo": "walkover", "ret": "retired", "dq": "disqualified"}


def parse_score(text: str) -> dict[str, Any]:
    """A ``ResultIn`` as a dict; the side after w/o wins (``both``: neither came), the side
    after ret/dq stops."""
    tokens = [t for t in re.split(r"[\s,;]+", text.strip()) if t]
    if not tokens:
        raise InputError("score", N_("write the games, e.g. 11-7 9-11 11-5 11-8"))
    result: dict[str, Any] = {}
    way = _WAYS.get(tokens[0].lower())
    if way:
        sides = ("a", "b", "both") if way == "walkover" else ("a", "b")
        if len(tokens) < 2 or tokens[1].lower() not in sides:
            if way == "walkover":
                message = N_("say which side after {game}: A, B, or both if neither came")
            else:
                message = N_("say which side after {game}: A or B")
            raise InputError("score", message, game=tokens[0])
        result[way] = tokens[1].lower()
        tokens = tokens[2:]
    games = []
    for token in tokens:
        found = _GAME.match(token)
        if not found:
            raise InputError("score", N_("{token!r} is not a game score such as 11-7"), token=token)
        games.append([int(found.group(1)), int(found.group(2))])
    result["games"] = games
    return result
