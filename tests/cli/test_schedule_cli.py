"""``smallball schedule``: JSON in and out; bad input exits 2 with one line naming the field."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import smallball
from smallball.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "schedule-small.in.json"


def base() -> dict[str, Any]:
    return {
        "tables": 2,
        "featured_tables": [1],
        "sessions": [
            {"start": "2026-05-01T09:00:00+08:00", "end": "2026-05-01T12:00:00+08:00"},
            {"start": "2026-05-02T09:00:00+08:00", "end": "2026-05-02T12:00:00+08:00"},
        ],
        "min_rest_minutes": 20,
        "matches": [
            {"id": "m1", "players": ["p1", "p2"], "duration_minutes": 30},
            {"id": "m2", "players": ["p3", "p4"], "discipline": "doubles", "best_of": 5},
            {
                "id": "m3",
                "players": ["p1", "p3"],
                "duration_minutes": 30,
                "after": ["m1", "m2"],
                "featured": True,
            },
        ],
        "time_limit_s": 2,
        "workers": 1,
    }


def run(data: Any) -> Any:
    return CliRunner().invoke(app, ["schedule"], input=json.dumps(data))


def test_plan_is_printed_with_times_in_the_sessions_offset() -> None:
    result = run(base())
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["violations"] == []
    at = {a["match"]: a for a in out["assignments"]}
    assert set(at) == {"m1", "m2", "m3"}
    for a in at.values():
        assert a["start"].endswith("+08:00")
    start3 = datetime.fromisoformat(at["m3"]["start"])
    end1 = datetime.fromisoformat(at["m1"]["end"])
    assert (start3 - end1).total_seconds() >= 20 * 60
    assert at["m3"]["table"] == 1
    assert out["lower_bound_minutes"] <= out["makespan_minutes"]
    last = max(datetime.fromisoformat(a["end"]) for a in at.values())
    first = datetime.fromisoformat("2026-05-01T09:00:00+08:00")
    assert out["makespan_minutes"] == (last - first).total_seconds() // 60


def test_example_file_through_python_m() -> None:
    data = json.loads(EXAMPLE.read_text())
    data["time_limit_s"] = 2
    done = smallball("schedule", data=data)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert len(out["assignments"]) == len(data["matches"])
    assert out["violations"] == []


BAD_INPUTS: list[tuple[Callable[[dict[str, Any]], Any], str]] = [
    (lambda d: d.update(tables=0), "tables"),
    (lambda d: d.update(tables="8"), "tables"),
    (lambda d: d.update(sessions=[]), "sessions"),
    (lambda d: d["sessions"][0].update(start="2026-05-01T09:00:00"), "sessions[0].start"),
    (lambda d: d["sessions"][0].update(end="yesterday"), "sessions[0].end"),
    (lambda d: d["sessions"][1].update(start="2026-05-01T10:00:00+08:00"), "sessions[1].start"),
    (lambda d: d["sessions"][0].update(end="2026-05-01T08:00:00+08:00"), "sessions[0].end"),
    (lambda d: d.update(min_rest_minutes=-5), "min_rest_minutes"),
    (lambda d: d.update(matches={}), "matches"),
    (lambda d: d["matches"][1].update(id="m1"), "matches[1].id"),
    (lambda d: d["matches"][0].update(duration_minutes=0), "matches[0].duration_minutes"),
    (lambda d: d["matches"][0].pop("duration_minutes"), "matches[0].duration_minutes"),
    (lambda d: d["matches"][1].update(best_of=4), "matches[1].best_of"),
    (lambda d: d["matches"][2].update(after=["zz"]), "matches[2].after[0]"),
    (lambda d: d["matches"][0].update(after=["m3"]), "matches[0].after"),
    (lambda d: d["matches"][0].update(table=9), "matches[0].table"),
    (lambda d: d["matches"][0].update(players=["p1", 2]), "matches[0].players[1]"),
    (lambda d: d["matches"][0].update(not_before="soon"), "matches[0].not_before"),
    (lambda d: d["matches"][0].update(colour="red"), "matches[0].colour"),
    (lambda d: d.update(featured_tables=[5]), "featured_tables[0]"),
    (lambda d: d.update(time_limit_s=0), "time_limit_s"),
    (lambda d: d.update(solver="magic"), "solver"),
    (lambda d: d.update(max_matches_per_session=0), "max_matches_per_session"),
    (lambda d: d["matches"][0].update(round=""), "matches[0].round"),
    (lambda d: d["matches"][0].update(round=3), "matches[0].round"),
    (
        lambda d: [m.update(round="MS") for m in d["matches"]],
        "matches[2].round",
    ),
]


@pytest.mark.parametrize(("change", "field"), BAD_INPUTS)
def test_bad_input_exits_2_naming_the_field(change: Any, field: str) -> None:
    data = base()
    change(data)
    result = run(data)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {field}: ")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("change", "field"), BAD_INPUTS)
def test_bad_input_is_told_in_chinese_under_a_chinese_locale(change: Any, field: str) -> None:
    """The same refusals under SMALLBALL_LANG=zh_CN: the field as given, the reason in Chinese."""
    data = base()
    change(data)
    result = CliRunner().invoke(
        app, ["schedule"], input=json.dumps(data), env={"SMALLBALL_LANG": "zh_CN"}
    )
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"错误: {field}: ")
    reason = line.removeprefix(f"错误: {field}: ")
    assert any("\u4e00" <= c <= "\u9fff" for c in reason), reason


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"SMALLBALL_LANG": None, "LANG": "zh_CN.UTF-8"}, "错误: tables: 至少为 1，实际为 0"),
        (
            {"SMALLBALL_LANG": None, "LC_ALL": None, "LANG": "C.UTF-8"},
            "error: tables: must be at least 1, got 0",
        ),
        (
            {"SMALLBALL_LANG": "en", "LANG": "zh_CN.UTF-8"},
            "error: tables: must be at least 1, got 0",
        ),
    ],
)
def test_the_locale_chooses_the_language(env: dict[str, str | None], expected: str) -> None:
    data = base()
    data["tables"] = 0
    clean = {"LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None}
    result = CliRunner().invoke(app, ["schedule"], input=json.dumps(data), env={**clean, **env})
    assert result.exit_code == 2
    assert result.stderr.strip() == expected


def test_unreadable_json_is_told_in_chinese() -> None:
    result = CliRunner().invoke(app, ["schedule"], input="{nope", env={"SMALLBALL_LANG": "zh_CN"})
    assert result.exit_code == 2
    assert result.stderr.startswith("错误: input: 第 1 行第 2 列不是有效的 JSON：")


def test_not_an_object_and_not_json() -> None:
    assert run([1, 2]).exit_code == 2
    result = CliRunner().invoke(app, ["schedule"], input="{nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: input: invalid JSON")


def test_greedy_solver_and_overflow_is_reported() -> None:
    data = base()
    data["solver"] = "greedy"
    data["sessions"] = [data["sessions"][0]]
    data["matches"] = [
        {"id": f"m{i}", "players": ["star", f"q{i}"], "duration_minutes": 60} for i in range(4)
    ]
    result = run(data)
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["solver"].startswith("greedy")
    assert {v["kind"] for v in out["violations"]} == {"outside_sessions"}


def test_rounds_let_alternatives_share_a_time() -> None:
    # Both first-round slots list everyone (the group is not played yet); a player plays one of
    # them, so they can be played side by side, and only the final waits for the rest.
    data = base()
    everyone = ["p1", "p2", "p3", "p4"]
    data["featured_tables"] = []
    data["matches"] = [
        {"id": "sf1", "players": everyone, "duration_minutes": 30, "round": "R1"},
        {"id": "sf2", "players": everyone, "duration_minutes": 30, "round": "R1"},
        {"id": "f", "players": everyone, "duration_minutes": 30, "after": ["sf1", "sf2"]},
    ]
    result = run(data)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["violations"] == []
    at = {a["match"]: a for a in out["assignments"]}
    assert at["sf1"]["start"] == at["sf2"]["start"]
    assert out["makespan_minutes"] == out["lower_bound_minutes"] == 30 + 20 + 30
    without = base()
    without["featured_tables"] = []
    without["matches"] = [{k: v for k, v in m.items() if k != "round"} for m in data["matches"]]
    plain = json.loads(run(without).stdout)
    assert plain["makespan_minutes"] == 3 * 30 + 2 * 20
