"""Errors shared by every layer: each names the input field it is about.

A refusal's message may be a catalogue template (marked with ``N_``) whose ``{name}`` fields are
filled from keyword arguments: ``str(exc)`` is then the English text for the API and the CLI,
and ``localized_line`` translates the template before filling it, for a page in the reader's
language. Names, numbers and codes stay as they are in every language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

# The catalogue's sentence machinery, re-exported: refusals are where it began.
from smallball.words import N_ as N_
from smallball.words import Reasons as Reasons
from smallball.words import Said as Said
from smallball.words import Templated as Templated
from smallball.words import Term as Term
from smallball.words import fill as fill
from smallball.words import localize as localize
from smallball.words import translate as translate


class Refusal(Templated, ValueError):
    """A validator's refusal (pydantic reports it under the field it checks), like
    ``InputError`` without the field."""

    def __init__(self, message: str, /, **params: object) -> None:
        super().__init__(self._keep(message, params))


class InputError(Templated, ValueError):
    """Bad input: the message names the field (a JSON path such as ``events[3]``)."""

    def __init__(self, field: str, message: str, /, **params: object) -> None:
        text = self._keep(message, params)
        super().__init__(f"{field}: {text}")
        self.field = field
        self.message = text


class RuleError(Templated, Exception):
    """An event that the laws of the game refuse in the current state of the match."""

    def __init__(self, message: str, /, **params: object) -> None:
        super().__init__(self._keep(message, params))


def field_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a JSON path: ``("body", "players", 2, "id")`` →
    ``players[2].id``."""
    out = ""
    for part in loc:
        if part in ("body", "query", "path"):
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "input"


def one_line(exc: Exception) -> str:
    """One line naming the field, for any refusal: InputError, pydantic or an app error."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        message = str(first.get("msg", "invalid")).removeprefix("Value error, ")
        return f"{field_path(tuple(first.get('loc', ())))}: {message}"
    return str(exc)


def localized_line(
    exc: Exception, gettext: Callable[[str], str], known: Mapping[str, str] | None = None
) -> str:
    """``one_line`` in the reader's language: a refusal's template is translated, then filled;
    a translation that does not fit its fields falls back to the English text. For pydantic's
    errors, a validator's ``Refusal`` is translated the same way, and ``known`` gives templates
    by pydantic error type, filled from the error's context (``{"missing": "required"}``)."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = field_path(tuple(first.get("loc", ())))
        context = first.get("ctx") or {}
        cause = context.get("error")
        if isinstance(cause, Templated):
            return f"{where}: {translate(cause.template, cause.params, gettext)}"
        template = (known or {}).get(str(first.get("type")))
        if template is not None:
            return f"{where}: {translate(template, context, gettext)}"
        return one_line(exc)
    template = getattr(exc, "template", None)
    if not isinstance(template, str) or not template:
        return gettext(one_line(exc))
    text = localized_message(exc, gettext)
    field = getattr(exc, "field", None)
    return f"{field}: {text}" if isinstance(field, str) else text


def localized_message(exc: Exception, gettext: Callable[[str], str]) -> str:
    """The refusal's message alone (no field), in the reader's language."""
    template = getattr(exc, "template", None)
    if not isinstance(template, str) or not template:
        return gettext(str(getattr(exc, "message", exc)))
    return translate(template, getattr(exc, "params", {}), gettext)
