"""Live scoring: the umpire's point log, appended one event at a time.

Every event carries the sequence number the device expects and an idempotency key the device
made: a repeated key gets the original answer and changes nothing; a stale sequence number is
a conflict (another device scored first). The score is never stored as the truth: it is the
replay of the log through the rules engine, and the log is what a correction changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from smallball.app.context import Context
from smallball.app.errors import Conflict
from smallball.app.permissions import require_umpire
from smallball.app.results import ResultIn, apply_result, match_and_competition
from smallball.db.models import Competition, EntryPlayer, Match, Person, PointEvent
from smallball.errors import InputError
from smallball.i18n import N_
from smallball.sport import MatchSetup, get_sport, replay
from smallball.sport.codec import parse_event, replay_json
from smallball.sport.events import Event, Rally, Side, Walkover
from smallball.sport.match import Replay

LOG_ONLY = ("toss", "server", "confirm")


class LogEventIn(BaseModel):
    seq: int = Field(ge=1, le=100_000)
    key: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    event: dict[str, Any]


@dataclass
class Derived:
    """What the log says: the setup once the toss is made, and the replay of the rest."""

    setup: MatchSetup | None
    result: Replay | None
    confirmed: bool
    needs: str | None
    server_pair: tuple[str, ...] = ()


def sides_of(ctx: Context, match: Match) -> list[list[dict[str, str]]]:
    entry_ids = (match.entry_a_id, match.entry_b_id)
    rows = ctx.session.execute(
        select(
            EntryPlayer.entry_id, Person.id, Person.name_native, Person.name_latin, Person.country
        )
        .join(Person, EntryPlayer.person_id == Person.id)
        .where(EntryPlayer.entry_id.in_([e for e in entry_ids if e is not None]))
        .order_by(EntryPlayer.position)
    ).all()
    return [
        [
            {"id": f"p{person}", "name": native, "latin": latin, "country": country}
            for entry, person, native, latin, country in rows
            if entry == entry_id
        ]
        for entry_id in entry_ids
    ]


@dataclass(frozen=True, slots=True)
class _Fold:
    """What ``derive`` knows after a prefix of the log; never changed, only replaced."""

    toss: dict[str, Any] | None = None
    choices: tuple[tuple[int, str], ...] = ()
    engine: tuple[Event, ...] = ()
    confirmed: bool = False
    result: Replay | None = None
    setup: MatchSetup | None = None


def _step(
    sides: tuple[tuple[str, ...], tuple[str, ...]],
    best_of: int,
    fold: _Fold,
    raw: dict[str, Any],
    where: str,
) -> _Fold:
    """``fold`` with one more log entry; ``where`` names the entry in a refusal."""
    toss, choices, engine = fold.toss, fold.choices, fold.engine
    result, setup = fold.result, fold.setup
    kind = raw.get("type")
    if fold.confirmed:
        raise InputError("event", N_("the result is confirmed; nothing more can be scored"))
    if kind == "toss":
        if any(isinstance(e, Rally) for e in engine):
            raise InputError("event", N_("the toss is made before the first rally"))
        if not isinstance(raw.get("a_starts_left", True), bool):
            raise InputError("event.a_starts_left", N_("must be true or false"))
        toss = raw
    elif kind == "server":
        game = raw.get("game")
        if setup is None or result is None or not isinstance(game, int):
            raise InputError("event", N_("choose a server after the toss, naming the game"))
        current = result.state
        if current.game != game or current.score != (0, 0):
            raise InputError(
                "event", N_("the server of game {game} is chosen before it starts"), game=game
            )
        chosen = dict(choices)
        chosen[game] = str(raw.get("server"))
        choices = tuple(chosen.items())
    elif kind == "confirm":
        if result is None or not result.state.over:
            raise InputError("event", N_("only a finished match can be confirmed"))
        return _Fold(toss, choices, engine, True, result, setup)
    else:
        engine = (*engine, parse_event(raw, "event"))
        if setup is None and not isinstance(engine[-1], Walkover):
            raise InputError("event", N_("make the toss first"))
    if toss is not None:
        setup = MatchSetup(
            sides=sides,
            first_server=str(toss.get("first_server")),
            first_receiver=None
            if toss.get("first_receiver") is None
            else str(toss.get("first_receiver")),
            best_of=best_of,
            game_first_servers=dict(choices),
        )
    replay_setup = setup or MatchSetup(
        sides=sides,
        first_server=sides[0][0],
        first_receiver=sides[1][0] if len(sides[0]) == 2 else None,
        best_of=best_of,
    )
    try:
        result = replay(get_sport("table-tennis"), replay_setup, engine)
    except InputError as refused:
        raise InputError(where, refused.template, **refused.params) from None
    return _Fold(toss, choices, engine, False, result, setup)


def _fold_log(
    sides: tuple[tuple[str, ...], tuple[str, ...]],
    best_of: int,
    log: list[dict[str, Any]],
    fold: _Fold,
    start: int,
) -> _Fold:
    last = len(log) - 1
    for i in range(start, len(log)):
        fold = _step(sides, best_of, fold, log[i], "event" if i == last else f"log[{i}]")
    return fold


def _derived(fold: _Fold) -> Derived:
    result, setup, choices = fold.result, fold.setup, dict(fold.choices)
    needs = None
    pair: tuple[str, ...] = ()
    if setup is None and not (result and result.state.over):
        needs = "toss"
    elif result is not None and result.state.over and not fold.confirmed:
        needs = "confirm"
    elif result is not None and setup is not None and setup.doubles:
        state = result.state
        if state.game and state.game > 1 and state.score == (0, 0) and state.game not in choices:
            needs = "server"
            first = setup.side_of(setup.first_server)
            serving = first if state.game % 2 == 1 else first.other
            pair = setup.sides[serving]
    return Derived(
        setup=setup, result=result, confirmed=fold.confirmed, needs=needs, server_pair=pair
    )


def derive(
    sides: tuple[tuple[str, ...], tuple[str, ...]], best_of: int, log: list[dict[str, Any]]
) -> Derived:
    """Replay a log; raises ``InputError`` (field ``event``) for the first refused entry."""
    return _derived(_fold_log(sides, best_of, log, _Fold(), 0))


@dataclass(frozen=True, slots=True)
class _Known:
    """A committed prefix of a match's log and its fold: the first ``len(log)`` entries."""

    sides: tuple[tuple[tuple[str, ...], tuple[str, ...]], int]  # (sides, best of)
    log: tuple[dict[str, Any], ...]
    keys: dict[str, int]  # idempotency key -> seq
    last_key: str | None
    fold: _Fold

    def folded(self, payloads: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], _Fold]:
        """The log with ``payloads`` after this prefix, and its fold: only they are replayed."""
        sides, best_of = self.sides
        log = [*self.log, *payloads]
        return log, _fold_log(sides, best_of, log, self.fold, len(self.log))

    def then(self, entries: list[tuple[int, str, dict[str, Any]]], fold: _Fold) -> _Known:
        """This prefix followed by ``entries`` (seq, key, payload), folded into ``fold``."""
        if not entries:
            return self
        keys = dict(self.keys)
        keys.update((key, seq) for seq, key, _ in entries)
        log = (*self.log, *(payload for _, _, payload in entries))
        return _Known(self.sides, log, keys, entries[-1][1], fold)


