"""Entry eligibility: every reason an entry is refused, in English and worded again in Chinese."""

from __future__ import annotations

from smallball.competition.eligibility import Candidate, Eligibility, problems
from smallball.errors import translate
from smallball.i18n import translations


def reasons(rules: Eligibility, *players: Candidate, kind: str = "player") -> list[str]:
    return [str(r) for r in problems(rules, kind, list(players), event_year=2026)]


def test_age_and_rating_limits_name_the_player_and_the_limit() -> None:
    young = Candidate("Li Na", "F", 2012, "CHN", 1450.5)
    old = Candidate("Ann Lee", "F", 1950, "USA", None)
    rules = Eligibility(min_age=15, max_age=70, min_rating=1500, max_rating=2000)
    assert reasons(rules, young) == [
        "Li Na: aged 14, the minimum is 15",
        "Li Na: rated 1450.5, the minimum is 1500",
    ]
    assert reasons(rules, old) == [
        "Ann Lee: aged 76, the maximum is 70",
        "Ann Lee: rating needed for a rating-limited competition",
    ]
    inside = Candidate("Sun Wei", "M", 2000, "CHN", 1800)
    assert reasons(rules, inside) == []
    no_year = Candidate("Bo", "M", None, "CHN", 1600)
    assert reasons(Eligibility(max_age=20), no_year) == [
        "Bo: birth year needed for an age-limited competition"
    ]


def test_pair_and_team_reasons() -> None:
    man = Candidate("Ma", "M", 1990, "CHN", None)
    other = Candidate("Jo", "M", 1991, "USA", None)
    assert reasons(Eligibility(gender="mixed"), man, other, kind="pair") == [
        "a mixed doubles pair is one man and one woman"
    ]
    assert reasons(Eligibility(cross_association="forbidden"), man, other, kind="pair") == [
        "players must come from one association"
    ]
    assert reasons(Eligibility(team_min=3), man, other, kind="team") == [
        "a team has 3 to 5 players, not 2"
    ]


def test_each_reason_is_worded_in_chinese() -> None:
    zh = translations("zh_CN").gettext
    found = problems(
        Eligibility(gender="M", min_age=15),
        "player",
        [Candidate("Li Na", "F", 2012, "CHN", None)],
        event_year=2026,
    )
    assert [translate(r.template, r.params, zh) for r in found] == [
        "Li Na：本比赛仅限男子",
        "Li Na：年龄 14 岁，下限为 15 岁",
    ]
