"""``smallball tie``: JSON in and out; bad input exits 2 with one line naming the field."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import smallball
from smallball.cli import app

runner = CliRunner()

CHN = {"A": "Ma Long", "B": "Fan Zhendong", "C": "Wang Chuqin"}
JPN = {"X": "Harimoto", "Y": "Togami", "Z": "Tanaka"}
WIN, LOSS = [[11, 7], [11, 8], [11, 9]], [[7, 11], [8, 11], [9, 11]]


def run(data: Any) -> Any:
    return runner.invoke(app, ["tie"], input=json.dumps(data))


def test_an_olympic_tie_through_a_subprocess() -> None:
    tie = {
        "format": "olympic",
        "home": {"positions": CHN},
        "away": {"positions": JPN},
        "rubbers": [WIN, LOSS, WIN, WIN],
    }
    done = smallball("tie", data=tie)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["decided"] and out["winner"] == "home" and out["next_rubber"] is None
    assert out["rubbers_won"] == [3, 1] and out["games_won"] == [9, 3]
    # The Olympic order: the doubles B & C v Y & Z first, then A v X, C v Z, A v Y, B v X.
    sides = [(r["home"], r["away"]) for r in out["rubbers"]]
    assert sides == [
        ([CHN["B"], CHN["C"]], [JPN["Y"], JPN["Z"]]),
        ([CHN["A"]], [JPN["X"]]),
        ([CHN["C"]], [JPN["Z"]]),
        ([CHN["A"]], [JPN["Y"]]),
    ]
    assert [r["winner"] for r in out["rubbers"]] == ["home", "away", "home", "home"]


def test_a_tie_in_progress_names_the_next_rubber_and_the_free_doubles() -> None:
    home = {
        "positions": {"A": "Sun Yingsha", "B": "Wang Manyu"},
        "rubbers": {"2": ["Chen", "Wang"]},
    }
    away = {"positions": {"X": "Hayata", "Y": "Hirano"}, "rubbers": {"2": ["Ito", "Hayata"]}}
    out = run(
        {"format": "corbillon", "home": home, "away": away, "rubbers": [WIN, LOSS, [[11, 3]]]}
    )
    assert out.exit_code == 0, out.output
    state = json.loads(out.stdout)
    assert not state["decided"] and state["next_rubber"] == 2
    doubles = state["rubbers"][2]
    assert doubles["name"] == "doubles" and doubles["home"] == ["Chen", "Wang"]
    assert doubles["games_won"] == [1, 0] and not doubles["finished"]


@pytest.mark.parametrize(
    ("tie", "line"),
    [
        ({"format": "davis"}, "error: format: unknown format 'davis'"),
        ({}, "error: format: is required"),
        ({"format": "olympic", "home": {"rubbers": {"x": ["A"]}}}, "error: home.rubbers.x: "),
        ({"format": "olympic", "home": {"positions": {"A": 7}}}, "error: home.positions.A: "),
        ({"format": "olympic", "away": {"genders": {"p": "X"}}}, "error: away.genders.p: "),
        ({"format": "olympic", "rubbers": {}}, "error: rubbers: must be a list"),
        ({"format": "olympic", "seats": 3}, "error: seats: unknown field"),
        (
            {"format": "olympic", "home": {"positions": {**CHN, "B": CHN["A"]}}},
            "error: home.positions.B: Ma Long already plays as A",
        ),
        (
            {
                "format": "olympic",
                "home": {"positions": CHN},
                "away": {"positions": JPN},
                "rubbers": [WIN, WIN, WIN, LOSS],
            },
            "error: rubbers[3]: the tie is already decided",
        ),
        (
            {
                "format": "corbillon",
                "home": {"positions": CHN},
                "away": {"positions": JPN},
                "rubbers": [WIN, WIN, [[11, 5]]],
            },
            "error: home.rubbers.2: name the players of doubles first",
        ),
    ],
)
def test_bad_input_exits_2_naming_the_field(tie: dict[str, Any], line: str) -> None:
    out = run(tie)
    assert out.exit_code == 2
    assert out.stderr.startswith(line), out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
