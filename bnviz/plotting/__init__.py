"""Plotly figure builders: arrays and results in, figures out; no numerics of their own.

Figures are plain dicts in Plotly's schema rather than ``go.Figure`` objects: building an
animated figure through the validated graph objects costs more than all the numerics of a
page (``benchmarks/bench_valley.py`` prints both). :func:`bnviz.plotting.encode.to_json`
sends numpy arrays as base64 typed arrays, which plotly.js decodes natively. A grid of
subplots takes its axes from plotly's ``make_subplots`` (:mod:`bnviz.plotting.grid`); every
colour comes from :mod:`bnviz.plotting.style`.
"""
