"""Reads for a person's right of access: everything Coop-connect holds about them, as JSON and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from typing import Any

from django.utils import timezone

from coopconnect.accounts.models import User
from coopconnect.accounts.privacy.registry import PersonalData, Row, holders

ARCHIVE_JSON = "donnees.json"
# What the archive says about itself, for a person opening it without the site at hand.
ARCHIVE_README = """Vos données sur Coop-connect
============================

donnees.json : toutes vos données, par application et par table.
csv/         : les mêmes tables, une par fichier CSV (UTF-8, séparateur virgule).
billing/     : vos factures émises, en PDF Factur-X.

Les réponses aux enquêtes de besoins sont anonymes : elles ne sont reliées à aucun compte
et ne peuvent donc pas figurer ici.
"""


def jsonable(value: Any) -> Any:
    """Return a value JSON can hold: dates as ISO 8601, decimals as text, lists element by element."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def _account_data(person: User) -> PersonalData:
    commune = person.home_commune
    work = person.work_commune
    profile: Row = {
        "id": person.pk,
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "language": person.language,
        "home_commune": commune.name if commune else "",
        "work_commune": work.name if work else "",
        "email_verified": person.email_verified,
        "email_verified_at": person.email_verified_at,
        "date_joined": person.date_joined,
        "last_login": person.last_login,
    }
    memberships = [
        {"organisation": m.organisation.name, "role": m.role}
        for m in person.organisation_memberships.select_related("organisation")
    ]
    return PersonalData(
        tables={
            "profile": [profile],
            "organisations": memberships,
            "hosted_places": [{"place": p.name} for p in person.hosted_places.all()],
            "coordinated_networks": [{"network": n.name} for n in person.coordinated_networks.all()],
        }
    )


def personal_data(person: User) -> dict[str, PersonalData]:
    """Return what every app holds about the person, keyed by app (accounts first)."""
    found = {"accounts": _account_data(person)}
    for holder in holders():
        found[holder.app] = holder.export(person)
    return found


def _tables(data: dict[str, PersonalData]) -> dict[str, dict[str, list[Row]]]:
    return {
        app: {
            table: [{k: jsonable(v) for k, v in row.items()} for row in rows]
            for table, rows in d.tables.items()
        }
        for app, d in data.items()
    }


def export_json(person: User) -> dict[str, dict[str, list[Row]]]:
    """Return the person's data as JSON-ready tables, keyed by app then table."""
    return _tables(personal_data(person))


def _csv(rows: list[Row]) -> str:
    out = io.StringIO()
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    return out.getvalue()


def export_archive(person: User) -> bytes:
    """Return a ZIP of the person's data: one JSON file, one CSV per table, and their invoices as PDF."""
    data = personal_data(person)
    tables = _tables(data)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LISEZMOI.txt", ARCHIVE_README)
        archive.writestr(ARCHIVE_JSON, json.dumps(tables, ensure_ascii=False, indent=2))
        for app, app_tables in tables.items():
            for table, rows in app_tables.items():
                archive.writestr(f"csv/{app}_{table}.csv", _csv(rows))
        for app, d in data.items():
            for path, content in d.files.items():
                archive.writestr(f"{app}/{path}", content)
    return buffer.getvalue()


def export_filename(person: User, now: dt.datetime | None = None) -> str:
    """Return the archive's file name, dated."""
    day = timezone.localdate(now) if now else timezone.localdate()
    return f"coop-connect-mes-donnees-{day.isoformat()}.zip"
