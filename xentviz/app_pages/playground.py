"""Playground: logits in, softmax and cross-entropy out."""

import streamlit as st

from xentviz import worked_example
from xentviz.presets import DOG_CAT_HORSE_CHEETAH as SEED

st.title("Softmax and cross-entropy")
st.write(
    "Softmax turns logits into probabilities; the loss is -log of the true class's probability."
)

cols = st.columns(len(SEED.classes))
logits = [
    col.number_input(name, value=z, step=0.1, key=f"logit_{i}")
    for i, (col, name, z) in enumerate(zip(cols, SEED.classes, SEED.logits, strict=True))
]
target = st.radio(
    "True class",
    range(len(SEED.classes)),
    format_func=SEED.classes.__getitem__,
    key="target",
    horizontal=True,
)
w = worked_example(logits, target, base=2)
st.dataframe({"class": SEED.classes, "logit": w.logits, "q": w.q, "gradient": w.grad})
st.metric("Cross-entropy loss (bits)", f"{w.loss:.4f}")
