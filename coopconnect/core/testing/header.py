"""The signed-in header in browser tests: its account links sit in a drop-down on wide screens."""

from __future__ import annotations

from typing import Any


def account_link(page: Any, name: str) -> Any:
    """The header's account link ``name``, its drop-down opened first when it is one (no JS needed)."""
    summary = page.locator("header details.account > summary")
    if summary.is_visible() and page.locator("header details.account[open]").count() == 0:
        summary.click()
    return page.locator("header").get_by_role("link", name=name, exact=True)
