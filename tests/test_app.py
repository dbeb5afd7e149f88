"""The app through Streamlit's AppTest: runs, and shows what the core computes."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from xentviz import softmax_cross_entropy

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def app():
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at


def test_default_page_shows_seed_loss(app):
    assert app.metric[0].value == "0.3675"


def test_changing_a_logit_updates_the_loss(app):
    app.number_input(key="logit_1").set_value(3.0).run()
    expected = softmax_cross_entropy([3.2, 3.0, 0.2, 0.8], 0, base=2)
    assert app.metric[0].value == f"{expected:.4f}"
