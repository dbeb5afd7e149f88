"""Shared test settings: hypothesis runs derandomized (seeded) so CI failures reproduce."""

import os

import pytest
from hypothesis import settings

from tests import support

settings.register_profile("xentviz", derandomize=True, deadline=None, max_examples=150)
# The contributor's fast loop (README: `--hypothesis-profile=fast`): the same seeded searches,
# fewer examples; CI runs the full profile.
settings.register_profile("fast", derandomize=True, deadline=None, max_examples=12)
settings.load_profile("xentviz")

# Fixtures that start a browser or a server: a test that uses one carries its marker.
_MARKED_BY_FIXTURE = {
    "browser": "browser", "page": "browser", "phone": "browser",
    "app_url": "server", "two_page_url": "server",
}  # fmt: skip


def pytest_collection_modifyitems(items):
    for item in items:
        for marker in sorted({_MARKED_BY_FIXTURE.get(f) for f in item.fixturenames} - {None}):
            item.add_marker(marker)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before the test's fixtures: what it is marked, which support.py checks when a server or a
    browser starts (a test that starts one unmarked fails, naming the marker)."""
    support.RUNNING = {m.name for m in item.iter_markers()}


def pytest_runtest_teardown(item):
    support.RUNNING = None


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium. Under CI=true a missing browser fails the run instead of skipping."""
    if not support.chromium_available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {support.CHROMIUM} is missing: browser tests must run")
        pytest.skip(f"{support.CHROMIUM} not installed (apt-get install -y chromium)")
    with support.chromium() as b:
        yield b


#: The CPU budget per browser of the session's servers (xentviz/ui/budget.py): a browser test is
#: one browser walking many pages in extreme states (the chart-text test trains a 2,000-step
#: digits model among 22 states), far more than a student does. The app's own numbers are
#: tested in tests/test_budget.py (a student's lesson never waits; a hostile client does).
SUITE_BUDGET = {"XENTVIZ_BUDGET": "rate=2,burst=60"}


@pytest.fixture(scope="session")
def app_url():
    """The real app, served on loopback for the whole session, stopped at its end."""
    with support.server(support.ROOT / "app.py", env=SUITE_BUDGET) as running:
        yield running.url


@pytest.fixture(scope="session")
def two_page_url():
    """The test app with a second page (tests/apps/two_pages.py), served from the project's
    folder (its config, and ``tests`` importable)."""
    script = support.ROOT / "tests" / "apps" / "two_pages.py"
    with support.server(script, cwd=support.ROOT, env=SUITE_BUDGET) as running:
        yield running.url


def _checked_page(browser, **context):
    """A fresh browser context and page; fails the test on any uncaught page error."""
    ctx = browser.new_context(**context)
    pg = ctx.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    ctx.close()
    assert not errors, f"page errors: {errors}"


@pytest.fixture
def page(browser):
    """A 1366x768 screen, the projector size the app is made for."""
    yield from _checked_page(browser, viewport={"width": 1366, "height": 768})


@pytest.fixture
def phone(browser):
    """A 390x844 touch screen without hover, like a phone: plotly then always shows its tools."""
    yield from _checked_page(
        browser,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
