"""Regenerate the README's pictures: python assets/screenshot.py

Serves the app on loopback, opens each picture's link in Debian's Chromium at a projector's
1366 px width, and saves the page's first screens: one picture of every page, each in a state
that shows its idea (the Playground with the seed's example in bits, the seed's three
containers, ...), and the Playground in presenter mode.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import support  # noqa: E402

PICTURES = {  # file: (address, height, charts to wait for)
    "playground.png": ("/?base=2", 1500, 4),
    "containers.png": ("/entropy", 1150, 3),
    "binary.png": ("/binary?setting=multi-label", 1300, 2),
    "encoding.png": ("/encoding?ys=0,3,3,1", 1300, 2),
    "loss.png": ("/loss?trail=2,1;2.37,0.77;2.63,0.62&logits=0.5,2.8,0.5", 1900, 4),
    "gradients.png": ("/gradients", 1700, 2),
    "training.png": ("/training?steps=300&at=120&point=7", 1300, 3),
    "presenter.png": ("/?present=1", 768, 0),
}

with support.serve(ROOT / "app.py") as url, support.chromium() as browser:
    for name, (address, height, charts) in PICTURES.items():
        page = browser.new_page(viewport={"width": 1366, "height": height})
        page.goto(url + address)
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot').length >= {charts}", timeout=120_000
        )
        page.wait_for_timeout(2000)  # let KaTeX and the charts settle
        page.screenshot(path=str(ROOT / "assets" / name))
        page.close()
