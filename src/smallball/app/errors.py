"""What a use case can refuse, besides bad input (``smallball.errors.InputError``)."""

from __future__ import annotations

from smallball.errors import Templated


class AppError(Templated, Exception):
    """A refusal with a status; ``message`` may be a catalogue template filled from ``params``
    (see ``smallball.errors``), and ``field`` names the input it is about, as in ``InputError``."""

    status = 400

    def __init__(self, message: str = "", /, *, field: str | None = None, **params: object) -> None:
        text = self._keep(message, params)
        super().__init__(f"{field}: {text}" if field else text)
        self.field = field


class NotFound(AppError):
    status = 404


class PermissionDenied(AppError):
    status = 403


class NotAuthenticated(AppError):
    status = 401


class Conflict(AppError):
    status = 409
