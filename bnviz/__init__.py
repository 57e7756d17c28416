"""bnviz: batch normalization made visible.

The core package: pure numpy computations (data, normalization, quadratic cost model, theory,
optimizers, batch normalization, a small network) and Plotly figure builders. Only
:mod:`bnviz.ui` imports Streamlit.
"""

__version__ = "0.1.0"
