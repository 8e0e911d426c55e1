"""Restore drill: the test world, backed up, wiped (or restored elsewhere), restored: same row counts."""

from __future__ import annotations

import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from coopconnect.core.backup import BackupError, backup, holds_data, postgresql_restore, restore, row_counts

pytestmark = [pytest.mark.usefixtures("_fast_passwords"), pytest.mark.django_db(transaction=True)]

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite drill (online-backup API); this run is on PostgreSQL."
)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_dump/pg_restore drill: runs in the test command's PostgreSQL run, not on SQLite.",
)


def test_the_world_holds_data_and_a_restore_over_it_is_refused(world, tmp_path):
    counts = row_counts()
    assert holds_data(counts) and counts["billing_invoice"] == 1 and counts["community_forum"] == 1
    path = tmp_path / "coop.backup"
    call_command("backup", str(path))
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(path))
    with pytest.raises(CommandError, match="introuvable"):
        call_command("restore", str(tmp_path / "absent.backup"))
    with pytest.raises(BackupError, match="dossier"):
        backup(tmp_path)
    assert row_counts() == counts


@sqlite_only
def test_sqlite_backup_wipe_restore_gives_the_same_row_counts(world, tmp_path, capsys):
    before = row_counts()
    path = tmp_path / "sauvegardes" / "coop.sqlite3"
    call_command("backup", str(path))
    assert "Sauvegarde écrite" in capsys.readouterr().out
    assert not path.with_name(path.name + ".partiel").exists()
    call_command("flush", interactive=False)
    assert not holds_data(row_counts())
    call_command("restore", str(path))
    assert "Base restaurée" in capsys.readouterr().out
    assert row_counts() == before
    # Over data, --force replaces everything by the backup again.
    world.users["outsider"].delete()
    call_command("restore", str(path), "--force")
    assert row_counts() == before


@sqlite_only
def test_sqlite_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    junk = tmp_path / "pas-une-base.sqlite3"
    junk.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    with pytest.raises(BackupError, match="SQLite"):
        restore(junk, force=True)


@postgresql_only
def test_postgresql_dump_restore_into_a_fresh_database_gives_the_same_row_counts(world, tmp_path):
    import psycopg

    before = row_counts()
    path = tmp_path / "coop.dump"
    call_command("backup", str(path))
    assert path.read_bytes()[:5] == b"PGDMP"
    settings = connection.settings_dict
    fresh = f"coop_drill_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        postgresql_restore(path, {**settings, "NAME": fresh})
        conninfo = {"host": settings["HOST"], "port": settings["PORT"], "user": settings["USER"]}
        with psycopg.connect(dbname=fresh, password=settings["PASSWORD"] or None, **conninfo) as db:
            tables = [r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
            after = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}
            # The restored database keeps the triggers that make issued invoices final.
            triggers = {r[0] for r in db.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
        assert after == before
        assert "billing_invoice_immutable" in triggers
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


@postgresql_only
def test_postgresql_restore_with_force_replaces_the_live_database(world, tmp_path):
    before = row_counts()
    path = tmp_path / "coop.dump"
    call_command("backup", str(path))
    world.users["outsider"].delete()
    assert row_counts() != before
    call_command("restore", str(path), "--force")
    assert row_counts() == before
