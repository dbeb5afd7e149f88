"""Every page opens without an exception in any state a link can describe: hypothesis draws
valid states (the same strategies as the pages' own tests), AppTest opens each link."""

import pytest
from hypothesis import HealthCheck, given, settings
from streamlit.testing.v1 import AppTest

from tests import support
from tests.support import ROOT
from tests.test_binary_page import binary_states
from tests.test_digits import digits_states
from tests.test_encoding_page import encoding_states
from tests.test_entropy_page import entropy_states
from tests.test_optimisation import gradients_states, loss_states, training_states
from tests.test_state import playground_states
from xentviz.pages import PAGES
from xentviz.state import to_query
from xentviz.state.fixed import FixedState

STRATEGIES = {
    "playground": playground_states(),
    "entropy": entropy_states(),
    "binary": binary_states(),
    "encoding": encoding_states(),
    "loss": loss_states(),
    "gradients": gradients_states(),
    "training": training_states(),
    "digits": digits_states(),
}
#: A handful a page: each opening is a whole AppTest run (a few tenths of a second).
FEW = settings(max_examples=support.examples(12), suppress_health_check=[HealthCheck.too_slow])


#: Every page of the registry with something to set (a new page fails here until its states
#: have a strategy above).
WITH_STATE = [p.name for p in PAGES if p.state is not FixedState]


def test_every_page_with_a_state_has_a_strategy():
    assert set(STRATEGIES) == set(WITH_STATE)


@pytest.mark.slow
@pytest.mark.parametrize("name", WITH_STATE)
def test_any_state_opens_without_an_exception(name):
    @FEW
    @given(STRATEGIES[name])
    def opens(state):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        if name != "playground":  # the default page: the link must be there at the first run
            at.run()
        for key, value in to_query(state).items():
            at.query_params[key] = value
        if name != "playground":
            at.switch_page(f"xentviz/app_pages/{name}.py")
        at.run()
        assert not at.exception, (state, at.exception)
        assert not at.warning, (state, [w.value for w in at.warning])
        assert dict(at.query_params) == to_query(state)

    opens()
