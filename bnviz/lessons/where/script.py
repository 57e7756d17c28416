"""The ladder of "Where normalization matters" as a short Python script: numpy only.

The script draws the correlated features as :func:`bnviz.core.data.make_correlated` does (a
Gaussian copula; the normal CDF by the standard library's ``math.erf``), makes the four
versions of :func:`bnviz.lessons.where.ladder.build_ladder` (raw, scaled only,
standardized, ZCA-whitened) and runs gradient descent on each at the rate its own spectrum
sets. It prints what the page's ladder table shows, as ``name: value`` lines; tests run it
for several settings and compare with the page's.
"""

from __future__ import annotations

from bnviz.lessons.common.script_text import DESCENT_CODE
from bnviz.lessons.common.settings import DataSpec
from bnviz.lessons.where.ladder import TOL
from bnviz.lessons.where.settings import LadderSpec

_TEMPLATE = '''"""Where normalization matters: the ladder (bnviz), reproduced with numpy alone.

One data set with correlated features in four versions (raw; scaled only; standardized;
whitened), each descended by plain gradient descent from zero at a rate set by its own
curvature. Settings as on the page.
"""
import math

import numpy as np

# The data: two features with Pearson correlation r, each uniform on its range. Two normal
# draws with correlation rho, pushed through the normal CDF, are uniform with correlation
# (6/pi) asin(rho/2): so rho = 2 sin(pi r/6).
rng = np.random.default_rng({seed})
n, r = {n}, {corr!r}
rho = 2 * math.sin(math.pi * r / 6)
z1 = rng.standard_normal(n)
z2 = rho * z1 + math.sqrt(max(1 - rho * rho, 0.0)) * rng.standard_normal(n)
noise = rng.normal(size=n) * {noise!r}


def uniform(z, hi):
    """Uniform on [1, hi]: the normal CDF of a standard normal draw is uniform on (0, 1)."""
    cdf = np.array([0.5 * (1 + math.erf(v / math.sqrt(2))) for v in z])
    return 1 + (hi - 1) * np.clip(cdf, 0, 1)


A, B = uniform(z1, {a_hi!r}), uniform(z2, {b_hi!r})
y = {w1!r} * A + {w2!r} * B + noise
X = np.column_stack([A, B])
# rate "half": 1/lam_max, half the stability limit; "optimal": 2/(lam_min + lam_max).
steps, tol, rate = {steps}, {tol!r}, {rate!r}


{descent}

# The four versions. A feature without spread is divided by 1 (standardized, it is zeros).
mean, spread = X.mean(axis=0), X.std(axis=0)
scale = np.where(spread > 1e-12 * np.maximum(np.abs(mean), 1.0), spread, 1.0)
# Whitening: multiply the centred data by C^(-1/2) (C its covariance), which turns the
# covariance into the identity; directions without variance are dropped.
lam, V = np.linalg.eigh((X - mean).T @ (X - mean) / n)
lam = np.clip(lam, 0.0, None)
kept = lam > 1e-12 * max(lam[-1], 0.0)
W = (V * np.where(kept, 1 / np.sqrt(np.where(kept, lam, 1.0)), 0.0)) @ V.T
centred = y - y.mean()
rungs = {{"raw": (X, y), "scaled only": (X / scale, y),
         "standardized": ((X - mean) / scale, centred), "whitened": ((X - mean) @ W, centred)}}
corr = np.corrcoef(X, rowvar=False)[0, 1] if all(spread > 0) else math.nan  # none if constant
print(f"sample correlation: {{float(corr)!r}}")
for label, (features, target) in rungs.items():
    G, w_star, f_star, lam_min, lam_max = least_squares(features, target)
    # The rate from this version's own curvature (on a flat cost any rate: it cannot move).
    lr = (2 / (lam_min + lam_max) if rate == "optimal" else 1 / lam_max) if lam_max > 0 else 1.0
    result, left = descend(G, w_star, np.zeros(2), lambda w, g, lr=lr: w - lr * g, steps, tol)
    kappa = lam_max / lam_min if lam_min > 0 else math.inf
    print(f"{{label}} condition number: {{float(kappa)!r}}")
    print(f"{{label}} lambda min: {{float(lam_min)!r}}")
    print(f"{{label}} lambda max: {{float(lam_max)!r}}")
    print(f"{{label}} learning rate: {{float(lr)!r}}")
    print(f"{{label}} descent: {{result}}")
'''


def ladder_script(data: DataSpec, spec: LadderSpec) -> str:
    """The script for these settings (runs with ``python script.py``; needs numpy only)."""
    return _TEMPLATE.format(seed=int(data.seed), n=int(data.n), corr=float(spec.corr),
                            noise=float(data.noise), a_hi=float(data.a_hi),
                            b_hi=float(data.b_hi), w1=float(data.w1_true),
                            w2=float(data.w2_true), steps=int(spec.steps), tol=float(TOL),
                            rate=str(spec.rate), descent=DESCENT_CODE)
