"""Regenerate assets/playground.png, the README's picture: python assets/screenshot.py

Serves the app on loopback, opens the seed example in bits in Debian's Chromium at a
projector's 1366 px width, and saves the page.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import support  # noqa: E402

with support.serve(ROOT / "app.py") as url, support.chromium() as browser:
    page = browser.new_page(viewport={"width": 1366, "height": 1500})
    page.goto(f"{url}/?base=2")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length === 4")
    page.wait_for_timeout(1500)  # let KaTeX and the charts settle
    page.screenshot(path=str(ROOT / "assets" / "playground.png"))
