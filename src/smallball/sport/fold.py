"""Match state as a pure fold of (setup, events), with undo and an optional point log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from smallball.errors import N_, InputError, RuleError
from smallball.sport.events import Event, Rally, Undo
from smallball.sport.match import Incident, MatchSetup, MatchState, RallyRecord, Replay
from smallball.sport.scoring import Scorer

_KINDS = {
    "Expedite": "expedite",
    "Timeout": "timeout",
    "Card": "card",
    "Walkover": "walkover",
    "Retirement": "retirement",
    "Disqualification": "disqualification",
}


class Sport(Protocol):
    """A sport: checks a setup and starts a scorer that folds events by its laws."""

    key: str

    def check(self, setup: MatchSetup) -> None: ...

    def start(self, setup: MatchSetup) -> Scorer: ...


def undone_indices(events: Sequence[Event]) -> frozenset[int]:
    """Positions of the events that a later ``Undo`` takes back."""
    live: list[int] = []
    undone: set[int] = set()
    for i, event in enumerate(events):
        if event.__class__ is Undo:
            if not live:
                raise InputError(f"events[{i}]", N_("there is nothing to undo"))
            undone.add(live.pop())
        else:
            live.append(i)
    return frozenset(undone)


def fold(sport: Sport, setup: MatchSetup, events: Sequence[Event]) -> MatchState:
    """The state after ``events``; raises ``InputError`` naming the first refused event."""
    scorer = sport.start(setup)
    undone = undone_indices(events)
    saved: list[tuple[object, ...]] = []
    apply = scorer.apply
    for i, event in enumerate(events):
        try:
            if event.__class__ is Undo:
                scorer.restore(saved.pop())
                continue
            if undone and i in undone:
                saved.append(scorer.snapshot())
            apply(event)
        except RuleError as refused:
            raise InputError(f"events[{i}]", refused.template, **refused.params) from None
    return scorer.state()


def replay(sport: Sport, setup: MatchSetup, events: Sequence[Event]) -> Replay:
    """The fold, plus the log of every rally and incident that still stands."""
    scorer = sport.start(setup)
    undone = undone_indices(events)
    saved: list[tuple[tuple[object, ...], int, int]] = []
    rallies: list[RallyRecord] = []
    incidents: list[Incident] = []
    for i, event in enumerate(events):
        if isinstance(event, Undo):
            snapshot, n_rallies, n_incidents = saved.pop()
            scorer.restore(snapshot)
            del rallies[n_rallies:], incidents[n_incidents:]
            continue
        if i in undone:
            saved.append((scorer.snapshot(), len(rallies), len(incidents)))
        game = scorer.game
        server, receiver, court = scorer.next_service()
        try:
            scorer.apply(event)
        except RuleError as refused:
            raise InputError(f"events[{i}]", refused.template, **refused.params) from None
        if isinstance(event, Rally):
            rallies.append(
                RallyRecord(
                    game=game,
                    server=server,
                    receiver=receiver,
                    winner=event.winner,
                    score_after=scorer.last_score,
                    switch_ends_after=scorer.last_switch_ends,
                    court=court,
                    interval_after=scorer.last_interval,
                )
            )
        else:
            incidents.append(
                Incident(
                    index=i,
                    game=game,
                    kind=_KINDS[type(event).__name__],
                    side=getattr(event, "side", getattr(event, "winner", None)),
                    detail=scorer.last_detail,
                    score_after=scorer.last_score,
                    switch_ends_after=scorer.last_switch_ends,
                )
            )
    return Replay(state=scorer.state(), rallies=tuple(rallies), incidents=tuple(incidents))
