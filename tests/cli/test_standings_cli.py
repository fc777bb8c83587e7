"""``smallball standings``: JSON in and out; bad input exits 2 with one line naming the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import smallball
from smallball.cli import app

FIXTURES = Path(__file__).parent.parent / "competition" / "fixtures"
runner = CliRunner()


def run(data: Any) -> Any:
    return runner.invoke(app, ["standings"], input=json.dumps(data))


def test_fixture_through_a_subprocess() -> None:
    expected = json.loads((FIXTURES / "standings-group.expected.json").read_text())
    done = smallball("standings", str(FIXTURES / "standings-group.in.json"))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert [row["entry"] for row in out["standings"]] == expected["order"]
    assert out["needs_lot"] == expected["needs_lot"]
    assert {r["entry"]: r["match_points"] for r in out["standings"]} == expected["match_points"]
    assert out["steps"]


def test_output_rows_and_lots() -> None:
    result = run(
        {
            "kind": "individual",
            "entries": ["P5", "P6", "P7"],
            "matches": [
                {"a": "P5", "b": "P7", "games": [[11, 5], [9, 11], [11, 7], [11, 8]]},
                {"a": "P6", "b": "P7", "walkover": "P6"},
            ],
        }
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    rows = {r["entry"]: r for r in out["standings"]}
    assert out["needs_lot"] == [["P5", "P6"]]
    assert rows["P5"]["rank"] == rows["P6"]["rank"] == 1
    assert rows["P7"]["rank"] == 3
    assert rows["P5"] == {
        "entry": "P5",
        "rank": 1,
        "match_points": 2,
        "won": 1,
        "lost": 0,
        "games_won": 3,
        "games_lost": 1,
        "points_won": 42,
        "points_lost": 5 + 11 + 7 + 8,
    }
    # P7: 1 for the played loss, 0 for the walkover; by default a walkover counts 3-0, 33-0
    assert rows["P7"]["match_points"] == 1
    assert (rows["P7"]["games_won"], rows["P7"]["games_lost"]) == (1, 6)


def test_team_rows_carry_rubbers() -> None:
    win = {"games": [[11, 1], [11, 1], [11, 1]]}
    loss = {"games": [[1, 11], [1, 11], [1, 11]]}
    result = run(
        {
            "kind": "team",
            "entries": ["CHN", "USA"],
            "matches": [{"a": "USA", "b": "CHN", "rubbers": [loss, win, loss, loss]}],
        }
    )
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout)["standings"][0]
    assert first["entry"] == "CHN"
    assert (first["rubbers_won"], first["rubbers_lost"]) == (3, 1)
    assert (first["games_won"], first["games_lost"]) == (9, 3)


def test_unfinished_policy_is_an_input_option() -> None:
    data = {
        "entries": ["A", "B"],
        "unfinished": "ignore",
        "matches": [{"a": "A", "b": "B", "retired": "B", "games": [[11, 3], [4, 2]]}],
    }
    result = run(data)
    assert result.exit_code == 0, result.output
    top = json.loads(result.stdout)["standings"][0]
    assert (top["entry"], top["games_won"], top["points_won"]) == ("A", 0, 0)


GOOD = {"a": "P1", "b": "P2", "games": [[11, 5], [11, 5], [11, 5]]}


@pytest.mark.parametrize(
    ("data", "prefix"),
    [
        ([], "input:"),
        ({"entries": ["P1", "P2"], "matches": [GOOD], "colour": 1}, "colour:"),
        ({"kind": "pairs", "entries": ["P1", "P2"]}, "kind:"),
        ({"entries": "P1"}, "entries:"),
        ({"entries": ["P1", "P1"]}, "entries[1]:"),
        (
            {"entries": ["P1", "P2"], "matches": [{"a": "P1", "b": "P9", "walkover": "P1"}]},
            "matches[0].b: P9 is not in entries",
        ),
        (
            {"entries": ["P1", "P2"], "matches": [{"a": "P1", "b": "P1", "walkover": "P1"}]},
            "matches[0].b:",
        ),
        (
            {"entries": ["P1", "P2"], "matches": [GOOD, {**GOOD, "a": "P2", "b": "P1"}]},
            "matches[1]: P2 and P1 already met in matches[0]",
        ),
        (
            {
                "entries": ["P1", "P2"],
                "matches": [{"a": "P1", "b": "P2", "games": [[11, 5], [11, 10], [11, 5]]}],
            },
            "matches[0].games[1]: 11-10 is not a finished game",
        ),
        (
            {
                "entries": ["P1", "P2"],
                "matches": [{"a": "P1", "b": "P2", "games": [[12, 5], [11, 5], [11, 5]]}],
            },
            "matches[0].games[0]: 12-5",
        ),
        (
            {
                "entries": ["P1", "P2"],
                "matches": [{"a": "P1", "b": "P2", "games": [[11, 5], "x", [11, 5]]}],
            },
            "matches[0].games[1]:",
        ),
        (
            {"entries": ["P1", "P2"], "matches": [{"a": "P1", "b": "P2", "walkover": "P3"}]},
            "matches[0].walkover: P3 does not play",
        ),
        (
            {
                "entries": ["P1", "P2"],
                "matches": [{"a": "P1", "b": "P2", "walkover": "P1", "games": [[11, 5]]}],
            },
            "matches[0].games: a walkover has no games",
        ),
        (
            {
                "entries": ["P1", "P2"],
                "matches": [{"a": "P1", "b": "P2", "retired": "P2", "games": [[11, 5], [13, 9]]}],
            },
            "matches[0].games[1]:",
        ),
        ({"entries": ["P1", "P2"], "matches": [{"a": "P1", "b": "P2"}]}, "matches[0].games:"),
        (
            {"entries": ["P1", "P2"], "matches": [{"a": "P1", "b": "P2", "double_walkover": 1}]},
            "matches[0].double_walkover: must be true when given",
        ),
        ({"kind": "team", "entries": ["P1", "P2"], "matches": [GOOD]}, "matches[0].games:"),
        ({"entries": ["P1", "P2"], "best_of": 4}, "best_of:"),
        ({"entries": ["P1", "P2"], "unfinished": "maybe"}, "unfinished:"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_field(data: Any, prefix: str) -> None:
    result = run(data)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {prefix}")
    assert "Traceback" not in result.output


def test_invalid_json_exits_2() -> None:
    result = runner.invoke(app, ["standings"], input="{")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: input:")


def test_a_double_walkover_is_a_loss_for_both() -> None:
    result = run(
        {
            "entries": ["P1", "P2", "P3"],
            "matches": [
                {"a": "P1", "b": "P2", "double_walkover": True},
                {"a": "P1", "b": "P3", "games": [[11, 5], [11, 5], [11, 5]]},
            ],
        }
    )
    assert result.exit_code == 0, result.output
    rows = {r["entry"]: r for r in json.loads(result.stdout)["standings"]}
    assert {e: (r["match_points"], r["won"], r["lost"]) for e, r in rows.items()} == {
        "P1": (2, 1, 1),
        "P2": (0, 0, 1),
        "P3": (1, 0, 1),
    }
