"""The study's services bouquet: one list used by the data migration, the seed and the importers.

Labels follow the study's wording (« Connexions WIFI très haut débit sécurisées », « Copieur / scanner
avec code utilisateur », « Point visio », « Box de rangement fermant à clef »...). Frozen here as plain
data (not lazy translations) because a migration imports it.
"""

from typing import Any, NamedTuple


class BouquetItem(NamedTuple):
    code: str
    label: str
    label_en: str


BOUQUET: tuple[BouquetItem, ...] = (
    BouquetItem("wifi", "Wifi très haut débit sécurisé", "Very-high-speed secure wifi"),
    BouquetItem("copier", "Copieur / scanner avec code utilisateur", "Copier / scanner with user codes"),
    BouquetItem("video", "Point visioconférence", "Video-conference point"),
    BouquetItem("lockers", "Casiers fermant à clé", "Lockable lockers"),
    BouquetItem("kitchen", "Coin café / kitchenette", "Coffee corner / kitchenette"),
    BouquetItem("phone_booth", "Cabine téléphonique ou fauteuil acoustique", "Phone booth or acoustic chair"),
    BouquetItem("meeting_rooms", "Salles de réunion", "Meeting rooms"),
    BouquetItem("domiciliation", "Domiciliation / boîte aux lettres", "Mail domiciliation / mailbox"),
    BouquetItem("bike_parking", "Parc à vélos", "Bike parking"),
    BouquetItem("step_free", "Accès de plain-pied (personnes à mobilité réduite)", "Step-free access"),
    BouquetItem("car_parking", "Stationnement à proximité", "Car parking nearby"),
    BouquetItem("public_transport", "Arrêt de transport en commun", "Public transport stop"),
    BouquetItem("schools_nearby", "Écoles à proximité", "Schools nearby"),
    BouquetItem("shops_nearby", "Commerces à proximité", "Shops nearby"),
)

CODES: frozenset[str] = frozenset(item.code for item in BOUQUET)


def bouquet_rows() -> list[dict[str, object]]:
    """Return the Service rows (code, label, label_en, position) in display order."""
    return [
        {"code": item.code, "label": item.label, "label_en": item.label_en, "position": (i + 1) * 10}
        for i, item in enumerate(BOUQUET)
    ]


def ensure_bouquet(*, apps: Any = None, using: str = "default", **_kwargs: Any) -> None:
    """Create the bouquet rows that are missing (post_migrate receiver).

    The data migration creates them once; this puts them back after a database flush (which
    empties every table, e.g. between transactional tests), as Django does for content types.
    """
    from django.apps import apps as global_apps
    from django.db import connections

    apps = apps or global_apps
    try:
        Service = apps.get_model("places", "Service")
    except LookupError:
        return
    if Service._meta.db_table not in connections[using].introspection.table_names():
        return
    Service.objects.using(using).bulk_create(
        [Service(**row) for row in bouquet_rows()], ignore_conflicts=True
    )
