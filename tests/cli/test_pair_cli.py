"""``smallball pair``: JSON out on success; one line naming the field and exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from helpers import smallball

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "pair-mixed.in.json"
GOOD = {
    "mode": "doubles",
    "players": [
        {"id": "a", "country": "CHN", "gender": "M", "rating": 2000, "languages": ["zh"]},
        {"id": "b", "country": "USA", "gender": "F", "rating": 1800, "languages": ["en"]},
    ],
}


def run(data: Any) -> subprocess.CompletedProcess[str]:
    return smallball("pair", data=data, timeout=60)


def test_example_file_is_paired() -> None:
    proc = smallball("pair", str(EXAMPLE), timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    players = json.loads(EXAMPLE.read_text(encoding="utf-8"))["players"]
    placed = [p for g in out["groups"] for p in g]
    assert sorted(placed + out["unassigned"]) == sorted(p["id"] for p in players)
    assert set(out["objective"]) >= {
        "cross_national",
        "strength_spread",
        "shared_language",
        "repeats",
    }
    assert isinstance(out["optimal"], bool)


def test_given_groups_are_scored() -> None:
    proc = run({**GOOD, "groups": [["a", "b"]]})
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["objective"]["cross_national"] == 1
    assert out["strengths"] == [1900.0]


BAD = [
    ("[1, 2]", "input"),
    ("{not json", "input"),
    ({**GOOD, "mode": "triples"}, "mode"),
    ({**GOOD, "players": [{"id": "a", "country": "CHN", "gender": "M"}]}, "players[0].rating"),
    ({**GOOD, "players": [{**GOOD["players"][0], "gender": "W"}]}, "players[0].gender"),
    ({**GOOD, "players": [GOOD["players"][0], GOOD["players"][0]]}, "players[1].id"),
    ({**GOOD, "avoid": [["a", "zz"]]}, "avoid[0][1]"),
    ({**GOOD, "keep": [["a", "b"]], "avoid": [["a", "b"]]}, "keep[0]"),
    ({**GOOD, "cross_national": "maybe"}, "cross_national"),
    ({**GOOD, "objective_order": ["fun"]}, "objective_order[0]"),
    ({**GOOD, "time_limit_s": -1}, "time_limit_s"),
    ({**GOOD, "colour": "red"}, "colour"),
    ({**GOOD, "mode": "teams", "team_size": 1}, "team_size"),
]


@pytest.mark.parametrize(("data", "field"), BAD)
def test_bad_input_exits_2_naming_the_field(data: Any, field: str) -> None:
    proc = run(data)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"error: {field}"), lines[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
