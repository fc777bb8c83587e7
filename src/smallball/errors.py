"""Errors shared by every layer: each names the input field it is about."""


class InputError(ValueError):
    """Bad input: the message names the field (a JSON path such as ``events[3]``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class RuleError(Exception):
    """An event that the laws of the game refuse in the current state of the match."""
