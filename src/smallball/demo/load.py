"""Load the Friendship Open through the same use cases the web platform calls."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from smallball.app import delegations, draws, entries, events, order_of_play, results
from smallball.app.context import Context, Services
from smallball.app.results import list_matches
from smallball.app.users import UserIn, create_user
from smallball.demo.people import DELEGATIONS
from smallball.pairing.codec import parse_problem
from smallball.pairing.solve import pair

ORGANISER_EMAIL = "organiser@friendship-open.example"
ORGANISER_PASSWORD = "pingpong-1971"
TIME_ZONE = "Asia/Shanghai"


@dataclass
class Loaded:
    event_id: int
    slug: str
    organiser_email: str
    organiser_password: str
    delegations: int
    players: int
    results: int


def load_demo(svc: Services, *, today: date | None = None, seed: int = 1971) -> Loaded:
    rng = random.Random(seed)
    start = today or datetime.now(ZoneInfo(TIME_ZONE)).date()
    organiser = svc.run(
        None,
        create_user,
        UserIn(
            email=ORGANISER_EMAIL,
            display_name="Friendship Open organiser",
            password=ORGANISER_PASSWORD,
            is_admin=True,
        ),
    )
    return svc.run(organiser, _load, start, rng)


def _load(ctx: Context, start: date, rng: random.Random) -> Loaded:
    event = events.create_event(
        ctx,
        events.EventIn(
            slug="friendship-open",
            name={"en": "Friendship Open 2026", "zh_CN": "2026 友谊公开赛"},
            starts_on=start,
            ends_on=start + timedelta(days=3),
            time_zone=TIME_ZONE,
            venue="Capital Gymnasium, Beijing",
            tables=12,
            co_hosts=[
                events.OrganisationIn(
                    name="Chinese Table Tennis Association", kind="association", country="CHN"
                ),
                events.OrganisationIn(name="USA Table Tennis", kind="association", country="USA"),
            ],
        ),
    )
    comps = {
        code: events.add_competition(ctx, event.id, data) for code, data in _competitions().items()
    }
    men: list[tuple[int, int, float]] = []  # (delegation, person, rating)
    women: list[tuple[int, int, float]] = []
    for org, country, languages, male, female in DELEGATIONS:
        strength = 2350 if country in ("CHN", "JPN", "KOR", "DEU") else 1950
        delegation = delegations.invite_delegation(
            ctx,
            event.id,
            delegations.DelegationIn(
                organisation=events.OrganisationIn(name=org, kind="association", country=country),
                leader=delegations.LeaderIn(
                    email=f"leader-{country.lower()}@friendship-open.example",
                    display_name=f"{country} team leader",
                ),
            ),
        )
        for names, gender, bucket in ((male, "M", men), (female, "F", women)):
            for native, latin in names:
                rating = round(rng.gauss(strength, 150))
                member = delegations.register_member(
                    ctx,
                    delegation.id,
                    delegations.MemberIn(
                        person=delegations.PersonIn(
                            name_native=native,
                            name_latin=latin,
                            gender=gender,
                            birth_year=rng.randint(1994, 2006),
                            country=country,
                            languages=languages,
                            rating=rating,
                        )
                    ),
                )
                bucket.append((delegation.id, member.person.id, rating))
        delegations.register_member(
            ctx,
            delegation.id,
            delegations.MemberIn(
                person=delegations.PersonIn(
                    name_native=f"{country} coach",
                    name_latin=f"{country} COACH",
                    gender="X",
                    country=country,
                ),
                role="coach",
            ),
        )
    _singles(ctx, comps["MS"].id, men)
    _singles(ctx, comps["WS"].id, women)
    _mixed_pairs(ctx, comps["XD"].id, men, women)
    _teams(ctx, comps["MT"].id, men, women)
    draws.make_draw(ctx, comps["MS"].id, draws.DrawIn(stage="groups", groups=7, random_seed=1))
    draws.make_draw(ctx, comps["WS"].id, draws.DrawIn(stage="groups", groups=7, random_seed=2))
    draws.make_draw(
        ctx,
        comps["XD"].id,
        draws.DrawIn(stage="knockout", seeds=8, policy="friendship", random_seed=3),
    )
    draws.make_draw(ctx, comps["MT"].id, draws.DrawIn(stage="groups", groups=4, random_seed=4))
    ratings = {p: r for _, p, r in men + women}
    played = 0
    for code, share in (("MS", 0.7), ("WS", 0.6), ("XD", 1.0), ("MT", 0.3)):
        competition = comps[code]
        for match in list_matches(ctx, competition.id):
            first_round = match.stage == "groups" or match.round_number == 1
            if match.status == "bye" or not first_round or rng.random() > share:
                continue
            if match.entry_a_id is None or match.entry_b_id is None:
                continue
            a_wins = rng.random() < _chance(ctx, ratings, match.entry_a_id, match.entry_b_id)
            data = _team_result(rng, a_wins) if code == "MT" else _result(rng, a_wins)
            results.record_result(ctx, match.id, data)
            played += 1
    order_of_play.plan_order_of_play(
        ctx, event.id, order_of_play.OrderOfPlayIn(solver="greedy", time_limit_s=5)
    )
    events.publish_event(ctx, event.id)
    return Loaded(
        event_id=event.id,
        slug=event.slug,
        organiser_email=ORGANISER_EMAIL,
        organiser_password=ORGANISER_PASSWORD,
        delegations=len(DELEGATIONS),
        players=len(men) + len(women),
        results=played,
    )


def _competitions() -> dict[str, events.CompetitionIn]:
    return {
        "MS": events.CompetitionIn(
            code="MS",
            name={"en": "Men's Singles", "zh_CN": "男子单打"},
            entry_kind="player",
            eligibility={"gender": "M"},
            format={"stages": ["groups", "knockout"], "qualifiers": 2},
        ),
        "WS": events.CompetitionIn(
            code="WS",
            name={"en": "Women's Singles", "zh_CN": "女子单打"},
            entry_kind="player",
            eligibility={"gender": "F"},
            format={"stages": ["groups", "knockout"], "qualifiers": 2},
        ),
        "XD": events.CompetitionIn(
            code="XD",
            name={"en": "Friendship Mixed Doubles", "zh_CN": "友谊混合双打"},
            entry_kind="pair",
            eligibility={"gender": "mixed", "cross_association": "required"},
            format={"stages": ["knockout"], "pairing": "cross-national"},
        ),
        "MT": events.CompetitionIn(
            code="MT",
            name={"en": "Team Cup", "zh_CN": "团体赛"},
            entry_kind="team",
            eligibility={"team_min": 3, "team_max": 3, "cross_association": "forbidden"},
            format={"stages": ["groups"], "team_system": "world-team-championships"},
        ),
    }


def _singles(ctx: Context, competition_id: int, players: list[tuple[int, int, float]]) -> None:
    ranked = sorted(players, key=lambda p: -p[2])
    for rank, (delegation_id, person_id, _rating) in enumerate(ranked, start=1):
        entry = entries.enter(
            ctx,
            competition_id,
            entries.EntryIn(
                delegation_id=delegation_id,
                person_ids=[person_id],
                seed=rank if rank <= 7 else None,
            ),
        )
        entries.approve_entry(ctx, entry.id)


def _mixed_pairs(
    ctx: Context,
    competition_id: int,
    men: list[tuple[int, int, float]],
    women: list[tuple[int, int, float]],
) -> None:
    """Pairs across delegations, balanced in strength, made by the pairing engine."""
    from smallball.db.models import Person

    players = []
    for _, person_id, rating in men + women:
        person = ctx.session.get(Person, person_id)
        assert person is not None
        players.append(
            {
                "id": str(person_id),
                "country": person.country,
                "gender": person.gender,
                "rating": rating,
                "languages": person.languages,
            }
        )
    problem = parse_problem(
        {
            "mode": "mixed-doubles",
            "players": players,
            "cross_national": "required",
            "shared_language": True,
            "time_limit_s": 5,
        }
    )
    pairing = pair(problem)
    by_strength = sorted(
        pairing.groups, key=lambda g: -sum(r for _, p, r in men + women if str(p) in g)
    )
    for rank, group in enumerate(by_strength, start=1):
        entry = entries.enter(
            ctx,
            competition_id,
            entries.EntryIn(person_ids=[int(p) for p in group], seed=rank if rank <= 8 else None),
        )
        entries.approve_entry(ctx, entry.id)


def _teams(
    ctx: Context,
    competition_id: int,
    men: list[tuple[int, int, float]],
    women: list[tuple[int, int, float]],
) -> None:
    # Each team is named by its country's code: unique (three associations' names begin
    # "Table Tennis"), and the same in every language.
    for org, country, *_ in DELEGATIONS:
        delegation_men = [m for m in men if _delegation_name(ctx, m[0]) == org]
        delegation_women = [w for w in women if _delegation_name(ctx, w[0]) == org]
        team = [p for _, p, _ in delegation_men] + [delegation_women[0][1]]
        entry = entries.enter(
            ctx,
            competition_id,
            entries.EntryIn(delegation_id=delegation_men[0][0], person_ids=team, name=country),
        )
        entries.approve_entry(ctx, entry.id)


def _delegation_name(ctx: Context, delegation_id: int) -> str:
    from smallball.db.models import Delegation, Organisation

    delegation = ctx.session.get(Delegation, delegation_id)
    assert delegation is not None
    org = ctx.session.get(Organisation, delegation.organisation_id)
    assert org is not None
    return org.name


def _chance(ctx: Context, ratings: dict[int, float], entry_a: int, entry_b: int) -> float:
    from sqlalchemy import select

    from smallball.db.models import EntryPlayer

    def strength(entry_id: int) -> float:
        people = ctx.session.scalars(
            select(EntryPlayer.person_id).where(EntryPlayer.entry_id == entry_id)
        ).all()
        return sum(ratings.get(p, 1800) for p in people) / max(1, len(people))

    return 1 / (1 + 10 ** ((strength(entry_b) - strength(entry_a)) / 400))


def _games(rng: random.Random, a_wins: bool, best_of: int = 5) -> list[tuple[int, int]]:
    """A plausible best-of-``best_of`` score, read from side a."""
    need = best_of // 2 + 1
    winner_took = [True] * (need - 1) + [False] * rng.randint(0, need - 1)
    rng.shuffle(winner_took)
    winner_took.append(True)  # the match winner takes the last game
    games = []
    for won in winner_took:
        low = rng.choice([3, 5, 6, 7, 8, 9, 9, 10])
        high, low = (12, 10) if low == 10 else (11, low)
        from_winner = (high, low) if won else (low, high)
        games.append(from_winner if a_wins else (from_winner[1], from_winner[0]))
    return games


def _result(rng: random.Random, a_wins: bool) -> results.ResultIn:
    return results.ResultIn(games=_games(rng, a_wins))


def _team_result(rng: random.Random, a_wins: bool) -> results.ResultIn:
    """Rubbers of a tie won 3-0, 3-1 or 3-2 by the winner of the tie."""
    winner_took = [True] * 2 + [False] * rng.randint(0, 2)
    rng.shuffle(winner_took)
    winner_took.append(True)
    return results.ResultIn(
        rubbers=[results.RubberIn(games=_games(rng, won == a_wins)) for won in winner_took]
    )
