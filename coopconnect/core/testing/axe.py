"""Accessibility checks in browser tests: run axe-core (vendored) on a Playwright page.

Usage in a ``@pytest.mark.browser`` test::

    from coopconnect.core.testing.axe import assert_accessible
    page.goto(live_server.url + "/")
    assert_accessible(page)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from django.conf import settings

AXE_JS = Path(settings.BASE_DIR) / "coopconnect" / "static" / "vendor" / "axe.min.js"
WCAG_AA_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def axe_violations(
    page: Any, *, tags: tuple[str, ...] = WCAG_AA_TAGS, exclude: tuple[str, ...] = ()
) -> list[dict]:
    """Inject axe-core into the page (once) and return its violations for the WCAG tags given."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        if page.url.startswith("http"):
            # From the site's own static files: its Content-Security-Policy refuses inline scripts.
            page.add_script_tag(url=urljoin(page.url, settings.STATIC_URL + "vendor/axe.min.js"))
        else:
            page.add_script_tag(path=str(AXE_JS))
    context: dict[str, Any] = {"exclude": [[sel] for sel in exclude]} if exclude else {}
    return page.evaluate(
        """([context, tags]) => axe.run(Object.keys(context).length ? context : document,
              {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
            .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => n.target.join(" ") + " — " + n.failureSummary)})))""",
        [context, list(tags)],
    )


def format_violations(violations: list[dict]) -> str:
    """Return a readable report of axe violations for an assertion message."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        lines.extend(f"    {n}" for n in v["nodes"][:5])
    return "\n".join(lines)


def assert_accessible(
    page: Any, *, tags: tuple[str, ...] = WCAG_AA_TAGS, exclude: tuple[str, ...] = ()
) -> None:
    """Fail the test when axe-core finds WCAG 2.1 A/AA violations on the page as it is now."""
    violations = axe_violations(page, tags=tags, exclude=exclude)
    assert not violations, f"{page.url}: {len(violations)} axe-core violation(s)\n" + format_violations(
        violations
    )
