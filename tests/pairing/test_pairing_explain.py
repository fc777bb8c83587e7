"""Infeasible or partly infeasible requests are explained; hand swaps are re-scored."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from smallball.errors import InputError
from smallball.pairing import evaluate, pair
from smallball.pairing.codec import parse_problem

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "pair-mixed.in.json"


def people(spec: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    return [
        {"id": f"p{i}", "country": c, "gender": g, "rating": r, "languages": ["en"]}
        for i, (c, g, r) in enumerate(spec)
    ]


def test_more_men_than_women_is_explained() -> None:
    spec = [("CHN", "M", 1500 + i) for i in range(9)] + [("USA", "F", 1500 + i) for i in range(7)]
    result = pair(parse_problem({"mode": "mixed-doubles", "players": people(spec)}))
    assert len(result.groups) == 7
    assert len(result.unassigned) == 2
    assert "7 women for 9 men: 2 men unpaired" in result.notes


def test_one_association_with_cross_national_required_groups_nobody() -> None:
    spec = [("CHN", "M", 1500 + i) for i in range(6)]
    data = {"mode": "doubles", "players": people(spec), "cross_national": "required"}
    result = pair(parse_problem(data))
    assert result.groups == ()
    assert len(result.unassigned) == 6
    assert any("all 6 players are from CHN" in n for n in result.notes)


def test_keep_and_avoid_on_the_same_pair_is_refused() -> None:
    spec = [("CHN", "M", 1500), ("USA", "F", 1600), ("KOR", "M", 1700), ("JPN", "F", 1800)]
    data = {"players": people(spec), "keep": [["p0", "p1"]], "avoid": [["p1", "p0"]]}
    with pytest.raises(InputError) as caught:
        pair(parse_problem(data))
    assert caught.value.field == "keep[0]"


def test_kept_pair_that_breaks_cross_national_is_refused() -> None:
    spec = [("CHN", "M", 1500), ("CHN", "F", 1600)]
    data = {"players": people(spec), "keep": [["p0", "p1"]], "cross_national": "required"}
    with pytest.raises(InputError, match="cross-national"):
        pair(parse_problem(data))


def test_too_few_women_for_teams_is_explained() -> None:
    spec = [("CHN", "M", 1500 + i) for i in range(7)] + [("USA", "F", 1500), ("USA", "F", 1600)]
    data = {
        "mode": "teams",
        "team_size": 3,
        "players": people(spec),
        "gender_rule": {"min_women": 1},
        "time_limit_s": 5,
    }
    result = pair(parse_problem(data))
    assert len(result.groups) == 2
    assert all(any(pid in ("p7", "p8") for pid in g) for g in result.groups)
    assert any("2 women for 3 teams, so at most 2 teams" in n for n in result.notes)


def test_hand_swap_is_rescored_with_the_same_objective() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["time_limit_s"] = 5
    problem = parse_problem(data)
    result = pair(problem)
    same = evaluate(problem, result.groups)
    assert same.score == result.score
    assert same.violations == ()
    groups = [list(g) for g in result.groups]
    groups[0][1], groups[1][1] = groups[1][1], groups[0][1]
    swapped = evaluate(problem, groups)
    # The solver's spread is optimal, so a swap cannot make it smaller.
    assert swapped.score.strength_spread >= result.score.strength_spread
    assert swapped.score.groups == result.score.groups


def test_hand_swap_that_breaks_the_gender_rule_is_reported() -> None:
    spec = [("CHN", "M", 1500), ("USA", "F", 1600), ("KOR", "M", 1700), ("JPN", "F", 1800)]
    problem = parse_problem({"mode": "mixed-doubles", "players": people(spec)})
    evaluation = evaluate(problem, [["p0", "p2"], ["p1", "p3"]])
    assert evaluation.violations and "needs 1 women" in evaluation.violations[0]


def test_time_limit_is_respected_and_answer_is_feasible() -> None:
    spec = [(f"C{i % 23}", "MF"[i % 2], 1000 + (i * 7919) % 1500) for i in range(400)]
    data = {"players": people(spec), "cross_national": "required", "time_limit_s": 2}
    started = time.monotonic()
    result = pair(parse_problem(data))
    assert time.monotonic() - started < 2.0 + 1.5
    assert len(result.groups) == 200
    by_id = {p["id"]: p for p in people(spec)}
    assert all(by_id[a]["country"] != by_id[b]["country"] for a, b in result.groups)


def _problems() -> list[dict[str, Any]]:
    mixed = [("CHN", "M", 1500 + i) for i in range(9)] + [("USA", "F", 1500 + i) for i in range(7)]
    teams = [("CHN", "M", 1500 + i) for i in range(7)] + [("USA", "F", 1500), ("USA", "F", 1600)]
    lopsided = [("CHN", "M", 1500 + i) for i in range(5)] + [("USA", "M", 1600)]
    return [
        {"mode": "mixed-doubles", "players": people(mixed), "sit_out": ["p0"]},
        {"mode": "doubles", "players": people(lopsided[:5]), "cross_national": "required"},
        {"mode": "doubles", "players": people(lopsided), "cross_national": "required"},
        {"mode": "doubles", "players": people(lopsided[:5]), "delegations": ["CHN", "KOR"]},
        {
            "mode": "teams",
            "team_size": 3,
            "players": people([*teams, ("USA", "M", 1400)]),
            "gender_rule": {"min_women": 1},
            "time_limit_s": 5,
        },
        {
            "mode": "doubles",
            "players": people(lopsided),
            "cross_national": "preferred",
            "shared_language": "preferred",
            "history": [["p0", "p1"], ["p2", "p3"], ["p4", "p5"]],
        },
    ]


def test_notes_and_violations_are_worded_in_chinese() -> None:
    from helpers import english_left

    notes = [n for data in _problems() for n in pair(parse_problem(data)).notes]
    assert {n: left for n in notes if (left := english_left(n))} == {}
    # Every kind of note the problems above raise, so a new one without a translation shows.
    assert len({n.template for n in notes}) >= 8
    spec = [("CHN", "M", 1500), ("CHN", "F", 1600), ("USA", "M", 1700), ("USA", "F", 1800)]
    data = {"players": people(spec), "cross_national": "required", "keep": [["p1", "p2"]]}
    checked = evaluate(parse_problem(data), [["p0", "p1"], ["p2", "p0"]])
    assert len(checked.violations) >= 3
    assert {v: left for v in checked.violations if (left := english_left(v))} == {}


def test_a_note_reads_in_chinese() -> None:
    from smallball.i18n import translations
    from smallball.words import localize

    spec = [("CHN", "M", 1500 + i) for i in range(9)] + [("USA", "F", 1500 + i) for i in range(7)]
    result = pair(parse_problem({"mode": "mixed-doubles", "players": people(spec)}))
    shown = localize(list(result.notes), translations("zh_CN").gettext)
    assert "7 名女选手对 9 名男选手：2 名男选手无法配对" in shown  # type: ignore[operator]
