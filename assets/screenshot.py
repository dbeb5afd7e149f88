"""Regenerate the README's pictures: python assets/screenshot.py

Serves the app on loopback, opens each picture's link in Debian's Chromium and saves the page's
first screen as a reader sees it: every lesson page on a 1366 x 768 projector, each in a state
that shows its idea (the Playground with the dog example in bits, the three containers, ...),
the Playground on a 390 x 844 phone, and the Playground in presenter mode.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import support  # noqa: E402

PICTURES = {  # file: (address, width, height, charts to wait for)
    "playground.png": ("/?base=2", 1366, 768, 4),
    "containers.png": ("/entropy", 1366, 768, 3),
    "binary.png": ("/binary?setting=multi-label", 1366, 768, 2),
    "encoding.png": ("/encoding?ys=0,3,3,1", 1366, 768, 2),
    "loss.png": ("/loss?trail=2,1;2.37,0.77;2.63,0.62&logits=0.5,2.8,0.5", 1366, 768, 4),
    "gradients.png": ("/gradients", 1366, 768, 2),
    "training.png": ("/training?steps=300&at=120&point=7", 1366, 768, 3),
    "digits.png": ("/digits", 1366, 768, 3),
    "phone.png": ("/?base=2", 390, 844, 1),
    "presenter.png": ("/?present=1", 1366, 768, 1),
}

with support.serve(ROOT / "app.py") as url, support.chromium() as browser:
    for name, (address, width, height, charts) in PICTURES.items():
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(url + address)
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot').length >= {charts}", timeout=120_000
        )
        page.wait_for_timeout(2000)  # let KaTeX and the charts settle
        page.screenshot(path=str(ROOT / "assets" / name))
        page.close()
