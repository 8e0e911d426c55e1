"""Domain errors raised by services and turned into 4xx by views and the API."""

from collections.abc import Mapping, Sequence


class DomainError(Exception):
    """A business rule refused the request; carries a user-facing message and field errors."""

    status_code = 400

    def __init__(self, message: str, errors: Mapping[str, Sequence[str]] | None = None) -> None:
        super().__init__(message)
        self.message = str(message)
        self.errors: dict[str, list[str]] = {k: [str(m) for m in v] for k, v in (errors or {}).items()}


class NotFound(DomainError):
    """The object does not exist, or the caller may not know it exists."""

    status_code = 404


class PermissionDenied(DomainError):
    """The caller is known but not allowed to do this."""

    status_code = 403


class Conflict(DomainError):
    """The request clashes with the current state (full, already taken, duplicate)."""

    status_code = 409
