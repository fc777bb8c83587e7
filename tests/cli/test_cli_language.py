"""Every engine command refuses bad input in Chinese under a Chinese locale: each leaf of its
example input, given the wrong type, either still works or is refused with a Chinese reason."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from smallball.cli import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXAMPLES = {
    "rules replay": "rules-replay-doubles.in.json",
    "standings": "standings-group.in.json",
    "draw knockout": "draw-knockout.in.json",
    "pair": "pair-mixed.in.json",
    "schedule": "schedule-small.in.json",
}


def leaves(
    node: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from leaves(value, (*path, i))
    else:
        yield path, node


def with_leaf(data: Any, path: tuple[str | int, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(data))
    node = copy
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return copy


def chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


@pytest.mark.parametrize("command", sorted(EXAMPLES))
def test_each_wrong_leaf_is_refused_in_chinese(command: str) -> None:
    data = json.loads((FIXTURES / EXAMPLES[command]).read_text(encoding="utf-8"))
    if command == "schedule":
        data["time_limit_s"] = 1
    runner = CliRunner()
    refused = []
    for path, value in leaves(data):
        bad = with_leaf(data, path, 12345 if isinstance(value, str) else "x")
        result = runner.invoke(
            app, command.split(), input=json.dumps(bad), env={"SMALLBALL_LANG": "zh_CN"}
        )
        assert result.exit_code in (0, 2), (path, result.output)
        if result.exit_code == 2:
            (line,) = result.stderr.strip().splitlines()
            prefix, field, reason = line.split(": ", 2)
            assert prefix == "错误"
            assert field
            assert chinese(reason), (path, line)
            refused.append(path)
    assert len(refused) >= 3  # the example's leaves do reach the refusals


def _pair(data: Any, lang: str) -> Any:
    return CliRunner().invoke(app, ["pair"], input=json.dumps(data), env={"SMALLBALL_LANG": lang})


def test_pair_notes_and_kept_group_reasons_follow_the_language() -> None:
    players = [
        {"id": f"m{i}", "country": "CHN", "gender": "M", "rating": 1500 + i, "languages": ["en"]}
        for i in range(3)
    ] + [{"id": "w0", "country": "USA", "gender": "F", "rating": 1600, "languages": ["en"]}]
    data = {"mode": "mixed-doubles", "players": players}
    english, chinese_run = _pair(data, "en"), _pair(data, "zh_CN")
    assert json.loads(english.stdout)["notes"] == ["1 woman for 3 men: 2 men unpaired"]
    notes = json.loads(chinese_run.stdout)["notes"]
    assert notes == ["1 名女选手对 3 名男选手：2 名男选手无法配对"]
    kept = {**data, "mode": "doubles", "cross_national": "required", "keep": [["m0", "m1"]]}
    refused = _pair(kept, "zh_CN")
    assert refused.exit_code == 2
    assert refused.stderr.strip() == "错误: keep[0]: m0, m1 不能组成一组：不是跨国组合"
