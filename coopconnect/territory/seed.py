"""seed_demo step of the territory app: the Luberon needs survey and the study's business plan."""

from typing import Any

from coopconnect.places.seed import SeedContext, register
from coopconnect.territory.seed_convince import seed_convince


@register("convince", order=70)
def seed_convince_step(ctx: SeedContext) -> dict[str, Any]:
    """Seed the demo survey and business plan, owned by the demo coordinator."""
    coordinator = ctx.results.get("users", {}).get("coordinator")
    return seed_convince(coordinator)
