"""Errors shared by every layer: each names the input field it is about.

A refusal's message may be a catalogue template (marked with ``N_``) whose ``{name}`` fields are
filled from keyword arguments: ``str(exc)`` is then the English text for the API and the CLI,
and ``localized_line`` translates the template before filling it, for a page in the reader's
language. Names, numbers and codes stay as they are in every language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence


class Term(str):
    """A refusal's parameter that is itself a word of the catalogue (a status, a stage), so it
    is translated with the message; other parameters are names and numbers, shown as given."""

    __slots__ = ()


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is written; it is translated where shown."""
    return message


def fill(template: str, params: Mapping[str, object]) -> str:
    return template.format(**params) if params else template


class Templated:
    """A refusal that keeps its catalogue template and values beside the English text, so that
    ``localized_line`` can word it again in the reader's language."""

    template: str
    params: Mapping[str, object]

    def _keep(self, message: str, params: Mapping[str, object]) -> str:
        """Remember the template and its values; the English text."""
        self.template, self.params = message, params
        return fill(message, params)


class Reasons(str):
    """Several refusals as one parameter of another: joined by "; " in English, each worded
    again in the reader's language where the outer message is (``translate``)."""

    items: tuple[Templated, ...]

    def __new__(cls, items: Sequence[Templated]) -> Reasons:
        joined = super().__new__(cls, "; ".join(fill(i.template, i.params) for i in items))
        joined.items = tuple(items)
        return joined


class Said(str, Templated):
    """A sentence of a result (a broken rule of a plan, of a pairing) that keeps its template:
    as a ``str`` it is the English text, so JSON and logs keep it as before; ``localize``
    words it again in the reader's language where it is shown."""

    def __new__(cls, template: str, /, **params: object) -> Said:
        said = super().__new__(cls, fill(template, params))
        said.template, said.params = template, params
        return said


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


def translate(template: str, params: Mapping[str, object], gettext: Callable[[str], str]) -> str:
    """``template`` in the reader's language, filled; English if the translation does not fit."""
    shown = {key: _shown(value, gettext) for key, value in params.items()}
    try:
        return fill(gettext(template), shown)
    except (KeyError, IndexError, ValueError):
        return fill(template, params)


def localize(value: object, gettext: Callable[[str], str]) -> object:
    """``value`` with every ``Said`` inside it (in lists, tuples and dict values) worded in the
    reader's language; everything else as it is."""
    if isinstance(value, Said):
        return translate(value.template, value.params, gettext)
    if isinstance(value, dict):
        return {key: localize(item, gettext) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [localize(item, gettext) for item in value]
    return value


def _shown(value: object, gettext: Callable[[str], str]) -> object:
    if isinstance(value, Said):
        return translate(value.template, value.params, gettext)
    if isinstance(value, Term):
        return gettext(value)
    if isinstance(value, Reasons):
        return "; ".join(translate(i.template, i.params, gettext) for i in value.items)
    return value
