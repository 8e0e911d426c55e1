"""Prove that a database made by an earlier release migrates to this one with nothing lost.

1. check out ``--from`` (a git revision) in a temporary work tree, migrate an empty database with it
   and load the demo data (``seed_demo``): the database a network runs today;
2. fingerprint every table: row count and a hash of all its rows;
3. migrate that database with this tree;
4. compare: every table of the old release still holds the same rows, byte for byte, in the columns
   it had (columns added since hold new data; only Django's own bookkeeping tables may change:
   migrations applied, content types relabelled, permissions added), then read every model of this
   tree back and check no content type is left naming a model that moved away.

Run ``.venv/bin/python scripts/check_upgrade.py --from 7f618c2`` (SQLite in a temporary folder), or
add ``--database-url postgres://postgres@127.0.0.1:54330/upgrade`` for PostgreSQL (the database is
dropped and created again).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
# Django's bookkeeping: these change on purpose when apps are renamed or models move.
# Group permissions are compared like data: a coordinator's admin rights must survive a model's move.
BOOKKEEPING = {"django_migrations", "django_content_type", "auth_permission"}

FINGERPRINT = r"""
import hashlib, json, sys
import django
django.setup()
from django.db import connection
# Columns to read per table: those the earlier release had (a later release may add columns).
wanted = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
out = {}
with connection.cursor() as cur:
    for table in sorted(connection.introspection.table_names()):
        columns = wanted.get(table) or [
            c.name for c in connection.introspection.get_table_description(cur, table)
        ]
        quoted = connection.ops.quote_name(table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        cur.execute(f"SELECT {names} FROM {quoted} ORDER BY 1")
        digest = hashlib.sha256()
        n = 0
        for row in cur.fetchall():
            digest.update(repr(tuple(str(v) for v in row)).encode())
            n += 1
        out[table] = {"columns": columns, "rows": [n, digest.hexdigest()]}
json.dump(out, sys.stdout)
"""

# Read through this tree's models the records that changed app, and compare with the raw tables.
READ_BACK = r"""
import json, sys
import django
django.setup()
from django.apps import apps
from django.db import connection
report = {}
for model in apps.get_models():
    table = model._meta.db_table
    if table not in connection.introspection.table_names():
        report[model._meta.label] = "missing table " + table
        continue
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        raw = cur.fetchone()[0]
    orm = model._base_manager.count()
    sample = model._base_manager.order_by("pk").first()
    if sample is not None:
        str(sample)  # every field of a row loads through the model
    report[model._meta.label] = [table, raw, orm]
from django.contrib.contenttypes.models import ContentType
stale = sorted(f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all() if ct.model_class() is None)
json.dump({"models": report, "stale_content_types": stale}, sys.stdout)
"""


def run(cmd: list[str], *, cwd: Path, env: dict[str, str], capture: bool = False) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, text=True, capture_output=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"failed: {' '.join(cmd)} (in {cwd})")
    return done.stdout if capture else ""


def reset_postgres(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def fingerprint(
    cwd: Path, env: dict[str, str], columns: dict[str, list[str]] | None = None
) -> tuple[dict[str, list[Any]], dict[str, list[str]]]:
    """Row count and hash of every table (of ``columns`` only, when given), by table name."""
    args = [PYTHON, "-c", FINGERPRINT] + ([json.dumps(columns)] if columns else [])
    found = json.loads(run(args, cwd=cwd, env=env, capture=True))
    return {table: info["rows"] for table, info in found.items()}, {t: i["columns"] for t, i in found.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="rev", required=True, help="git revision of the earlier release")
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default: SQLite in a temp dir)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="coop-upgrade-"))
    old = work / "old"
    run(["git", "worktree", "add", "--detach", "-q", str(old), args.rev], cwd=ROOT, env=dict(os.environ))
    try:
        url = args.database_url or f"sqlite:///{work / 'upgrade.sqlite3'}"
        if url.startswith("postgres"):
            reset_postgres(url)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "COOP_VAR_DIR": str(work / "var"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
        print(f"==> {args.rev}: migrate and load the demo data ({url.split('@')[-1]})")
        run([PYTHON, "manage.py", "migrate", "--noinput"], cwd=old, env=env)
        run([PYTHON, "manage.py", "seed_demo"], cwd=old, env=env)
        before, columns = fingerprint(old, env)
        print("==> this tree: migrate")
        run([PYTHON, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env)
        # The earlier release's columns only: columns added since hold new data, not old.
        after, _ = fingerprint(ROOT, env, {t: c for t, c in columns.items() if t not in BOOKKEEPING})
        read_back = json.loads(run([PYTHON, "-c", READ_BACK], cwd=ROOT, env=env, capture=True))
        models = read_back["models"]
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, capture_output=True)

    problems: list[str] = []
    rows = sum(n for n, _ in before.values())
    for table, (count, digest) in sorted(before.items()):
        if table in BOOKKEEPING:
            continue
        if table not in after:
            problems.append(f"table {table} ({count} rows) is gone")
        elif after[table] != [count, digest]:
            problems.append(f"table {table}: {count} rows before, {after[table][0]} after, or rows changed")
    for label, info in sorted(models.items()):
        if isinstance(info, str):
            problems.append(f"{label}: {info}")
        elif info[1] != info[2]:
            problems.append(f"{label}: table {info[0]} has {info[1]} rows, the model reads {info[2]}")
    for label in read_back["stale_content_types"]:
        problems.append(f"content type {label} names no model any more (its permissions were not moved)")
    kept = [t for t in before if t not in BOOKKEEPING]
    print(f"tables of {args.rev}: {len(before)}, {rows} rows; compared: {len(kept)} (bookkeeping left out)")
    print(f"models of this tree read back: {len(models)}")
    for label, info in sorted(models.items()):
        if not isinstance(info, str) and info[1]:
            print(f"    {label:<34} {info[0]:<34} {info[2]:>7}")
    if rows == 0 or not kept:
        problems.append("the earlier release's database is empty: nothing was compared")
    if problems:
        print("\n".join(["UPGRADE LOST OR CHANGED DATA:", *problems]))
        return 1
    digest = hashlib.sha256(json.dumps({t: before[t] for t in kept}, sort_keys=True).encode()).hexdigest()
    print(f"nothing lost: every row of {len(kept)} tables identical after the upgrade (sha256 {digest[:16]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
