"""Errors the domain raises for bad input."""


class InputError(ValueError):
    """Bad input, described in one line fit to show a caseworker (no traceback, no jargon)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
