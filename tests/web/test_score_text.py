from __future__ import annotations

import pytest

from smallball.errors import InputError
from smallball.web.pages.score_text import parse_score


def test_games_in_the_usual_spellings() -> None:
    assert parse_score("11-7 9-11, 11:5;11-8") == {"games": [[11, 7], [9, 11], [11, 5], [11, 8]]}


def test_walkover_retirement_disqualification() -> None:
    assert parse_score("w/o B") == {"walkover": "b", "games": []}
    assert parse_score("ret a 11-3 4-2") == {"retired": "a", "games": [[11, 3], [4, 2]]}
    assert parse_score("DQ b") == {"disqualified": "b", "games": []}
    assert parse_score("w/o both") == {"walkover": "both", "games": []}


@pytest.mark.parametrize(
    "text", ["", "11-7 x", "w/o", "ret C 11-3", "111-7", "ret both", "dq both"]
)
def test_unreadable_scores_name_the_field(text: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_score(text)
    assert raised.value.field == "score"
