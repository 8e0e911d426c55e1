"""Database connections of the threads a test starts itself."""

from __future__ import annotations

from django.db import connections


def release_thread_connections() -> None:
    """Really close this thread's database connections; call it as the thread's last step.

    ``connection.close()`` is a no-op on SQLite's in-memory test database (closing the last
    connection would drop it), so a worker thread's connection would otherwise live until the
    garbage collector finds it — still holding the shared-cache lock of a transaction a lock
    error left open, and making every later write of the test process fail with "database table
    is locked". Closing the thread's own connection leaves the database to the main thread's.
    """
    for connection in connections.all(initialized_only=True):
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            if connection.connection is not None:
                connection.connection.close()  # rolls back whatever it left open
                connection.connection = None
            connection.in_atomic_block = False
            connection.savepoint_ids = []
            connection.needs_rollback = False
        else:
            connection.close()
