"""The public maths: pure numpy, no Streamlit, no plotly. Every number a page shows is computed
here (softmax, information, losses, containers, encodings, landscape, backprop, training,
presets), or in :mod:`xentviz.worked` from these; :mod:`xentviz` re-exports the public API.

``_kernels`` holds the private pieces the losses and the worked example share with softmax
(stable shifts, normalisers, divisions); ``validation`` turns bad input into a ``ValueError``
that names the argument."""
