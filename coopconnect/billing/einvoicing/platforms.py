"""Sending invoices through a licensed platform (plateforme agréée), behind one small interface.

``Platform.send`` hands over an issued invoice's stored Factur-X PDF; ``Platform.statuses`` reads
back what the platform reports (received, refused, paid). The "directory" backend writes the files
to upload into ``<dir>/outbox/`` and reads status files (JSON) from ``<dir>/inbox/``, moving each one
read to ``<dir>/inbox/lus/``; ``<dir>`` comes from ``COOP_EINVOICING_DIR``. :func:`send_pending` and
:func:`read_statuses` turn both into lifecycle steps (``lifecycle.status_record``).

A status file: ``{"invoice": "BAT2026-000001", "seller_siren": "732829320", "status": "received",
"at": "2026-12-03T10:00:00+01:00", "reason": ""}`` (``status``: received, refused or paid).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from coopconnect.billing.einvoicing.lifecycle import status_record
from coopconnect.billing.models import Invoice, InvoiceStatus, LifecycleStatus
from coopconnect.core.errors import DomainError

ENV_DIR = "COOP_EINVOICING_DIR"
REPORTABLE = {LifecycleStatus.RECEIVED, LifecycleStatus.REFUSED, LifecycleStatus.PAID}


@dataclass(frozen=True)
class StatusReport:
    number: str
    seller_siren: str
    status: str
    at: datetime
    reason: str = ""
    source: str = ""


class Platform(Protocol):
    name: str

    def send(self, invoice: Invoice, pdf: bytes) -> str:
        """Hand over an issued invoice; return the platform's reference of the deposit."""
        ...

    def statuses(self) -> tuple[list[StatusReport], list[str]]:
        """The statuses reported and not acknowledged yet, and the reports refused as malformed."""
        ...

    def acknowledge(self, reports: list[StatusReport]) -> None:
        """Mark reports as applied: they are not read again."""
        ...


class DirectoryPlatform:
    """Files in an outbox to upload, status files from an inbox: no network involved."""

    name = "directory"

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.outbox = self.root / "outbox"
        self.inbox = self.root / "inbox"
        self.read_dir = self.inbox / "lus"

    def send(self, invoice: Invoice, pdf: bytes) -> str:
        folder = self.outbox / invoice.issuer.siren
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{invoice.number}.pdf"
        partial = target.with_suffix(".pdf.part")
        partial.write_bytes(pdf)
        partial.replace(target)  # a file in the outbox is always complete
        return str(target.relative_to(self.root))

    def statuses(self) -> tuple[list[StatusReport], list[str]]:
        if not self.inbox.is_dir():
            return [], []
        reports: list[StatusReport] = []
        refused: list[str] = []
        for path in sorted(self.inbox.glob("*.json")):
            try:
                reports.extend(parse_status_file(path.read_bytes(), path.name))
            except DomainError as exc:
                (self.inbox / "rejetes").mkdir(exist_ok=True)
                path.replace(self.inbox / "rejetes" / path.name)
                refused.append(exc.message)
        return reports, refused

    def acknowledge(self, reports: list[StatusReport]) -> None:
        self.read_dir.mkdir(parents=True, exist_ok=True)
        for name in sorted({r.source for r in reports}):
            if (self.inbox / name).exists():
                (self.inbox / name).replace(self.read_dir / name)


def parse_status_file(data: bytes, name: str = "") -> list[StatusReport]:
    """Read one status file (an object or a list of objects); refuse it whole when malformed."""
    try:
        payload = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DomainError(f"Fichier de statuts illisible ({name}) : JSON invalide.") from exc
    items = payload if isinstance(payload, list) else [payload]
    reports = []
    for item in items:
        if not isinstance(item, dict):
            raise DomainError(f"Fichier de statuts illisible ({name}) : un objet par statut.")
        status = str(item.get("status", ""))
        at = parse_datetime(str(item.get("at", ""))) if item.get("at") else timezone.now()
        if status not in REPORTABLE or not item.get("invoice") or at is None:
            raise DomainError(
                f"Fichier de statuts illisible ({name}) : numéro, statut (received, refused, paid) "
                "et date ISO attendus."
            )
        if timezone.is_naive(at):
            at = timezone.make_aware(at)
        reports.append(
            StatusReport(
                number=str(item["invoice"]),
                seller_siren=str(item.get("seller_siren", "")),
                status=status,
                at=at,
                reason=str(item.get("reason", ""))[:300],
                source=name,
            )
        )
    return reports


def get_platform() -> Platform | None:
    """The configured platform, or None when e-invoicing is not configured."""
    root = os.environ.get(ENV_DIR, "").strip()
    return DirectoryPlatform(root) if root else None


def send_pending(platform: Platform, *, issuer_ids: list[int] | None = None) -> list[str]:
    """Send every issued B2B invoice not sent yet; each becomes "sent". Returns the numbers sent."""
    from coopconnect.billing.services.invoicing.documents import document_of

    pending = (
        Invoice.objects.filter(status=InvoiceStatus.ISSUED, buyer_is_business=True)
        .exclude(status_events__status=LifecycleStatus.SENT)
        .select_related("issuer")
        .order_by("issuer_id", "year", "sequence")
    )
    if issuer_ids is not None:
        pending = pending.filter(issuer_id__in=issuer_ids)
    sent = []
    for invoice in pending:
        reference = platform.send(invoice, bytes(document_of(invoice).pdf))
        status_record(invoice=invoice, status=LifecycleStatus.SENT, source=platform.name, note=reference)
        sent.append(invoice.number)
    return sent


@dataclass(frozen=True)
class StatusRead:
    applied: int
    unknown: list[str]
    refused: list[str]


def read_statuses(platform: Platform) -> StatusRead:
    """Apply the platform's reports to the lifecycle, all or nothing, then acknowledge them.

    Applying is idempotent (each status once per invoice): reports read again after a crash between
    the two steps change nothing. A report naming no known invoice is listed, not applied.
    """
    reports, refused = platform.statuses()
    applied, unknown = 0, []
    with transaction.atomic():
        for report in reports:
            qs = Invoice.objects.filter(number=report.number, status=InvoiceStatus.ISSUED)
            if report.seller_siren:
                qs = qs.filter(issuer__siren=report.seller_siren)
            matches = list(qs[:2])
            if len(matches) != 1:
                unknown.append(report.number)
                continue
            applied += status_record(
                invoice=matches[0],
                status=report.status,
                at=report.at,
                source=platform.name,
                note=report.reason,
            )
    platform.acknowledge(reports)
    return StatusRead(applied=applied, unknown=unknown, refused=refused)
