"""Accessibility checked by an independent engine: axe-core 4.14 (Deque's WCAG engine, installed
from npm by the README's test command) run in Chromium on every page, light and dark theme,
presenter mode included, for WCAG 2.0/2.1 A and AA: no violation at all."""

import json
import os

import pytest

from tests import support
from xentviz.app_pages import PAGES

TIMEOUT = 120_000
AXE = support.ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def axe():
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {AXE} is missing: the README's test command installs it")
        pytest.skip("axe-core is not installed (npm ci)")
    version = json.loads((AXE.parent / "package.json").read_text())["version"]
    assert version.startswith("4.14"), version
    return support.axe_source()


@pytest.mark.browser
@pytest.mark.parametrize(
    "scheme, present", [("light", False), ("dark", False), ("light", True), ("dark", True)],
    ids=["light", "dark", "light-presenter", "dark-presenter"],
)  # fmt: skip
def test_axe_finds_no_wcag_violation_on_any_page(browser, app_url, axe, scheme, present):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, color_scheme=scheme)
    page = context.new_page()
    errors, found = [], {}
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for p in PAGES:
            path = "" if p.get("default") else p["url_path"]
            page.goto(f"{app_url}/{path}{'?present=1' if present else ''}")
            page.wait_for_function(support.SETTLED, timeout=TIMEOUT)
            if present:
                page.locator(".xv-present-where").wait_for(timeout=TIMEOUT)
            page.wait_for_function(
                "(dark) => document.documentElement.hasAttribute('data-xv-dark') === dark",
                arg=scheme == "dark", timeout=TIMEOUT,
            )  # fmt: skip
            page.add_script_tag(content=axe)
            violations = page.evaluate(support.AXE_RUN)
            if violations:
                found[p["url_path"]] = violations
    finally:
        context.close()
    assert not found, json.dumps(found, indent=1)[:6000]
    assert not errors, errors
