"""Back up and restore the whole database: SQLite through its online-backup API, PostgreSQL through
``pg_dump --format=custom`` / ``pg_restore --clean``.

A backup is written beside its final name and renamed at the end, so an interrupted backup never
leaves a truncated file under the expected name. A restore refuses to overwrite a database that
holds data unless forced, and checks the file first (SQLite integrity check, ``pg_restore --list``).
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

# Tables that ``migrate`` fills by itself (its journal, content types and permissions, the services
# bouquet of places/bouquet.py): a database holding only these is empty for a restore.
BOOKKEEPING_TABLES = frozenset(
    {"django_migrations", "django_content_type", "auth_permission", "places_service"}
)


class BackupError(Exception):
    """A backup or restore could not be done; the message says why, in French."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Return the number of rows of every table of the database (views excluded)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = [t.name for t in connection.introspection.get_table_list(cursor) if t.type == "t"]
        counts = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - names from the catalogue
            counts[table] = cursor.fetchone()[0]
    return counts


def holds_data(counts: Mapping[str, int]) -> bool:
    """Whether a database with these row counts holds anything beyond what ``migrate`` writes."""
    return any(n for table, n in counts.items() if table not in BOOKKEEPING_TABLES)


def backup(path: Path | str, *, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Write a consistent copy of the database to ``path`` while it keeps serving; return the path."""
    path = Path(path)
    if path.is_dir():
        raise BackupError(f"{path} est un dossier : indiquez le nom du fichier de sauvegarde.")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partiel")
    vendor = connections[using].vendor
    try:
        if vendor == "sqlite":
            _sqlite_backup(partial, using=using)
        elif vendor == "postgresql":
            postgresql_dump(partial, connections[using].settings_dict)
        else:
            raise BackupError(f"Base de données « {vendor} » non prise en charge par la sauvegarde.")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def restore(path: Path | str, *, using: str = DEFAULT_DB_ALIAS, force: bool = False) -> None:
    """Replace the whole database by the backup at ``path``.

    Refused when the database holds data (anything beyond what ``migrate`` writes) unless ``force``.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Fichier de sauvegarde introuvable : {path}")
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("Une restauration ne peut pas se faire à l'intérieur d'une transaction.")
    if not force and holds_data(row_counts(using)):
        raise BackupError(
            "La base de données contient déjà des données : la restauration les remplacerait toutes. "
            "Relancez avec --force si c'est bien ce que vous voulez."
        )
    if connection.vendor == "sqlite":
        _sqlite_restore(path, using=using)
    elif connection.vendor == "postgresql":
        connection.close()  # an idle session of ours must not hold locks the restore waits for
        postgresql_restore(path, connection.settings_dict)
    else:
        raise BackupError(f"Base de données « {connection.vendor} » non prise en charge par la restauration.")


# SQLite ---------------------------------------------------------------------------------------------


def _sqlite_backup(target: Path, *, using: str) -> None:
    connection = connections[using]
    connection.ensure_connection()
    source: sqlite3.Connection = connection.connection
    destination = sqlite3.connect(target)
    try:
        with destination:
            source.backup(destination)
        _sqlite_check(destination, target)
    finally:
        destination.close()


def _sqlite_restore(path: Path, *, using: str) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        _sqlite_check(source, path)
        connection = connections[using]
        connection.ensure_connection()
        source.backup(connection.connection)
    finally:
        source.close()


def _sqlite_check(db: sqlite3.Connection, path: Path) -> None:
    try:
        result = db.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} n'est pas une base SQLite lisible : {exc}") from exc
    if result is None or result[0] != "ok":
        raise BackupError(f"{path} est endommagé (contrôle d'intégrité SQLite : {result}).")


# PostgreSQL -----------------------------------------------------------------------------------------


def postgresql_tool(name: str) -> str:
    """Return the path of ``pg_dump`` or ``pg_restore``: on PATH, else the newest /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if not candidates:
        raise BackupError(
            f"{name} est introuvable (ni dans le PATH ni dans /usr/lib/postgresql/*/bin) : "
            "installez le paquet postgresql-client de la version du serveur."
        )
    return candidates[-1]


def _pg_environment(settings_dict: Mapping[str, Any]) -> dict[str, str]:
    """Connection settings as libpq variables: the password never shows in the process list."""
    env = dict(os.environ)
    options = settings_dict.get("OPTIONS") or {}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    env["PGDATABASE"] = str(settings_dict["NAME"])
    return env


def _run(args: list[str], settings_dict: Mapping[str, Any], what: str) -> str:
    completed = subprocess.run(  # noqa: S603 - fixed program, arguments built here
        args, env=_pg_environment(settings_dict), capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise BackupError(f"{what} a échoué ({Path(args[0]).name}) : {completed.stderr.strip()}")
    return completed.stdout


def postgresql_dump(target: Path, settings_dict: Mapping[str, Any]) -> None:
    """``pg_dump --format=custom`` of the database described by ``settings_dict`` into ``target``."""
    _run(
        [postgresql_tool("pg_dump"), "--format=custom", f"--file={target}", str(settings_dict["NAME"])],
        settings_dict,
        "La sauvegarde",
    )


def postgresql_restore(path: Path, settings_dict: Mapping[str, Any]) -> None:
    """``pg_restore --clean`` of ``path`` into the database described by ``settings_dict``.

    One transaction: on any error nothing of the restore stays and the database is as before.
    """
    restore_tool = postgresql_tool("pg_restore")
    _run([restore_tool, "--list", str(path)], settings_dict, "La lecture de la sauvegarde")
    _run(
        [
            restore_tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            f"--dbname={settings_dict['NAME']}",
            str(path),
        ],
        settings_dict,
        "La restauration",
    )
