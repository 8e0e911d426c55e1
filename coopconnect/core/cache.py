"""The shared cache: Django's database cache with an atomic, expiry-keeping increment.

The abuse limits (:mod:`coopconnect.core.ratelimit`) count requests in the cache, and every web worker
must see the same counters: the database is the one store all workers already share, on SQLite as on
PostgreSQL, with no extra server to run. Django's own ``incr`` reads then rewrites the value with the
default timeout, which loses concurrent hits and pushes a window's end; this one locks the row and
updates the value alone.
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, models, router, transaction
from django.utils.timezone import now as tz_now


class CounterDatabaseCache(DatabaseCache):
    """A :class:`DatabaseCache` whose ``incr`` is atomic and keeps the entry's expiry."""

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table = quote_name(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            # SQLite takes the database write lock at BEGIN (IMMEDIATE), PostgreSQL the row lock here:
            # two workers counting the same window wait for each other instead of both writing n + 1.
            cursor.execute(
                f"SELECT {quote_name('value')}, {quote_name('expires')} FROM {table} "
                f"WHERE {quote_name('cache_key')} = %s{lock}",
                [key],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found.")
            expression = models.Expression(output_field=models.DateTimeField())
            expires = row[1]
            for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(
                connection
            ):
                expires = converter(expires, expression, connection)
            if expires < tz_now():
                raise ValueError(f"Key '{key}' not found.")
            value = pickle.loads(
                base64.b64decode(connection.ops.process_clob(row[0]).encode(), validate=True)
            )
            new_value = value + delta
            encoded = base64.b64encode(pickle.dumps(new_value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {quote_name('value')} = %s WHERE {quote_name('cache_key')} = %s",
                [encoded, key],
            )
        return new_value
