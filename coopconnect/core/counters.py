"""The abuse limits' counters: a cache backend of integers where each operation is one SQL statement.

django-ratelimit counts a window with ``add(key, 1)`` then, when the key exists, ``incr(key)``. On
Django's database cache that is a ``COUNT(*)`` of the whole table (to cull), a read, an insert, then
a locked read and an update in a transaction: about five statements per window, ten for an API write
with its two windows, more than the booking it guards. Here ``add`` is one upsert that only replaces
an expired row, ``incr`` one ``UPDATE ... RETURNING``: two statements per window at most, atomic
without a lock or a transaction of their own, on SQLite (3.35+) as on PostgreSQL. Expired rows are
deleted now and then by ``add``.
"""

from __future__ import annotations

import random
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import connections, router

from coopconnect.core.models import AbuseCounter

PURGE_ONE_IN = 500  # one add in that many also deletes the expired windows


class CounterCache(BaseCache):
    """Integer counters in ``core.AbuseCounter``; other values are refused (this is not a general cache)."""

    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__(params)

    def _run(self, sql: str, params: list[Any]) -> tuple[int, Any]:
        db = router.db_for_write(AbuseCounter)
        table = connections[db].ops.quote_name(AbuseCounter._meta.db_table)
        with connections[db].cursor() as cursor:
            cursor.execute(sql.format(t=table), params)
            row = cursor.fetchone() if cursor.description else None
            return cursor.rowcount, row

    def _expiry(self, timeout: Any) -> int:
        seconds = self.get_backend_timeout(timeout)
        return 2**62 if seconds is None else int(seconds)

    @staticmethod
    def _integer(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("CounterCache stores integers only")
        return value

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        now = int(time.time())
        if random.randrange(PURGE_ONE_IN) == 0:  # noqa: S311 - spreading a clean-up, not a secret
            self._run("DELETE FROM {t} WHERE expires < %s", [now])
        # Inserted, or an expired window replaced: 1 row; a live window left alone: 0 rows.
        count, _row = self._run(
            "INSERT INTO {t} (key, value, expires) VALUES (%s, %s, %s) ON CONFLICT (key) DO UPDATE "
            "SET value = excluded.value, expires = excluded.expires WHERE {t}.expires < %s",
            [key, self._integer(value), self._expiry(timeout), now],
        )
        return count == 1

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        _count, row = self._run(
            "UPDATE {t} SET value = value + %s WHERE key = %s AND expires >= %s RETURNING value",
            [self._integer(delta), key, int(time.time())],
        )
        if row is None:
            raise ValueError(f"Key '{key}' not found.")
        return int(row[0])

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        _count, row = self._run(
            "SELECT value FROM {t} WHERE key = %s AND expires >= %s", [key, int(time.time())]
        )
        return default if row is None else int(row[0])

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._run(
            "INSERT INTO {t} (key, value, expires) VALUES (%s, %s, %s) ON CONFLICT (key) DO UPDATE "
            "SET value = excluded.value, expires = excluded.expires",
            [key, self._integer(value), self._expiry(timeout)],
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        count, _row = self._run(
            "UPDATE {t} SET expires = %s WHERE key = %s AND expires >= %s",
            [self._expiry(timeout), key, int(time.time())],
        )
        return count == 1

    def delete(self, key: Any, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        count, _row = self._run("DELETE FROM {t} WHERE key = %s", [key])
        return count == 1

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self.get(key, version=version) is not None

    def clear(self) -> None:
        self._run("DELETE FROM {t}", [])
