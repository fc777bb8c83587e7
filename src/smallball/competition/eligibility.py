"""Who may enter a competition: gender, age, rating, pairs across associations, quotas.

Pure: the app layer turns people into ``Candidate`` facts and asks ``problems``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from smallball.errors import N_, InputError, Refusal

CROSS_ASSOCIATION = ("allowed", "required", "forbidden")
GENDER_RULES = ("M", "F", "mixed", "open")


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    gender: str
    birth_year: int | None
    country: str
    rating: float | None


@dataclass(frozen=True, slots=True)
class Eligibility:
    gender: str = "open"  # M, F, mixed (a pair of one man and one woman), open
    min_age: int | None = None  # age reached in the event's year
    max_age: int | None = None
    min_rating: float | None = None
    max_rating: float | None = None
    # Pairs and teams from two associations (ITTF allows them since 2015).
    cross_association: str = "allowed"
    team_min: int = 3
    team_max: int = 5
    max_foreign: int | None = None  # players in a team not from the delegation's country


def parse_eligibility(raw: Mapping[str, Any], field: str = "eligibility") -> Eligibility:
    known = set(Eligibility.__dataclass_fields__)
    for key in raw:
        if key not in known:
            raise InputError(f"{field}.{key}", N_("unknown eligibility rule"))
    rules = Eligibility(**dict(raw))
    if rules.gender not in GENDER_RULES:
        raise InputError(
            f"{field}.gender", N_("must be one of {expected}"), expected=", ".join(GENDER_RULES)
        )
    if rules.cross_association not in CROSS_ASSOCIATION:
        raise InputError(
            f"{field}.cross_association",
            N_("must be one of {expected}"),
            expected=", ".join(CROSS_ASSOCIATION),
        )
    if rules.team_min < 1 or rules.team_max < rules.team_min:
        raise InputError(f"{field}.team_max", N_("must be at least team_min, which is at least 1"))
    return rules


def problems(
    rules: Eligibility,
    entry_kind: str,
    players: Sequence[Candidate],
    *,
    event_year: int,
    delegation_country: str | None = None,
) -> list[Refusal]:
    """Every reason the entry is not eligible; empty when it is."""
    found: list[Refusal] = []
    size = len(players)
    if entry_kind == "player" and size != 1:
        found.append(Refusal(N_("a singles entry has exactly one player")))
    if entry_kind == "pair" and size != 2:
        found.append(Refusal(N_("a doubles entry has exactly two players")))
    if entry_kind == "team" and not rules.team_min <= size <= rules.team_max:
        found.append(
            Refusal(
                N_("a team has {low} to {high} players, not {size}"),
                low=rules.team_min,
                high=rules.team_max,
                size=size,
            )
        )
    if len({p.name for p in players}) != size:
        found.append(Refusal(N_("a player is listed twice")))
    for p in players:
        found.extend(_player_problems(rules, p, event_year))
    mixed_pair = rules.gender == "mixed" and entry_kind == "pair" and size == 2
    if mixed_pair and sorted(p.gender for p in players) != ["F", "M"]:
        found.append(Refusal(N_("a mixed doubles pair is one man and one woman")))
    countries = {p.country for p in players}
    if entry_kind != "player" and size > 1:
        if rules.cross_association == "required" and len(countries) < 2:
            found.append(Refusal(N_("this competition requires players from two associations")))
        if rules.cross_association == "forbidden" and len(countries) > 1:
            found.append(Refusal(N_("players must come from one association")))
    if rules.max_foreign is not None and delegation_country is not None:
        foreign = sum(1 for p in players if p.country != delegation_country)
        if foreign > rules.max_foreign:
            found.append(
                Refusal(
                    N_("{count} foreign players; at most {limit} allowed"),
                    count=foreign,
                    limit=rules.max_foreign,
                )
            )
    return found


def _player_problems(rules: Eligibility, p: Candidate, event_year: int) -> list[Refusal]:
    found: list[Refusal] = []
    if rules.gender in ("M", "F") and p.gender != rules.gender:
        men = rules.gender == "M"
        found.append(
            Refusal(
                N_("{name}: this competition is for men")
                if men
                else N_("{name}: this competition is for women"),
                name=p.name,
            )
        )
    if rules.min_age is not None or rules.max_age is not None:
        if p.birth_year is None:
            found.append(
                Refusal(N_("{name}: birth year needed for an age-limited competition"), name=p.name)
            )
        else:
            found += _outside(
                p.name,
                ("age", event_year - p.birth_year),
                (rules.min_age, rules.max_age),
                (
                    N_("{name}: aged {age}, the minimum is {limit}"),
                    N_("{name}: aged {age}, the maximum is {limit}"),
                ),
            )
    if rules.min_rating is not None or rules.max_rating is not None:
        if p.rating is None:
            found.append(
                Refusal(N_("{name}: rating needed for a rating-limited competition"), name=p.name)
            )
        else:
            found += _outside(
                p.name,
                ("rating", p.rating),
                (rules.min_rating, rules.max_rating),
                (
                    N_("{name}: rated {rating}, the minimum is {limit}"),
                    N_("{name}: rated {rating}, the maximum is {limit}"),
                ),
            )
    return found


def _outside(
    name: str,
    measured: tuple[str, float],
    limits: tuple[float | None, float | None],
    wording: tuple[str, str],
) -> list[Refusal]:
    """The refusal for a value below its minimum or above its maximum (none inside); numbers
    shown as written (``:g``: 1800, not 1800.0)."""
    key, value = measured
    low, high = limits
    shown = {key: f"{value:g}"}
    out = []
    if low is not None and value < low:
        out.append(Refusal(wording[0], name=name, limit=f"{low:g}", **shown))
    if high is not None and value > high:
        out.append(Refusal(wording[1], name=name, limit=f"{high:g}", **shown))
    return out
