"""The apps that hold personal data, each with its export, its erasure and its retention purge.

An app registers its holder in ``AppConfig.ready()``; accounts calls them without importing the apps,
which sit on higher layers. Erasure runs the holders in reverse order of registration (the highest
layer first, as INSTALLED_APPS lists the apps lowest first), so data goes before the data it builds on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coopconnect.accounts.models import User

Row = dict[str, Any]


@dataclass
class PersonalData:
    """What one app holds about a person: tables of rows and files (path in the archive -> bytes)."""

    tables: dict[str, list[Row]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Holder:
    """One app's part in a person's rights.

    ``export(person)`` returns what the app holds about the person; ``erase(person=...)`` anonymises
    or deletes it inside the erasure transaction (raising aborts the whole erasure); ``purge(now)``
    deletes what is past its retention period and returns how many rows went, per kind.
    """

    app: str
    export: Callable[[User], PersonalData]
    erase: Callable[..., None] | None = None
    purge: Callable[[datetime], dict[str, int]] | None = None


_holders: dict[str, Holder] = {}


def register(holder: Holder) -> None:
    """Add (or replace, on a reload) an app's holder."""
    _holders[holder.app] = holder


def holders() -> list[Holder]:
    """Return the holders in registration order (lowest layer first)."""
    return list(_holders.values())


def erasure_order() -> Iterator[Holder]:
    """Yield the holders highest layer first."""
    yield from reversed(holders())
