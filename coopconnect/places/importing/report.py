"""What an import did, and the error of a file that cannot be read at all."""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportFileError(Exception):
    """The file itself cannot be read (format, encoding, columns): no row was looked at."""


@dataclass
class ImportReport:
    """What an import did, or would do with ``dry_run``; ``errors`` and ``warnings`` are (line, reason)."""

    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    communes_linked: int = 0
    dry_run: bool = False
    unit: str = "ligne"

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged
