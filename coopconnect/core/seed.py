"""Demo data for ``manage.py seed_demo``: a registry of idempotent steps built on the services.

Each app adds its own steps in ``coopconnect/<app>/seed.py`` (a module or a package):

    from coopconnect.core.seed import SeedContext, register

    @register("bookings", order=60)
    def seed_bookings(ctx: SeedContext): ...

seed_demo imports every app's ``seed`` module, then runs the steps by ``order``. Each step must be safe
to run twice (get-or-update, never blind create). ``ctx.results`` shares what earlier steps made
(``ctx.results["places"]["laragne"]`` is the Laragne relay, ``ctx.results["users"]["host"]`` the host).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO


@dataclass
class SeedContext:
    """What a step gets: where to write progress, and the objects earlier steps created."""

    out: TextIO | None = None
    results: dict[str, Any] = field(default_factory=dict)

    def say(self, message: str) -> None:
        if self.out is not None:
            self.out.write(message + "\n")


@dataclass(frozen=True)
class SeedStep:
    name: str
    order: int
    run: Callable[[SeedContext], Any]


STEPS: dict[str, SeedStep] = {}


def register(
    name: str, *, order: int
) -> Callable[[Callable[[SeedContext], Any]], Callable[[SeedContext], Any]]:
    """Register ``func`` as the seed step ``name`` (re-registering a name replaces it)."""

    def decorator(func: Callable[[SeedContext], Any]) -> Callable[[SeedContext], Any]:
        STEPS[name] = SeedStep(name=name, order=order, run=func)
        return func

    return decorator


def discover() -> None:
    """Import ``coopconnect.<app>.seed`` for every installed app so their steps register."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("coopconnect."):
            try:
                importlib.import_module(f"{config.name}.seed")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.seed":
                    raise


def steps(only: list[str] | None = None, skip: list[str] | None = None) -> list[SeedStep]:
    """Return the registered steps in order, restricted by ``only`` / ``skip`` names."""
    unknown = sorted((set(only or []) | set(skip or [])) - set(STEPS))
    if unknown:
        raise KeyError(f"Étape(s) inconnue(s) : {', '.join(unknown)} (connues : {', '.join(sorted(STEPS))})")
    chosen = [s for s in STEPS.values() if (not only or s.name in only) and s.name not in (skip or [])]
    return sorted(chosen, key=lambda s: (s.order, s.name))


def run(ctx: SeedContext, only: list[str] | None = None, skip: list[str] | None = None) -> SeedContext:
    """Run the chosen steps in order."""
    for step in steps(only, skip):
        ctx.say(f"— {step.name}")
        step.run(ctx)
    return ctx
