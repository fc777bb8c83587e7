"""Notes on what could not be satisfied, and why: sentences (``Said``) worded in the reader's
language where shown, English as text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from smallball.pairing.rules import Pool, shared_languages
from smallball.pairing.score import is_cross, repeats_in
from smallball.words import N_, Said

# Sentences whose words depend on a count: English needs "1 player", "2 players"; the template
# for one is chosen here because the catalogue holds each as its own message.


def _counted(count: int, one: str, many: str, **params: object) -> Said:
    return Said(one if count == 1 else many, count=count, **params)


def _players(count: int) -> Said:
    return _counted(count, N_("1 player"), N_("{count} players"))


def _women(count: int) -> Said:
    return _counted(count, N_("1 woman"), N_("{count} women"))


def _men(count: int) -> Said:
    return _counted(count, N_("1 man"), N_("{count} men"))


def _groups(count: int, k: int) -> Said:
    if k == 2:
        return _counted(count, N_("1 pair"), N_("{count} pairs"))
    return _counted(count, N_("1 team"), N_("{count} teams"))


def _listed(pool: Pool, groups: Sequence[Sequence[int]]) -> str:
    return "; ".join("-".join(pool.players[i].id for i in g) for g in groups)


def notes(
    pool: Pool, groups: Sequence[Sequence[int]], unassigned: Sequence[int], slots: int
) -> list[Said]:
    problem = pool.problem
    rule = problem.gender_rule
    k = pool.k
    n = len(pool.players)
    out: list[Said] = []
    if pool.out:
        out.append(
            _counted(
                len(pool.out),
                N_("1 player sits out: {names}"),
                N_("{count} players sit out: {names}"),
                names=", ".join(pool.out),
            )
        )
    if problem.delegations is not None:
        present = Counter(p.country for p in pool.players)
        for c in problem.delegations:
            if not present[c]:
                none_formed = (
                    N_("delegation {country} has no players, so no pair can be formed")
                    if k == 2
                    else N_("delegation {country} has no players, so no team can be formed")
                )
                out.append(Said(none_formed, country=c))
    women = sum(p.gender == "F" for p in pool.players)
    men = sum(p.gender == "M" for p in pool.players)
    explained = 0
    if k == 2 and rule.min_women == 1 and rule.min_men == 1 and women != men:
        extra = abs(women - men)
        who = _men(extra) if men > women else _women(extra)
        out.append(
            Said(
                N_("{women} for {men}: {who} unpaired"),
                women=_women(women),
                men=_men(men),
                who=who,
            )
        )
        explained = extra
    elif k == 2 and n % 2 and not rule.same_gender:
        out.append(Said(N_("{players}: 1 player unpaired"), players=_players(n)))
        explained = 1
    elif k > 2:
        if n % k:
            out.append(
                Said(
                    N_("{players} in teams of {k}: {left} left over"),
                    players=_players(n),
                    k=k,
                    left=n % k,
                )
            )
        by_count = n // k
        if slots < by_count:
            short = N_(
                "each team needs at least {need}: {have} for {teams} teams, "
                "so at most {slots} teams"
            )
            if rule.min_women and women // rule.min_women == slots:
                need, have = _women(rule.min_women), _women(women)
                out.append(Said(short, need=need, have=have, teams=by_count, slots=slots))
            if rule.min_men and men // rule.min_men == slots:
                need, have = _men(rule.min_men), _men(men)
                out.append(Said(short, need=need, have=have, teams=by_count, slots=slots))
        explained = n - k * slots
    countries = Counter(p.country for p in pool.players)
    top, top_count = countries.most_common(1)[0] if countries else ("", 0)
    must_cross = problem.cross_national == "required" or problem.delegations is not None
    if must_cross and n and top_count == n:
        nobody = (
            N_(
                "all {players} are from {country} and pairs must be cross-national, "
                "so nobody can be grouped"
            )
            if k == 2
            else N_(
                "all {players} are from {country} and teams must be cross-national, "
                "so nobody can be grouped"
            )
        )
        out.append(Said(nobody, players=_players(n), country=top))
    elif must_cross and k == 2 and top_count > n - top_count:
        out.append(
            Said(
                N_(
                    "{country} has {top} of {n} players and pairs must be cross-national: "
                    "at least {short} of them unpaired"
                ),
                country=top,
                top=top_count,
                n=n,
                short=top_count - (n - top_count),
            )
        )
    missing = len(unassigned) - explained
    if missing > 0 and not (must_cross and top_count == n):
        out.append(
            _counted(
                missing,
                N_(
                    "1 more player could not be placed without breaking a hard constraint "
                    "(gender rule, cross-national, avoid, keep, language or age group): {names}"
                ),
                N_(
                    "{count} more players could not be placed without breaking a hard constraint "
                    "(gender rule, cross-national, avoid, keep, language or age group): {names}"
                ),
                names=", ".join(pool.players[i].id for i in unassigned),
            )
        )
    if problem.cross_national == "preferred":
        within = [g for g in groups if not is_cross(pool, g)]
        if within:
            if top_count * 2 > n:
                template = N_("{groups} within one association; {country} has {top} of {n} players")
            else:
                template = N_("{groups} within one association")
            out.append(
                Said(template, groups=_groups(len(within), k), country=top, top=top_count, n=n)
            )
    if problem.shared_language == "preferred":
        silent = [g for g in groups if not shared_languages(pool, g)]
        if silent:
            template = (
                N_("no shared language in {groups}: {shown}")
                if len(silent) <= 5
                else N_("no shared language in {groups}: {shown} and {more} more")
            )
            shown = _listed(pool, silent[:5])
            out.append(
                Said(template, groups=_groups(len(silent), k), shown=shown, more=len(silent) - 5)
            )
    repeated = [g for g in groups if repeats_in(pool, g)]
    if repeated:
        out.append(
            Said(
                N_("partners repeated from history in {groups}: {shown}"),
                groups=_groups(len(repeated), k),
                shown=_listed(pool, repeated[:5]),
            )
        )
    return out
