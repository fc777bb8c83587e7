"""Errors shared by every layer: each names the input field it is about."""


class InputError(ValueError):
    """Bad input: the message names the field (a JSON path such as ``events[3]``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class RuleError(Exception):
    """An event that the laws of the game refuse in the current state of the match."""


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
