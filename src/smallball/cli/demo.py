"""``smallball demo`` serves the demo event; ``smallball rules demo`` replays a doubles match
through the rules engine in the terminal."""

from __future__ import annotations

import random
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.live import Live
from rich.table import Table

from smallball.cli._io import words
from smallball.errors import N_
from smallball.sport import RALLY_A, RALLY_B, Event, MatchSetup, Replay, TableTennis, replay

# Two pairs mixed across delegations, as at the 2021 Houston World Championships.
HOME = ("Chen Wei (CHN)", "Emily Carter (USA)")
AWAY = ("Kenji Sato (JPN)", "Anna Müller (GER)")


def demo_match(seed: int) -> tuple[MatchSetup, list[Event]]:
    """A best-of-5 doubles match that goes to a deciding game, found from ``seed`` on."""
    setup = MatchSetup(
        sides=(HOME, AWAY),
        first_server=HOME[0],
        first_receiver=AWAY[1],
        best_of=5,
        game_first_servers={2: AWAY[0], 3: HOME[1], 4: AWAY[1], 5: HOME[0]},
    )
    sport = TableTennis()
    while True:
        rng = random.Random(seed)
        scorer = sport.start(setup)
        events: list[Event] = []
        while scorer.status == "in_progress":
            events.append(RALLY_A if rng.random() < 0.5 else RALLY_B)
            scorer.apply(events[-1])
        if len(scorer.games) == 5:
            return setup, events
        seed += 1


def scoreboard(result: Replay, shown: int) -> Table:
    table = Table(title=words(N_("Friendship doubles · best of 5 · ITTF laws")), expand=True)
    table.add_column(words(N_("game")), justify="right")
    table.add_column(words(N_("server → receiver")))
    table.add_column(words(N_("score")), justify="center")
    table.add_column(words(N_("note")))
    change_ends = words(N_("change ends"))
    for rally in result.rallies[max(0, shown - 12) : shown]:
        note = change_ends if rally.switch_ends_after else ""
        a, b = rally.score_after
        table.add_row(str(rally.game), f"{rally.server} → {rally.receiver}", f"{a}–{b}", note)
    return table


def rules_demo(
    seed: int = typer.Option(71, help="Random seed of the rallies."),
    delay: float = typer.Option(0.03, help="Seconds between rallies on screen."),
) -> None:
    """Replay a demo doubles match, rally by rally, with server, receiver and ends."""
    setup, events = demo_match(seed)
    result = replay(TableTennis(), setup, events)
    console = Console()
    with Live(scoreboard(result, 0), console=console, refresh_per_second=30) as live:
        for shown in range(1, len(result.rallies) + 1):
            live.update(scoreboard(result, shown))
            time.sleep(delay)
    console.print()
    games = "  ".join(f"{a}–{b}" for a, b in result.state.games)
    winner = setup.sides[result.state.winner or 0]
    console.print(
        words(N_("[bold]{winner}[/bold] win {games}"), winner=" / ".join(winner), games=games)
    )


def demo(
    database_file: str = typer.Option(
        "demo.sqlite3", "--database", help="SQLite file, made afresh."
    ),
    host: str = typer.Option("127.0.0.1"),
    port: int = typer.Option(8000),
    serve: bool = typer.Option(True, help="Serve it after loading."),
) -> None:
    """Load the Friendship Open into a fresh SQLite database and serve it."""
    database = Path(database_file)
    from smallball.app.context import Services
    from smallball.db.migrate import upgrade
    from smallball.db.session import make_engine, session_factory
    from smallball.demo.load import load_demo

    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{database.resolve()}"
    upgrade(url)
    engine = make_engine(url)
    loaded = load_demo(Services(session_factory(engine)))
    engine.dispose()
    console = Console()
    loaded_line = N_(
        "[bold]Friendship Open[/bold] loaded: {delegations} delegations, {players} players, "
        "{results} results already played."
    )
    console.print(
        words(
            loaded_line,
            delegations=loaded.delegations,
            players=loaded.players,
            results=loaded.results,
        )
    )
    console.print(
        words(
            N_("Organiser login: [bold]{email}[/bold] / [bold]{password}[/bold]"),
            email=loaded.organiser_email,
            password=loaded.organiser_password,
        )
    )
    console.print(words(N_("Open {url}"), url=f"http://{host}:{port}/events/{loaded.slug}"))
    if serve:
        from smallball.settings import Settings
        from smallball.web.app import create_app
        from smallball.web.app import serve as run

        run(create_app(Settings(database_url=url)), host, port)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def register_rules_demo(rules: typer.Typer) -> None:
    rules.command("demo")(rules_demo)
