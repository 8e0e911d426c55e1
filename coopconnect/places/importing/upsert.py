"""Writing checked rows: create or update places matched on (source, source_id), in bulk."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coopconnect.core.text import search_key
from coopconnect.places.importing.report import ImportReport
from coopconnect.places.importing.validation import CheckedRow
from coopconnect.places.models import Place
from coopconnect.places.services import unique_slug
from coopconnect.territory.models import Commune


def link_communes(rows: list[CheckedRow]) -> dict[int, str]:
    codes = {r.commune_code for r in rows if r.commune_code}
    known = set(Commune.objects.filter(insee__in=codes).values_list("insee", flat=True))
    result = {r.line: r.commune_code for r in rows if r.commune_code in known}
    missing = [r for r in rows if r.line not in result and r.commune_name and r.department]
    if missing:
        by_name: dict[tuple[str, str], list[str]] = {}
        communes = Commune.objects.filter(department_id__in={r.department for r in missing})
        for insee, department, name in communes.values_list("insee", "department_id", "search_name"):
            by_name.setdefault((department, name), []).append(insee)
        for r in missing:
            found = by_name.get((r.department, search_key(r.commune_name)), [])
            if len(found) == 1:
                result[r.line] = found[0]
    return result


@transaction.atomic
def write_rows(rows: list[CheckedRow], source: str, report: ImportReport) -> None:
    communes = link_communes(rows)
    report.communes_linked = len(communes)
    existing = {
        p.source_id: p for p in Place.objects.filter(source=source, source_id__in=[r.source_id for r in rows])
    }
    taken = set(Place.objects.values_list("slug", flat=True))
    to_create: list[Place] = []
    to_update: list[Place] = []
    changed_fields: set[str] = set()
    services_for: dict[str, list[str]] = {}
    for row in rows:
        values = {k: v for k, v in row.values.items() if v is not None}
        if row.link_commune:
            values["commune_id"] = communes.get(row.line)
        place = existing.get(row.source_id)
        if row.services is not None:
            services_for[row.source_id] = row.services
        if place is None:
            place = Place(
                source=source, source_id=row.source_id, slug=unique_slug(values["name"], taken), **values
            )
            to_create.append(place)
            continue
        diff = {k for k, v in values.items() if getattr(place, k) != v}
        if diff:
            for k in diff:
                setattr(place, k, values[k])
            changed_fields |= diff
            to_update.append(place)
        else:
            report.unchanged += 1
    report.created, report.updated = len(to_create), len(to_update)
    if report.dry_run:
        return
    Place.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        now = timezone.now()
        for place in to_update:
            place.updated_at = now
        Place.objects.bulk_update(to_update, sorted(changed_fields | {"updated_at"}), batch_size=500)
    if services_for:
        set_services(source, services_for)


def set_services(source: str, services_for: dict[str, list[str]]) -> None:
    through = Place.services.through
    ids = dict(Place.objects.filter(source=source, source_id__in=services_for).values_list("source_id", "id"))
    through.objects.filter(place_id__in=ids.values()).delete()
    through.objects.bulk_create(
        [
            through(place_id=ids[sid], service_id=code)
            for sid, codes in services_for.items()
            for code in dict.fromkeys(codes)
        ],
        batch_size=1000,
    )
