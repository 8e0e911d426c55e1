"""The study's reference networks and places (pre-study Coop-connect 2012), as seed_demo configures them.

Every figure comes from the study (capacities, hours, services, carriers); where the study is silent a
value is marked "(hypothèse)" in the comment next to it. Coordinates are those of the commune centre
(used only when the Commune table is empty; otherwise the commune's own point is taken), except where
``coords_exact`` says the point is the place's own (taken from the 2019 census row of the same place).
``census_duplicates`` lists the census rows describing the same place: seed_demo unpublishes them so the
directory shows the place once.

``NETWORKS`` are in ``networks``, ``PLACES`` by region in ``other_regions`` and ``paca``.
"""

from typing import Any

from coopconnect.places.reference import other_regions, paca
from coopconnect.places.reference.networks import NETWORKS

REFERENCE_SOURCE = "etude-2012"
PLACES: list[dict[str, Any]] = [*other_regions.PLACES, *paca.PLACES]

__all__ = ["NETWORKS", "PLACES", "REFERENCE_SOURCE"]
