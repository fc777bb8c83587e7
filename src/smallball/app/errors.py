"""What a use case can refuse, besides bad input (``smallball.errors.InputError``)."""

from __future__ import annotations


class AppError(Exception):
    status = 400


class NotFound(AppError):
    status = 404


class PermissionDenied(AppError):
    status = 403


class NotAuthenticated(AppError):
    status = 401


class Conflict(AppError):
    status = 409
