"""``smallball rules replay`` from outside: JSON in, JSON out, exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from helpers import smallball

FIXTURES = Path(__file__).parents[1] / "sport" / "fixtures"


def run(payload: Any, *args: str) -> subprocess.CompletedProcess[str]:
    return smallball("rules", "replay", *args, data=payload)


def singles(events: list[Any], **extra: Any) -> dict[str, Any]:
    return {
        "sport": "table-tennis",
        "best_of": 3,
        "sides": [["P"], ["Q"]],
        "first_server": "P",
        "events": events,
        **extra,
    }


def test_replays_the_example_from_a_file() -> None:
    done = run("", str(FIXTURES / "rules-replay-doubles.in.json"))
    assert done.returncode == 0, done.stderr
    expected = json.loads((FIXTURES / "rules-replay-doubles.out.json").read_text())
    got = json.loads(done.stdout)
    assert {k: got[k] for k in expected} == expected


def test_reads_standard_input_and_reports_the_next_rally() -> None:
    done = run(singles(["A", "A", "B"]))
    assert done.returncode == 0, done.stderr
    current = json.loads(done.stdout)["current"]
    assert current == {
        "game": 1,
        "score": [2, 1],
        "server": "Q",
        "receiver": "P",
        "expedite": False,
    }


def test_badminton_through_the_same_command() -> None:
    done = run(
        {
            "sport": "badminton",
            "sides": [["P"], ["Q"]],
            "first_server": "P",
            "best_of": 3,
            "events": ["A"] * 21,
        }
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["games"] == [[21, 0]] and out["current"]["court"] == "right"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (singles(["A", "C"]), "events[1]: unknown side 'C'"),
        (singles(["A"] * 23), "events[22]: the match is already over"),
        (singles(["A", "B"] * 9 + [{"type": "expedite"}]), "events[18]: the expedite system"),
        (singles([], best_of=4), "best_of: must be an odd number of games, got 4"),
        (
            {
                "sides": [["A1", "A2"], ["B1", "B2"]],
                "first_server": "A1",
                "first_receiver": "B1",
                "game_first_servers": {"2": "A1"},
                "events": [],
            },
            "game_first_servers.2: 'A1' is not in the serving pair (B1, B2)",
        ),
        ({"sport": "squash", "sides": [["P"], ["Q"]], "first_server": "P"}, "sport: unknown"),
        (singles([{"type": "let"}]), "events[0].type: unknown event type 'let'"),
        (singles([{"type": "timeout", "side": "Z"}]), "events[0].side: unknown side 'Z'"),
        (singles([{"type": "undo"}]), "events[0]: there is nothing to undo"),
        ("{not json", "input: invalid JSON at line 1 column 2"),
        ([1, 2], "input: must be a JSON object"),
        (singles([], colour="red"), "colour: unknown field"),
    ],
)
def test_bad_input_exits_2_with_one_line(payload: Any, message: str) -> None:
    done = run(payload)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert message in lines[0]
    assert "Traceback" not in done.stderr


def test_missing_file_exits_2() -> None:
    done = run("", "/nonexistent/match.json")
    assert done.returncode == 2
    assert "input: cannot read" in done.stderr
