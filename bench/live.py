"""Live scoring under load: point submission by 64 umpires, delivery to 1,000 SSE clients.

Targets (issue 5): p99 submission under 50 ms; p99 delivery under 250 ms, on SQLite and on
PostgreSQL. Per database this script makes a fresh database, migrates it, loads one event
through the app's own use cases (a 128-player knockout: 64 first-round matches whose players
are known, plus a 2-player competition for the baseline match), starts ``smallball serve`` as
a separate process and drives it from here over real sockets:

1. baselines in the same run: a bare FastAPI endpoint round trip (a one-line ``def`` endpoint
   served by uvicorn in its own process, the floor any request pays), and one umpire scoring
   alone with one SSE client watching (submission and delivery with no load);
2. 1,000 SSE clients spread round-robin over the 64 matches, all holding their first frame;
3. 64 umpires, each a toss then ``--rallies`` rallies, concurrently. Each umpire waits for
   the answer, then a random pause averaging ``--interval`` seconds. A real umpire enters a
   point every 15-20 s (some 90 points in a 25-30 minute match), so the default 2 s is 7-10
   times real play: the figures checked against the targets.
4. the same again on a fresh database with pauses of ``--stress-interval`` (default 0.5 s,
   30 times real play), reported under ``stress``: where a small machine starts to queue.
   ``--interval 0`` runs the umpires flat out, a throughput (saturation) test.

On PostgreSQL the app runs as ``--workers`` processes (default 2), as in production: the live
messages cross processes by NOTIFY. SQLite serves from one process (its live hub is in-process).

Submission latency is send -> 200 answer; delivery latency is the umpire's send -> the frame
with that ``seq`` read by an SSE client (so it includes the submission). One clock:
``time.perf_counter`` in this process. The client side is raw asyncio sockets on uvloop, to
keep the bench's own cost small: it shares the machine with the server.

Run: python bench/live.py [--rallies 60] [--interval 0.5] [--clients 1000] [--only sqlite]
(writes bench/results/live.json). PostgreSQL: $SMALLBALL_BENCH_PG_ADMIN_URL, default
postgresql+psycopg://postgres@127.0.0.1:5432/postgres; a database is created and dropped.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from smallball.app.scoring import LogEventIn

RESULTS = Path(__file__).parent / "results" / "live.json"
SUBMIT_TARGET_MS = 50.0
DELIVERY_TARGET_MS = 250.0
SECRET = "bench-live-secret"
PG_ADMIN = os.environ.get(
    "SMALLBALL_BENCH_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
T = TypeVar("T")
FRAME_ID = re.compile(rb"^id: (\d+)\r?$", re.MULTILINE)
COUNTRIES = ("CHN", "JPN", "KOR", "DEU", "FRA", "SWE", "USA", "BRA")


# --- the data, loaded through the app's own use cases --------------------------------------


@dataclass(frozen=True)
class MatchInfo:
    id: int
    side_a: str  # the person id the rules engine uses, "p<n>"
    side_b: str


@dataclass(frozen=True)
class Loaded:
    organiser_id: int
    matches: list[MatchInfo]  # the 64 first-round matches
    spare: MatchInfo  # the baseline match


def load(url: str, players: int) -> Loaded:
    from smallball.app import delegations, draws, entries, events
    from smallball.app.context import Context, Services
    from smallball.app.results import list_matches
    from smallball.app.users import UserIn, create_user
    from smallball.db.session import make_engine, session_factory

    def seed(ctx: Context) -> tuple[list[MatchInfo], MatchInfo]:
        event = events.create_event(
            ctx,
            events.EventIn(
                slug="live-bench",
                name={"en": "Live Bench Open"},
                starts_on=date(2026, 5, 1),
                ends_on=date(2026, 5, 3),
                time_zone="Europe/Berlin",
                tables=64,
            ),
        )
        comps = {
            code: events.add_competition(
                ctx,
                event.id,
                events.CompetitionIn(code=code, name={"en": code}, entry_kind="player", best_of=7),
            )
            for code in ("MS", "WS")
        }
        dels = [
            delegations.invite_delegation(
                ctx,
                event.id,
                delegations.DelegationIn(
                    organisation=events.OrganisationIn(
                        name=f"{c} association", kind="association", country=c
                    )
                ),
            )
            for c in COUNTRIES
        ]
        person_of: dict[int, int] = {}  # entry id -> person id
        for code, count in (("MS", players), ("WS", 2)):
            for i in range(count):
                delegation = dels[i % len(dels)]
                member = delegations.register_member(
                    ctx,
                    delegation.id,
                    delegations.MemberIn(
                        person=delegations.PersonIn(
                            name_native=f"{code} 选手 {i}",
                            name_latin=f"{code} PLAYER {i}",
                            gender="M" if code == "MS" else "F",
                            country=COUNTRIES[i % len(COUNTRIES)],
                            rating=2500 - i,
                        )
                    ),
                )
                entry = entries.enter(
                    ctx,
                    comps[code].id,
                    entries.EntryIn(
                        delegation_id=delegation.id,
                        person_ids=[member.person.id],
                        seed=i + 1 if i < 8 and code == "MS" else None,
                    ),
                )
                entries.approve_entry(ctx, entry.id)
                person_of[entry.id] = member.person.id
            draws.make_draw(ctx, comps[code].id, draws.DrawIn(stage="knockout", random_seed=2026))
        events.publish_event(ctx, event.id)

        def first_round(code: str) -> list[MatchInfo]:
            out = []
            for m in list_matches(ctx, comps[code].id):
                if m.round_number == 1 and m.entry_a_id and m.entry_b_id:
                    a, b = person_of[m.entry_a_id], person_of[m.entry_b_id]
                    out.append(MatchInfo(m.id, f"p{a}", f"p{b}"))
            return out

        return first_round("MS"), first_round("WS")[0]

    engine = make_engine(url)
    try:
        svc = Services(session_factory(engine))
        organiser = svc.run(
            None,
            create_user,
            UserIn(
                email="organiser@bench.example",
                display_name="Bench organiser",
                password="bench-password-1",
                is_admin=True,
            ),
        )
        matches, spare = svc.run(organiser, seed)
    finally:
        engine.dispose()
    return Loaded(organiser, matches, spare)


def script(match: MatchInfo, rallies: int, rng: random.Random) -> list[dict[str, Any]]:
    """A toss then ``rallies`` rallies that never end the match (best of 7), checked by the
    app's own replay so that every event is one the server accepts."""
    from smallball.app.scoring import derive

    sides = ((match.side_a,), (match.side_b,))
    log: list[dict[str, Any]] = [{"type": "toss", "first_server": match.side_a}]
    for _ in range(rallies):
        first, second = ("A", "B") if rng.random() < 0.5 else ("B", "A")
        for winner in (first, second):
            trial = [*log, {"type": "rally", "winner": winner}]
            result = derive(sides, 7, trial).result
            if result is not None and not result.state.over:
                log = trial
                break
        else:
            raise RuntimeError("no rally keeps the match going")
    return log


