"""Plain-English notes on what could not be satisfied, and why."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from smallball.pairing.rules import Pool, shared_languages
from smallball.pairing.score import is_cross, repeats_in


def _plural(count: int, word: str) -> str:
    return (
        f"{count} {word}" if count == 1 else f"{count} {word}s" if word != "man" else f"{count} men"
    )


def _women(count: int) -> str:
    return "1 woman" if count == 1 else f"{count} women"


def _men(count: int) -> str:
    return "1 man" if count == 1 else f"{count} men"


def notes(
    pool: Pool, groups: Sequence[Sequence[int]], unassigned: Sequence[int], slots: int
) -> list[str]:
    problem = pool.problem
    rule = problem.gender_rule
    k = pool.k
    n = len(pool.players)
    out: list[str] = []
    word = "pair" if k == 2 else "team"
    if pool.out:
        out.append(f"{_plural(len(pool.out), 'player')} sit out: {', '.join(pool.out)}")
    if problem.delegations is not None:
        present = Counter(p.country for p in pool.players)
        for c in problem.delegations:
            if not present[c]:
                out.append(f"delegation {c} has no players, so no {word} can be formed")
    women = sum(p.gender == "F" for p in pool.players)
    men = sum(p.gender == "M" for p in pool.players)
    explained = 0
    if k == 2 and rule.min_women == 1 and rule.min_men == 1 and women != men:
        extra = abs(women - men)
        who = _men(extra) if men > women else _women(extra)
        out.append(f"{_women(women)} for {_men(men)}: {who} unpaired")
        explained = extra
    elif k == 2 and n % 2 and not rule.same_gender:
        out.append(f"{_plural(n, 'player')}: 1 player unpaired")
        explained = 1
    elif k > 2:
        if n % k:
            out.append(f"{_plural(n, 'player')} in teams of {k}: {n % k} left over")
        by_count = n // k
        if slots < by_count:
            if rule.min_women and women // rule.min_women == slots:
                out.append(
                    f"each team needs at least {_women(rule.min_women)}: "
                    f"{_women(women)} for {by_count} teams, so at most {slots} teams"
                )
            if rule.min_men and men // rule.min_men == slots:
                out.append(
                    f"each team needs at least {_men(rule.min_men)}: "
                    f"{_men(men)} for {by_count} teams, so at most {slots} teams"
                )
        explained = n - k * slots
    countries = Counter(p.country for p in pool.players)
    top, top_count = countries.most_common(1)[0] if countries else ("", 0)
    must_cross = problem.cross_national == "required" or problem.delegations is not None
    if must_cross and n and top_count == n:
        out.append(
            f"all {_plural(n, 'player')} are from {top} and {word}s must be cross-national, "
            f"so nobody can be grouped"
        )
    elif must_cross and k == 2 and top_count > n - top_count:
        short = top_count - (n - top_count)
        out.append(
            f"{top} has {top_count} of {n} players and pairs must be cross-national: "
            f"at least {short} of them unpaired"
        )
    missing = len(unassigned) - explained
    if missing > 0 and not (must_cross and top_count == n):
        out.append(
            f"{_plural(missing, 'more player')} could not be placed without breaking a hard "
            f"constraint (gender rule, cross-national, avoid, keep, language or age group): "
            + ", ".join(pool.players[i].id for i in unassigned)
        )
    if problem.cross_national == "preferred":
        within = [g for g in groups if not is_cross(pool, g)]
        if within:
            reason = f"; {top} has {top_count} of {n} players" if top_count * 2 > n else ""
            out.append(f"{_plural(len(within), word)} within one association{reason}")
    if problem.shared_language == "preferred":
        silent = [g for g in groups if not shared_languages(pool, g)]
        if silent:
            shown = "; ".join("-".join(pool.players[i].id for i in g) for g in silent[:5])
            more = "" if len(silent) <= 5 else f" and {len(silent) - 5} more"
            out.append(f"{_plural(len(silent), word)} share no language: {shown}{more}")
    repeated = [g for g in groups if repeats_in(pool, g)]
    if repeated:
        shown = "; ".join("-".join(pool.players[i].id for i in g) for g in repeated[:5])
        out.append(f"{_plural(len(repeated), word)} repeat partners from history: {shown}")
    return out