class _Folds:
    """The last committed log of each recently scored match with its fold, so a new point
    reads only the entries after it and folds only those. Entries go in after their commit
    only (``Context.after_commit``), so the cache never holds a rolled-back point; the log is
    append-only, so a hit is checked by the key of its last entry alone (a new match that
    reuses an id, or any other surprise, misses and reads the whole log)."""

    def __init__(self, size: int = 2048) -> None:
        self._size = size
        self._known: OrderedDict[int, _Known] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, match_id: int, sides: tuple[Any, int]) -> _Known | None:
        with self._lock:
            hit = self._known.get(match_id)
        return hit if hit is not None and hit.sides == sides else None

    def put(self, match_id: int, known: _Known) -> None:
        with self._lock:
            held = self._known.get(match_id)
            if held is not None and held.sides == known.sides and _extends(held, known):
                return  # another thread has committed more of this log meanwhile
            self._known[match_id] = known
            self._known.move_to_end(match_id)
            while len(self._known) > self._size:
                self._known.popitem(last=False)


def _extends(longer: _Known, shorter: _Known) -> bool:
    """``shorter`` is a strict prefix of ``longer`` (keys are unique in a match's log)."""
    if len(longer.log) <= len(shorter.log):
        return False
    return shorter.last_key is None or longer.keys.get(shorter.last_key) == len(shorter.log)


