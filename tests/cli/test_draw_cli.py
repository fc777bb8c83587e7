"""``smallball draw ...`` from outside: JSON in, JSON out, exit 2 naming the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import smallball
from smallball.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "draw-knockout.in.json"
runner = CliRunner()


def run(args: list[str], data: Any) -> tuple[int, str, str]:
    text = data if isinstance(data, str) else json.dumps(data)
    result = runner.invoke(app, args, input=text)
    return result.exit_code, result.stdout, result.stderr


def test_knockout_from_the_example_file() -> None:
    proc = smallball("draw", "knockout", str(EXAMPLE))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    entries = json.loads(EXAMPLE.read_text())["entries"]
    assert out["size"] == 32 and len(out["positions"]) == 32
    assert out["positions"].count("BYE") == 9
    assert sorted(p for p in out["positions"] if p != "BYE") == sorted(e["id"] for e in entries)
    assert out["distinct_country_pairs"] == len(out["first_round_country_pairs"])


def test_knockout_friendship_with_history_on_stdin() -> None:
    data = {
        "entries": [
            {"id": f"p{i}", "associations": [["CHN", "USA", "JPN", "GER"][i % 4]]}
            for i in range(12)
        ]
        + [{"id": "pair", "associations": ["USA", "CHN"], "seed": 1}],
        "seeds": 1,
        "policy": "friendship",
        "history": [["CHN", "USA"]],
        "random_seed": 7,
    }
    code, out, err = run(["draw", "knockout"], data)
    assert code == 0, err
    result = json.loads(out)
    assert result["positions"][0] == "pair"
    pairs = {tuple(p["pair"]): p["new"] for p in result["first_round_country_pairs"]}
    assert pairs.get(("CHN", "USA"), False) is False


def test_groups_and_qualifiers_commands() -> None:
    data = {
        "entries": [
            {"id": f"p{i}", "associations": [f"A{i % 5}"], **({"seed": i + 1} if i < 4 else {})}
            for i in range(16)
        ],
        "groups": 4,
        "random_seed": 1,
    }
    code, out, err = run(["draw", "groups"], data)
    assert code == 0, err
    groups = json.loads(out)["groups"]
    assert [g[0] for g in groups] == ["p0", "p1", "p2", "p3"]
    code, out, err = run(["draw", "qualifiers"], {"groups": groups, "qualifiers": 2})
    assert code == 0, err
    positions = json.loads(out)["positions"]
    assert positions[0] == groups[0][0] and positions[-1] == groups[1][0]


ENTRY = {"id": "a", "associations": ["CHN"]}
OTHER = {"id": "b", "associations": ["USA"]}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ("[1, 2", "input"),
        ([], "input"),
        ({"entries": [ENTRY, OTHER], "colour": 1}, "colour"),
        ({}, "entries"),
        ({"entries": "a"}, "entries"),
        ({"entries": [ENTRY, ENTRY]}, "entries[1].id"),
        ({"entries": [ENTRY, {"id": "b", "associations": []}]}, "entries[1].associations"),
        ({"entries": [ENTRY, {"id": "b", "associations": [""]}]}, "entries[1].associations[0]"),
        ({"entries": [ENTRY, {"id": 3, "associations": ["X"]}]}, "entries[1].id"),
        ({"entries": [{**ENTRY, "seed": 1}, {**OTHER, "seed": 1}]}, "entries[1].seed"),
        ({"entries": [{**ENTRY, "seed": 0}, OTHER]}, "entries[0].seed"),
        ({"entries": [{**ENTRY, "seed": "1"}, OTHER]}, "entries[0].seed"),
        ({"entries": [{**ENTRY, "seed": 3}, OTHER], "seeds": 2}, "entries[0].seed"),
        ({"entries": [{**ENTRY, "seed": 2}, OTHER], "seeds": 2}, "seeds"),
        ({"entries": [ENTRY, OTHER], "seeds": 3}, "seeds"),
        ({"entries": [ENTRY, OTHER], "policy": "mixed"}, "policy"),
        ({"entries": [ENTRY, OTHER], "history": [["CHN"]]}, "history[0]"),
        ({"entries": [ENTRY, OTHER], "random_seed": -1}, "random_seed"),
        ({"entries": [ENTRY, {**OTHER, "rank": 3}]}, "entries[1].rank"),
    ],
)
def test_knockout_bad_input_exits_2_naming_the_field(data: Any, field: str) -> None:
    code, out, err = run(["draw", "knockout"], data)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {field}"), err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("command", "data", "field"),
    [
        ("groups", {"entries": [ENTRY, OTHER]}, "groups"),
        ("groups", {"entries": [ENTRY, OTHER], "groups": 2}, "groups"),
        ("qualifiers", {"groups": [["a", "b"], ["a", "c"]]}, "groups[1][0]"),
        ("qualifiers", {"groups": [["a", "b"]], "qualifiers": 3}, "groups[0]"),
    ],
)
def test_groups_bad_input(command: str, data: Any, field: str) -> None:
    code, _, err = run(["draw", command], data)
    assert code == 2
    assert err.startswith(f"error: {field}:"), err
