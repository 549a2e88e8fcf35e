"""axe-core in a page (axe-playwright-python): the violations a person would meet."""

from __future__ import annotations

from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Page


async def serious_violations(page: Page) -> list[str]:
    """The serious and critical WCAG violations on the page as it is now."""
    results = await Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