# --- servers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(port: int, path: str, proc: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://127.0.0.1:{port}{path}", timeout=1).status_code < 500:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start")


@contextlib.contextmanager
def serving(args: list[str], env: dict[str, str], port: int, path: str) -> Iterator[int]:
    proc = subprocess.Popen(
        [sys.executable, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_up(port, path, proc)
        yield proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def bare_server(port: int) -> None:
    """The floor: a FastAPI ``def`` endpoint taking the same body as submission, no database."""
    import uvicorn
    from fastapi import FastAPI

    app = FastAPI()

    @app.post("/bare")
    def bare(data: LogEventIn) -> dict[str, Any]:
        return data.model_dump()

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def serve_with_pragma(synchronous: str, argv: list[str]) -> None:
    """``smallball serve``, with one more SQLite pragma on every connection: a what-if."""
    from smallball.cli import main as cli_main
    from smallball.db import session

    pragmas = session._sqlite_pragmas

    def with_synchronous(dbapi_connection: Any, record: Any) -> None:
        pragmas(dbapi_connection, record)
        dbapi_connection.execute(f"PRAGMA synchronous={synchronous}")

    session._sqlite_pragmas = with_synchronous  # type: ignore[assignment]
    sys.argv = ["smallball", *argv]
    cli_main()


def cpu_seconds(pid: int) -> tuple[float, float]:
    """(user, system) CPU seconds so far of a process and its children, the workers (Linux)."""
    parent: dict[int, int] = {}
    ticks: dict[int, tuple[int, int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process has gone
            continue
        child = int(stat.parent.name)
        parent[child] = int(fields[1])
        ticks[child] = (int(fields[11]), int(fields[12]))
    tree = {pid}
    grew = True
    while grew:
        found = {p for p, pp in parent.items() if pp in tree} - tree
        grew = bool(found)
        tree |= found
    hz = os.sysconf("SC_CLK_TCK")
    user = sum(ticks.get(p, (0, 0))[0] for p in tree) / hz
    system = sum(ticks.get(p, (0, 0))[1] for p in tree) / hz
    return user, system


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, all cores (Linux /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    hz = os.sysconf("SC_CLK_TCK")
    return (sum(fields) - idle) / hz, sum(fields) / hz


# --- the clients: raw HTTP/1.1 over asyncio streams -----------------------------------------


class HttpConnection:
    """One keep-alive connection: what an umpire's device holds open."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        data = json.dumps(body).encode()
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.writer.write(
            f"POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\n{head}\r\n".encode()
            + data
        )
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


@dataclass
class SseClient:
    """One scoreboard: records when each ``seq`` of its match arrives."""

    match_id: int
    port: int
    seen: dict[int, float] = field(default_factory=dict)
    first: asyncio.Event = field(default_factory=asyncio.Event)
    error: str | None = None
    task: asyncio.Task[None] | None = None
    waiters: dict[int, asyncio.Event] = field(default_factory=dict)

    async def run(self) -> None:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", self.port, limit=1 << 20)
        except OSError as exc:
            self.error = f"connect: {exc}"
            self.first.set()
            return
        try:
            writer.write(
                f"GET /api/live/matches/{self.match_id} HTTP/1.1\r\nHost: bench\r\n"
                "Accept: text/event-stream\r\n\r\n".encode()
            )
            status = await reader.readline()
            if b" 200 " not in status:
                self.error = status.decode(errors="replace").strip()
                self.first.set()
                return
            # Chunked transfer: size lines and frames' other lines pass by; only "id:" lines
            # matter, found by one regex pass per read to keep this side's CPU small.
            rest = b""
            while data := await reader.read(1 << 16):
                now = time.perf_counter()
                rest += data
                cut = rest.rfind(b"\n") + 1
                block, rest = rest[:cut], rest[cut:]
                for found in FRAME_ID.finditer(block):
                    seq = int(found.group(1))
                    self.seen[seq] = now
                    if seq == 0:
                        self.first.set()
                    waiter = self.waiters.pop(seq, None)
                    if waiter is not None:
                        waiter.set()
            self.error = self.error or "stream closed"
        except (OSError, asyncio.IncompleteReadError) as exc:
            self.error = f"stream: {exc}"
        finally:
            self.first.set()
            writer.close()

    async def wait_for(self, seq: int) -> None:
        if seq not in self.seen:
            event = self.waiters.setdefault(seq, asyncio.Event())
            await event.wait()


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[index] * 1000, 2)  # nearest-rank, in ms


def summary(values: list[float]) -> dict[str, Any]:
    return {
        "n": len(values),
        "p50_ms": pct(values, 50),
        "p99_ms": pct(values, 99),
        "max_ms": round(max(values) * 1000, 2) if values else None,
        "mean_ms": round(statistics.fmean(values) * 1000, 2) if values else None,
    }


# --- one database ----------------------------------------------------------------------------


async def bare_round_trips(port: int, count: int) -> list[float]:
    conn = HttpConnection(port)
    out = []
    try:
        for i in range(count):
            body = {"seq": i + 1, "key": uuid.uuid4().hex, "event": {"type": "rally"}}
            start = time.perf_counter()
            status = await conn.post("/bare", body, {})
            out.append(time.perf_counter() - start)
            assert status == 200, status
    finally:
        conn.close()
    return out


async def one_umpire(port: int, match: MatchInfo, token: str, events: list[dict[str, Any]]) -> Any:
    """Unloaded: one umpire, one scoreboard, each point only after the last has arrived."""
    client = SseClient(match.id, port)
    client.task = asyncio.create_task(client.run())
    await client.first.wait()
    if client.error:
        raise RuntimeError(f"baseline SSE client: {client.error}")
    conn = HttpConnection(port)
    submit, deliver = [], []
    try:
        for seq, event in enumerate(events, start=1):
            start = time.perf_counter()
            status = await conn.post(
                f"/api/matches/{match.id}/log",
                {"seq": seq, "key": uuid.uuid4().hex, "event": event},
                {"X-Umpire-Token": token},
            )
            submit.append(time.perf_counter() - start)
            if status != 200:
                raise RuntimeError(f"baseline submission {seq}: HTTP {status}")
            await asyncio.wait_for(client.wait_for(seq), 10)
            deliver.append(client.seen[seq] - start)
    finally:
        conn.close()
        client.task.cancel()
    return submit, deliver


async def umpire(
    port: int,
    match: MatchInfo,
    token: str,
    events: list[dict[str, Any]],
    interval: float,
    rng: random.Random,
    sent: dict[int, float],
    latencies: list[float],
    errors: list[str],
    trace: list[tuple[float, float, int, int]] | None = None,
) -> None:
    conn = HttpConnection(port)
    try:
        if interval:
            await asyncio.sleep(rng.uniform(0, interval))  # tables do not start in step
        for seq, event in enumerate(events, start=1):
            body = {"seq": seq, "key": uuid.uuid4().hex, "event": event}
            start = time.perf_counter()
            sent[seq] = start
            try:
                status = await conn.post(
                    f"/api/matches/{match.id}/log", body, {"X-Umpire-Token": token}
                )
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
                errors.append(f"match {match.id} seq {seq}: {exc!r}")
                return
            latencies.append(time.perf_counter() - start)
            if trace is not None:
                trace.append((start, latencies[-1], match.id, seq))
            if status != 200:
                errors.append(f"match {match.id} seq {seq}: HTTP {status}")
                return
            if interval:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * interval)
    finally:
        conn.close()


async def drive(
    port: int,
    pid: int,
    loaded: Loaded,
    tokens: dict[int, str],
    args: argparse.Namespace,
) -> dict[str, Any]:
    rng = random.Random(2026)
    scripts = {m.id: script(m, args.rallies, rng) for m in [*loaded.matches, loaded.spare]}

    base_submit, base_deliver = await one_umpire(
        port, loaded.spare, tokens[loaded.spare.id], scripts[loaded.spare.id][: args.baseline]
    )

    # The scoreboards: connect a few dozen at a time, as a hall's screens would come up.
    clients = [
        SseClient(loaded.matches[i % len(loaded.matches)].id, port) for i in range(args.clients)
    ]
    gate = asyncio.Semaphore(32)
    connect_times: list[float] = []

    async def connect(client: SseClient) -> None:
        async with gate:
            start = time.perf_counter()
            client.task = asyncio.create_task(client.run())
            await client.first.wait()
            connect_times.append(time.perf_counter() - start)

    started = time.perf_counter()
    await asyncio.gather(*(connect(c) for c in clients))
    connect_s = time.perf_counter() - started
    connect_errors = [c.error for c in clients if c.error]

    trace: list[tuple[float, float, int, int]] | None = [] if args.trace else None
    sent: dict[int, dict[int, float]] = {m.id: {} for m in loaded.matches}
    submit: list[float] = []
    errors: list[str] = []
    profiler = None
    if args.profile:  # py-spy's collapsed stacks of the server while the umpires score
        out_path = f"{args.profile}-{args.kind}.txt"
        rate = os.environ.get("BENCH_PYSPY_RATE", "50")  # samples per second
        command = ["py-spy", "record", "--pid", str(pid), "--subprocesses", "--gil"]
        command += ["--rate", rate]
        command += ["--format", "raw", "-o", out_path]
        profiler = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        await asyncio.sleep(1)
    cpu_before = cpu_seconds(pid)
    busy_before = machine_busy()
    started = time.perf_counter()
    await asyncio.gather(
        *(
            umpire(
                port,
                m,
                tokens[m.id],
                scripts[m.id],
                args.interval,
                random.Random(m.id),
                sent[m.id],
                submit,
                errors,
                trace,
            )
            for m in loaded.matches
        )
    )
    scoring_s = time.perf_counter() - started
    # Let the last frames arrive, then collect what every scoreboard saw.
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline and any(
        not c.error and max(sent[c.match_id], default=0) not in c.seen for c in clients
    ):
        await asyncio.sleep(0.05)
    user, system = (
        after - before for after, before in zip(cpu_seconds(pid), cpu_before, strict=True)
    )
    server_cpu = user + system
    busy, total = (
        after - before for after, before in zip(machine_busy(), busy_before, strict=True)
    )
    if profiler is not None:
        profiler.send_signal(signal.SIGINT)
        profiler.wait(timeout=30)
    deliver: list[float] = []
    missing = 0
    for c in clients:
        for seq, at in sent[c.match_id].items():
            if seq in c.seen:
                deliver.append(c.seen[seq] - at)
            else:
                missing += 1
    for c in clients:
        if c.task is not None:
            c.task.cancel()
    await asyncio.gather(*(c.task for c in clients if c.task), return_exceptions=True)

    if trace is not None:  # every submission, for a look at when the slow ones happen
        Path(f"{args.trace}-{args.kind}.json").write_text(json.dumps(trace))
    sub, dlv = summary(submit), summary(deliver)
    return {
        "submit_p50_ms": sub["p50_ms"],
        "submit_p99_ms": sub["p99_ms"],
        "delivery_p50_ms": dlv["p50_ms"],
        "delivery_p99_ms": dlv["p99_ms"],
        "submit": sub,
        "delivery": dlv,
        "submit_target_met": sub["p99_ms"] is not None and sub["p99_ms"] < SUBMIT_TARGET_MS,
        "delivery_target_met": dlv["p99_ms"] is not None and dlv["p99_ms"] < DELIVERY_TARGET_MS,
        "umpires": len(loaded.matches),
        "sse_clients": len(clients),
        "events_per_umpire": args.rallies + 1,
        "submissions_ok": len(submit) - sum("HTTP" in e for e in errors),
        "submission_errors": errors[:20],
        "submission_error_count": len(errors),
        "frames_expected": len(deliver) + missing,
        "frames_missing": missing,
        "sse_connect_errors": connect_errors[:20],
        "sse_connect_error_count": len(connect_errors),
        "sse_connect_all_s": round(connect_s, 2),
        "sse_first_frame": summary(connect_times),
        "scoring_duration_s": round(scoring_s, 2),
        "submissions_per_s": round(len(submit) / scoring_s, 1),
        "server_cpu_s": round(server_cpu, 2),
        "server_cpu_user_s": round(user, 2),
        "server_cpu_system_s": round(system, 2),
        # Every process on the machine (server, database, these clients, anything else):
        # near 1.0 the cores are saturated and latency is queueing.
        "machine_cpu_busy": round(busy / total, 3) if total else None,
        "server_cpu_ms_per_submission": round(server_cpu * 1000 / max(1, len(submit)), 2),
        "baseline_one_umpire": {
            "submit": summary(base_submit),
            "delivery": summary(base_deliver),
        },
    }


@contextlib.contextmanager
def database(kind: str) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="smallball-bench-") as tmp:
            yield f"sqlite:///{tmp}/live.sqlite3"
        return
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(PG_ADMIN)
    name = f"smallball_bench_live_{os.getpid()}"
    dsn = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_database(kind: str, args: argparse.Namespace, bare_rtt: list[float]) -> dict[str, Any]:
    from smallball.db.migrate import upgrade
    from smallball.web.umpire_token import make_token

    with database(kind) as url:
        upgrade(url)
        started = time.perf_counter()
        loaded = load(url, 2 * args.umpires)
        load_s = time.perf_counter() - started
        tokens = {
            m.id: make_token(SECRET, m.id, loaded.organiser_id)
            for m in [*loaded.matches, loaded.spare]
        }
        port = free_port()
        env = {**os.environ, "SMALLBALL_DATABASE_URL": url, "SMALLBALL_SECRET_KEY": SECRET}
        serve = ["-m", "smallball", "serve", "--port", str(port), "--no-migrate"]
        if kind == "postgresql" and args.workers > 1:
            serve += ["--workers", str(args.workers)]
        if kind == "sqlite" and args.sqlite_synchronous:
            serve = [
                __file__,
                "--sqlite-synchronous",
                args.sqlite_synchronous,
                "--serve",
                *serve[2:],
            ]
        with serving(serve, env, port, "/api/events") as pid:
            out = run_async(drive(port, pid, loaded, tokens, args))
        out["load_s"] = round(load_s, 2)
        out["bare_endpoint_round_trip"] = summary(bare_rtt)
        return out


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    try:
        import uvloop

        factory: Callable[[], asyncio.AbstractEventLoop] | None = uvloop.new_event_loop
    except ImportError:  # the stdlib loop works, only slower
        factory = None
    with asyncio.Runner(loop_factory=factory) as runner:
        return runner.run(coro)


def raise_fd_limit(need: int) -> int:
    """Each SSE client is a socket here and another in the server (which inherits this)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else max(soft, need)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    if wanted < need:
        raise SystemExit(f"need {need} file descriptors, the hard limit is {hard}")
    return wanted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--umpires", type=int, default=64)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--rallies", type=int, default=60)
    parser.add_argument("--interval", type=float, default=2.0, help="mean pause per umpire, s")
    parser.add_argument(
        "--stress-interval",
        type=float,
        default=0.5,
        help="mean pause of the stress run; negative: no stress run",
    )
    parser.add_argument("--baseline", type=int, default=40, help="events in the 1-umpire run")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="app processes on PostgreSQL (SQLite serves from one: its live hub is in-process)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="the results file")
    parser.add_argument("--profile", help="py-spy the server into PROFILE-<database>.txt")
    parser.add_argument("--trace", help="write every submission to TRACE-<database>.json")
    parser.add_argument(
        "--sqlite-synchronous",
        choices=("NORMAL", "FULL"),
        help="what-if: serve SQLite with this PRAGMA synchronous (the app sets none: FULL)",
    )
    parser.add_argument("--serve", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.add_argument("--bare-server", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_server:
        bare_server(args.bare_server)
        return
    if args.serve is not None:
        serve_with_pragma(args.sqlite_synchronous, args.serve)
        return
    fds = raise_fd_limit(args.clients * 2 + 512)

    port = free_port()
    with serving([__file__, "--bare-server", str(port)], dict(os.environ), port, "/docs"):
        bare_rtt = run_async(bare_round_trips(port, 300))

    load_before = os.getloadavg()
    results: dict[str, Any] = {
        "benchmark": "live",
        "targets": {"submit_p99_ms": SUBMIT_TARGET_MS, "delivery_p99_ms": DELIVERY_TARGET_MS},
        "method": {
            "umpires": args.umpires,
            "sse_clients": args.clients,
            "events_per_umpire": args.rallies + 1,
            "mean_interval_s": args.interval,
            "stress_mean_interval_s": args.stress_interval,
            "sqlite_synchronous": args.sqlite_synchronous or "NORMAL (the app's default, WAL)",
            "postgresql_app_processes": args.workers,
            "latency": "submit: send->200; delivery: umpire send->SSE frame read; nearest-rank",
        },
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "shared": "2 cores shared with other engineers' work; server and clients co-located",
            "load_average_before": [round(x, 2) for x in load_before],
            "nofile_limit": fds,
        },
    }
    kinds = [args.only] if args.only else ["sqlite", "postgresql"]
    for kind in kinds:
        print(f"== {kind}", flush=True)
        args.kind = kind
        results[kind] = run_database(kind, args, bare_rtt)
        report(kind, results[kind])
        if args.stress_interval >= 0:
            print(f"== {kind}, stress: pauses of {args.stress_interval:g} s", flush=True)
            paced = args.interval
            args.interval = args.stress_interval
            stress = run_database(kind, args, bare_rtt)
            args.interval = paced
            report(kind, stress)
            results[kind]["stress"] = {
                k: stress[k]
                for k in (
                    "submit_p50_ms",
                    "submit_p99_ms",
                    "delivery_p50_ms",
                    "delivery_p99_ms",
                    "submit_target_met",
                    "delivery_target_met",
                    "submissions_per_s",
                    "server_cpu_ms_per_submission",
                    "machine_cpu_busy",
                    "frames_missing",
                    "submission_error_count",
                )
            }
    results["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    if args.only and args.out.exists():  # keep the other database's figures
        previous = json.loads(args.out.read_text())
        for other in ("sqlite", "postgresql"):
            if other not in kinds and other in previous:
                results[other] = previous[other]
    results["targets_met"] = all(
        results[k]["submit_target_met"] and results[k]["delivery_target_met"]
        for k in ("sqlite", "postgresql")
        if k in results
    )
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.out}")


def report(kind: str, r: dict[str, Any]) -> None:
    base = r["baseline_one_umpire"]
    bare = r["bare_endpoint_round_trip"]

    def ok(met: bool) -> str:
        return "ok" if met else "MISSED"

    print(
        f"  bare FastAPI round trip      p50 {bare['p50_ms']:>7} ms  p99 {bare['p99_ms']:>7} ms\n"
        f"  1 umpire, 1 client: submit   p50 {base['submit']['p50_ms']:>7} ms"
        f"  p99 {base['submit']['p99_ms']:>7} ms\n"
        f"  1 umpire, 1 client: delivery p50 {base['delivery']['p50_ms']:>7} ms"
        f"  p99 {base['delivery']['p99_ms']:>7} ms\n"
        f"  {r['umpires']} umpires: submit         p50 {r['submit_p50_ms']:>7} ms"
        f"  p99 {r['submit_p99_ms']:>7} ms  (target < {SUBMIT_TARGET_MS:g}:"
        f" {ok(r['submit_target_met'])})\n"
        f"  {r['sse_clients']} clients: delivery     p50 {r['delivery_p50_ms']:>7} ms"
        f"  p99 {r['delivery_p99_ms']:>7} ms  (target < {DELIVERY_TARGET_MS:g}:"
        f" {ok(r['delivery_target_met'])})\n"
        f"  {r['submissions_ok']} submissions at {r['submissions_per_s']}/s,"
        f" {r['submission_error_count']} errors; frames missing {r['frames_missing']}"
        f" of {r['frames_expected']}; server CPU {r['server_cpu_ms_per_submission']} ms"
        f" per submission; machine CPU busy {r['machine_cpu_busy']}",
        flush=True,
    )


if __name__ == "__main__":
    main()
