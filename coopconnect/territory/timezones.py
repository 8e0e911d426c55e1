"""The local time zone of a place from its department: overseas places do not live on Paris time."""

from datetime import datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

# INSEE department (or overseas collectivity) code -> IANA zone.
ZONES: dict[str, str] = {
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "975": "America/Miquelon",
    "976": "Indian/Mayotte",
    "977": "America/St_Barthelemy",
    "978": "America/Marigot",
    "984": "Indian/Kerguelen",
    "986": "Pacific/Wallis",
    "987": "Pacific/Tahiti",
    "988": "Pacific/Noumea",
    "989": "Pacific/Pitcairn",  # Clipperton: UTC-8, as Pitcairn
}


def for_department(code: str | None) -> ZoneInfo:
    """Return the zone of a department ("974" -> Indian/Reunion); Europe/Paris for mainland and Corsica."""
    name = ZONES.get((code or "").strip().upper())
    return ZoneInfo(name) if name else PARIS


def for_insee(insee: str | None) -> ZoneInfo:
    """Return the zone of a commune from its INSEE code (its first three digits overseas)."""
    code = (insee or "").strip().upper()
    return for_department(code[:3] if code.startswith(("97", "98")) else code[:2])


def local_now(code: str | None, now: datetime | None = None) -> datetime:
    """Return ``now`` (default: the current time) as the wall-clock time of a department."""
    zone = for_department(code)
    return now.astimezone(zone) if now is not None else datetime.now(zone)
