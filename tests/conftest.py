"""Shared test settings: hypothesis runs derandomized (seeded) so CI failures reproduce."""

import os

import pytest
from hypothesis import settings

from tests import support

settings.register_profile("xentviz", derandomize=True, deadline=None, max_examples=150)
settings.load_profile("xentviz")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium. Under CI=true a missing browser fails the run instead of skipping."""
    if not support.chromium_available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {support.CHROMIUM} is missing: browser tests must run")
        pytest.skip(f"{support.CHROMIUM} not installed (apt-get install -y chromium)")
    with support.chromium() as b:
        yield b


@pytest.fixture(scope="session")
def app_url():
    """The real app, served on loopback for the whole session, stopped at its end."""
    with support.serve(support.ROOT / "app.py") as url:
        yield url


@pytest.fixture
def page(browser):
    """A fresh browser context and page; fails the test on any uncaught page error."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"page errors: {errors}"