_FOLDS = _Folds()


def _read(
    ctx: Context, match_id: int, sides: tuple[Any, int]
) -> tuple[_Known, list[tuple[int, str, dict[str, Any]]]]:
    """The cached committed prefix of the log and the entries after it, as (seq, key,
    payload); with nothing usable cached, an empty prefix and the whole log."""
    known = _FOLDS.get(match_id, sides)
    query = select(PointEvent.seq, PointEvent.idempotency_key, PointEvent.payload).where(
        PointEvent.match_id == match_id
    )
    if known is not None and known.log:
        count = len(known.log)
        rows = ctx.session.execute(
            query.where(PointEvent.seq >= count).order_by(PointEvent.seq)
        ).all()
        if rows and rows[0].seq == count and rows[0].idempotency_key == known.last_key:
            return known, [(r.seq, r.idempotency_key, r.payload) for r in rows[1:]]
    rows = ctx.session.execute(query.order_by(PointEvent.seq)).all()
    empty = _Known(sides, (), {}, None, _Fold())
    return empty, [(r.seq, r.idempotency_key, r.payload) for r in rows]


def _log(ctx: Context, match_id: int, upto: int | None = None) -> list[dict[str, Any]]:
    query = select(PointEvent.payload).where(PointEvent.match_id == match_id)
    if upto is not None:
        query = query.where(PointEvent.seq <= upto)
    return list(ctx.session.scalars(query.order_by(PointEvent.seq)))


def _sides(
    ctx: Context, match: Match
) -> tuple[list[list[dict[str, str]]], tuple[tuple[str, ...], tuple[str, ...]]]:
    people = sides_of(ctx, match)
    ids = (tuple(p["id"] for p in people[0]), tuple(p["id"] for p in people[1]))
    return people, ids


def live_state(
    ctx: Context, match: Match, competition: Competition, upto: int | None = None
) -> dict[str, Any]:
    people, ids = _sides(ctx, match)
    if upto is not None:  # an earlier state: the answer to a repeated key
        log = _log(ctx, match.id, upto)
        return _render(match, competition, people, log, derive(ids, competition.best_of, log))
    known, fresh = _read(ctx, match.id, (ids, competition.best_of))
    log, fold = known.folded([payload for _, _, payload in fresh])
    # Read in this transaction, so committed (or about to be, by this use case's caller).
    ctx.after_commit(lambda: _FOLDS.put(match.id, known.then(fresh, fold)))
    return _render(match, competition, people, log, _derived(fold))


def _render(
    match: Match,
    competition: Competition,
    people: list[list[dict[str, str]]],
    log: list[dict[str, Any]],
    derived: Derived,
) -> dict[str, Any]:
    score = replay_json(derived.result) if derived.result is not None else None
    a_left = True
    if score is not None:
        rallies = score.pop("rallies", [])
        score["last_rally"] = rallies[-1] if rallies else None
        # The toss chose the ends; every change of ends since flips them.
        toss: dict[str, Any] = next((e for e in reversed(log) if e.get("type") == "toss"), {})
        changes = sum(1 for r in [*rallies, *score.get("incidents", [])] if r["switch_ends_after"])
        a_left = bool(toss.get("a_starts_left", True)) != (changes % 2 == 1)
    return {
        "match_id": match.id,
        "code": match.code,
        "competition": competition.code,
        "competition_id": competition.id,
        "event_id": competition.event_id,
        "table": match.table_number,
        "status": match.status,
        "seq": len(log),
        "sides": people,
        "best_of": competition.best_of,
        "needs": derived.needs,
        "server_pair": list(derived.server_pair),
        "toss": derived.setup is not None,
        "a_left": a_left,
        "confirmed": derived.confirmed,
        "score": score,
    }


def match_state(ctx: Context, match_id: int) -> dict[str, Any]:
    match, competition = match_and_competition(ctx, match_id)
    if match.entry_a_id is None or match.entry_b_id is None:
        raise Conflict(N_("both players of this match are not known yet"))
    return live_state(ctx, match, competition)


