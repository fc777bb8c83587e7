"""``smallball serve`` and ``smallball user create``: run the web platform, make accounts."""

from __future__ import annotations

import typer

from smallball.settings import get_settings

users = typer.Typer(help="Accounts.", no_args_is_help=True)


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    migrate: bool = typer.Option(True, help="Upgrade the database first."),
    workers: int = typer.Option(
        1, min=1, help="App processes. More than one needs PostgreSQL (live updates by NOTIFY)."
    ),
) -> None:
    """Serve the web platform (SMALLBALL_DATABASE_URL; SQLite by default)."""
    from smallball.cli._io import refuse
    from smallball.db.migrate import upgrade
    from smallball.errors import N_, InputError
    from smallball.web.app import serve as run
    from smallball.web.app import serving_app

    settings = get_settings()
    if workers > 1 and not settings.database_url.startswith("postgresql"):
        # On SQLite a point reaches only the scoreboards of the process that took it.
        raise refuse(InputError("--workers", N_("more than one app process needs PostgreSQL")))
    if migrate:
        upgrade(settings.database_url)
    if workers == 1:
        run(serving_app(), host, port)
    else:
        run("smallball.web.app:serving_app", host, port, workers)


@users.command("create")
def create_user_command(
    email: str = typer.Option(..., help="Sign-in email."),
    name: str = typer.Option(..., help="Display name."),
    password: str = typer.Option(
        ..., prompt=True, hide_input=True, confirmation_prompt=True, help="At least 8 characters."
    ),
    admin: bool = typer.Option(True, help="A site administrator may create events."),
) -> None:
    """Make an account, by default the first organiser (a site administrator)."""
    from pydantic import ValidationError

    from smallball.app.context import Services
    from smallball.app.errors import AppError
    from smallball.app.users import UserIn, create_user
    from smallball.cli._io import refuse, words
    from smallball.db.migrate import upgrade
    from smallball.db.session import make_engine, session_factory
    from smallball.errors import N_

    settings = get_settings()
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        data = UserIn(email=email, display_name=name, password=password, is_admin=admin)
        user_id = Services(session_factory(engine)).run(None, create_user, data)
    except (ValidationError, AppError) as exc:
        raise refuse(exc) from None
    finally:
        engine.dispose()
    made = (
        N_("created user {user} <{email}> (administrator)")
        if admin
        else N_("created user {user} <{email}>")
    )
    typer.echo(words(made, user=user_id, email=email))


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(users, name="user")
