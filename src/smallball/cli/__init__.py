"""The ``smallball`` command. Each module here (not starting with ``_``) adds its commands
through ``register(app)``, so engines can be added without touching this file."""

from __future__ import annotations

import importlib
import pkgutil

import typer

app = typer.Typer(
    name="smallball",
    help="Run international table tennis exchanges and see the ties they build.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register_all() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}").register(app)


_register_all()


def main() -> None:
    app()
