"""Optimizer race as a short Python script a visitor can run: numpy only, these settings.

The script draws the data as the page does, builds the least-squares cost on raw and on
standardized features, and runs each optimizer switched on with the update rules of
:mod:`bnviz.core.optimizers`, its rate set in the page's units (see
:mod:`bnviz.lessons.race.settings`). It prints what the page's table shows, as
``name: value`` lines; tests run it for several settings and compare with the page's.
"""

from __future__ import annotations

from bnviz.lessons.common.script_text import DESCENT_CODE, two_features_code
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.race.settings import HYPER, OPTIMIZERS, RaceSpec

# The keyword of ``rule`` in the script for each hyper-parameter other than the rate.
_KEYWORDS = {"mom_beta": "beta", "nag_beta": "beta", "rms_beta": "beta", "rms_eps": "eps",
             "adam_beta1": "beta", "adam_beta2": "beta2", "adam_eps": "eps"}

_TEMPLATE = '''"""Optimizer race (bnviz), reproduced with numpy alone.

Each optimizer switched on descends the mean squared error of y ~ w1*A + w2*B, on raw and
on standardized features (target centred), from the same start. Settings as on the page.
"""
import numpy as np

{data}
steps, tol, start = {steps}, {tol!r}, np.array([{w1_0!r}, {w2_0!r}])
# name: (rule, lr, other settings). GD, Momentum, Nesterov step by lr * gradient: their lr is a
# multiple of plain descent's optimal rate 2/(lam_min+lam_max) on each surface. RMSProp and Adam
# move each weight by about lr: theirs is a fraction of the start's distance to the minimum.
racers = {racers}


def rule(kind, lr, beta=0.0, beta2=0.0, eps=0.0):
    """One optimizer's step(w, g) -> new w, keeping its state. (Adam's beta1 is beta.)"""
    v, s, power1, power2 = np.zeros(2), np.zeros(2), 1.0, 1.0

    def step(w, g):
        nonlocal v, s, power1, power2
        if kind == "gd":
            return w - lr * g
        if kind in ("mom", "nag"):  # v: the step that momentum carries on
            v = beta * v - lr * g
            return w + v if kind == "mom" else w + beta * v - lr * g  # nag looks ahead
        if kind == "rms":  # s: running mean of g**2; each weight's step is divided by its root
            s = beta * s + (1 - beta) * g * g
            return w - lr * g / (np.sqrt(s) + eps)
        # Adam: running means of g and g**2, each divided by 1 - beta**t since they start at 0.
        power1, power2 = power1 * beta, power2 * beta2
        v, s = beta * v + (1 - beta) * g, beta2 * s + (1 - beta2) * g * g
        return w - lr * (v / (1 - power1)) / (np.sqrt(s / (1 - power2)) + eps)
    return step


{descent}

# Standardized: centred and divided by the spread (a constant feature becomes zeros); it
# starts at the same model, so its weights start at w0 times the spread.
mean, spread = X.mean(axis=0), X.std(axis=0)
spread[spread <= 1e-12 * np.maximum(np.abs(mean), 1.0)] = 0.0
Z = (X - mean) / np.where(spread > 0, spread, 1.0)
for label, features, target, w0 in (("raw", X, y, start),
                                    ("standardized", Z, y - y.mean(), start * spread)):
    G, w_star, f_star, lam_min, lam_max = least_squares(features, target)
    # The rates' units (1 where undefined: a flat cost, a start at the minimum).
    rate_unit = 2 / (lam_min + lam_max) if lam_max > 0 else 1.0
    step_unit = np.linalg.norm(w0 - w_star) or 1.0
    print(f"{{label}} rate unit 2/(lam_min+lam_max): {{float(rate_unit)!r}}")
    print(f"{{label}} step unit |w0-w_star|: {{float(step_unit)!r}}")
    for name, (kind, lr, hyper) in racers.items():
        lr = lr * (rate_unit if kind in ("gd", "mom", "nag") else step_unit)
        result, left = descend(G, w_star, w0, rule(kind, lr, **hyper), steps, tol)
        print(f"{{label}} {{name}} learning rate: {{float(lr)!r}}")
        print(f"{{label}} {{name}} result: {{result}}")
        print(f"{{label}} {{name}} final cost: {{float(f_star + left)!r}}")
'''


def _racers(spec: RaceSpec) -> str:
    """The chosen optimizers as a dict literal: ``name: (kind, lr, {hyper-parameter: value})``."""
    names = dict(OPTIMIZERS)
    rows = []
    for key in spec.chosen():
        rate, *others = HYPER[key]
        # The rule's keyword for each setting: Adam's beta1 is the rule's ``beta``.
        hyper = ", ".join(f'"{_KEYWORDS[field]}": {float(getattr(spec, field))!r}'
                          for field in others)
        rows.append(f'    "{names[key]}": ("{key}", {float(getattr(spec, rate))!r}, {{{hyper}}}),')
    return "{\n" + "\n".join(rows) + "\n}" if rows else "{}"


def race_script(data: DataSpec, descent: DescentSpec, spec: RaceSpec) -> str:
    """The script for these settings (runs with ``python script.py``; needs numpy only)."""
    return _TEMPLATE.format(data=two_features_code(data), steps=int(descent.steps),
                            tol=float(descent.tol), w1_0=float(descent.w1_0),
                            w2_0=float(descent.w2_0), racers=_racers(spec),
                            descent=DESCENT_CODE)