def submit(ctx: Context, match_id: int, data: LogEventIn) -> dict[str, Any]:
    match, competition = match_and_competition(ctx, match_id)
    require_umpire(ctx.actor, competition.event_id, match.umpire_user_id)
    if match.entry_a_id is None or match.entry_b_id is None:
        raise Conflict(N_("both players of this match are not known yet"))
    people, ids = _sides(ctx, match)
    sides = (ids, competition.best_of)
    # The new entries since the cached prefix: they answer a repeated key, the expected seq
    # and the replay, with the prefix.
    known, fresh = _read(ctx, match.id, sides)
    seq_of = known.keys.get(data.key)
    if seq_of is None:
        seq_of = next((seq for seq, key, _ in fresh if key == data.key), None)
    if seq_of is not None:
        count = len(known.log)
        payload = known.log[seq_of - 1] if seq_of <= count else fresh[seq_of - count - 1][2]
        if seq_of != data.seq or payload != data.event:
            raise Conflict(N_("this key was used for another event"), field="key")
        return live_state(ctx, match, competition, upto=seq_of) | {"duplicate": True}
    count = len(known.log) + len(fresh)
    if data.seq != count + 1:
        raise Conflict(
            N_("expected {expected}, got {seq}; another device has scored this match"),
            field="seq",
            expected=count + 1,
            seq=data.seq,
        )
    log, fold = known.folded([*(payload for _, _, payload in fresh), data.event])
    derived = _derived(fold)
    if match.status == "scheduled":
        match.status = "in_progress"
    # Rendered before the write: on SQLite the write lock is then held only for the write.
    state = _render(match, competition, people, log, derived)
    # A plain INSERT: the unit of work's bookkeeping for one new row costs more than the row.
    try:
        ctx.session.execute(
            insert(PointEvent).values(
                match_id=match.id,
                seq=data.seq,
                idempotency_key=data.key,
                payload=data.event,
                entered_by=ctx.actor.user_id,
                created_at=ctx.now,
            )
        )
    except IntegrityError:
        raise Conflict(
            N_("{seq} was taken by another device; reload the match"), field="seq", seq=data.seq
        ) from None
    entry = (data.seq, data.key, data.event)
    ctx.after_commit(lambda: _FOLDS.put(match.id, known.then([*fresh, entry], fold)))
    if derived.confirmed and derived.result is not None:
        apply_result(ctx, match, competition, _result_of(derived), "result.confirm")
        state = _render(match, competition, people, log, derived)
    _broadcast(ctx, match, competition, state)
    return state


def _result_of(derived: Derived) -> ResultIn:
    assert derived.result is not None
    state = derived.result.state
    games = [list(g) for g in state.games]
    side = "a" if state.winner is Side.A else "b"
    other = "b" if side == "a" else "a"
    if state.status == "walkover":
        return ResultIn(walkover=side if state.winner is not None else "both")
    if state.status in ("retired", "disqualified"):
        if state.score != (0, 0):
            games.append(list(state.score))
        way = {"retired": "retired", "disqualified": "disqualified"}[state.status]
        return ResultIn.model_validate({"games": games, way: other})
    return ResultIn.model_validate({"games": games})


def _broadcast(ctx: Context, match: Match, competition: Competition, state: dict[str, Any]) -> None:
    channels = [
        f"match:{match.id}",
        f"competition:{competition.id}",
        f"event:{competition.event_id}",
    ]
    if match.table_number is not None:
        channels.append(f"table:{competition.event_id}:{match.table_number}")
    ctx.publish(channels, state)


def table_state(ctx: Context, event_id: int, table: int) -> dict[str, Any]:
    """What a table's scoreboard shows: the match being played there, else the next one."""
    from smallball.app.events import get_event_row

    event = get_event_row(ctx, event_id)
    rows = list(
        ctx.session.execute(
            select(Match, Competition)
            .join(Competition, Competition.id == Match.competition_id)
            .where(
                Competition.event_id == event.id,
                Match.table_number == table,
                Match.status.in_(("in_progress", "called", "scheduled")),
                Match.entry_a_id.is_not(None),
                Match.entry_b_id.is_not(None),
            )
        ).all()
    )
    order = {"in_progress": 0, "called": 1, "scheduled": 2}
    rows.sort(key=lambda r: (order[r[0].status], r[0].scheduled_at is None, r[0].scheduled_at))
    if not rows:
        return {"table": table, "event_id": event.id, "idle": True, "seq": None}
    match, competition = rows[0]
    return live_state(ctx, match, competition)
