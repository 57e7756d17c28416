"""Valley vs bowl as a short Python script a visitor can run: numpy only, these settings.

The script is written out plainly, as one would in a notebook (the seed article's own data
code, least squares by ``lstsq``, the Hessian's eigenvalues by ``eigvalsh``, a loop of plain
gradient descent), not by importing bnviz, so a learner can read and change every line. It
prints the page's key numbers as ``name: value`` lines; tests run it for several settings
and compare with the page's.
"""

from __future__ import annotations

from bnviz.lessons.common.settings import DataSpec, DescentSpec

_TEMPLATE = '''"""Valley vs bowl (bnviz), reproduced with numpy alone.

Gradient descent on the mean squared error of y ~ w1*A + w2*B, on raw features and on
standardized ones (target centred), from the same start. Settings as on the page.
"""
import numpy as np

# The data: the seed article's recipe (draws in this order from one generator).
rng = np.random.default_rng({seed})
n = {n}
A = rng.uniform(1.0, {a_hi!r}, n)
B = rng.uniform(1.0, {b_hi!r}, n)
y = {w1!r} * A + {w2!r} * B + rng.normal(size=n) * {noise!r}
X = np.column_stack([A, B])

steps, tol, start = {steps}, {tol!r}, np.array([{w1_0!r}, {w2_0!r}])
rate_modes = {{"raw": ({rate_raw!r}, {lr_raw!r}), "standardized": ({rate_std!r}, {lr_std!r})}}


def side(features, target, w0, mode, custom_lr):
    """The cost mean((features @ w - target)**2), its Hessian 2G, and descent on it."""
    G = features.T @ features / len(target)
    w_star = np.linalg.lstsq(features, target, rcond=None)[0]
    eig = np.linalg.eigvalsh(2 * G)
    lam_max = eig[-1]
    lam_min = min((v for v in eig if v > 1e-12 * lam_max), default=0.0)
    lr = {{"optimal": 2 / (lam_min + lam_max), "stable": 0.99 * (2 / lam_max),
           "zigzag": 0.9 * (2 / lam_max), "custom": custom_lr}}[mode]

    def excess(w):  # cost minus its minimum, without subtracting two large numbers
        e = w - w_star
        return e @ G @ e

    # Descend; stop when the excess has grown a million-fold (the run has left for
    # infinity: an unstable direction grows geometrically and never comes back).
    w, excesses, diverged = w0.copy(), [excess(w0)], None
    limit = 1e6 * max(excesses[0], np.finfo(float).eps)
    for k in range(1, steps + 1):
        w = w - lr * (2 * G @ (w - w_star))
        excesses.append(excess(w))
        if not excesses[-1] <= limit:
            diverged = k
            break
    # The first step whose excess is at most tol times the start's.
    relative = np.array(excesses) / excesses[0] if excesses[0] > 0 else np.zeros(len(excesses))
    hits = np.flatnonzero(relative <= tol)
    reached = int(hits[0]) if hits.size and diverged is None else None
    final = np.mean((features @ w - target) ** 2)
    return dict(eigenvalues=eig, condition=lam_max / lam_min if lam_min > 0 else np.inf,
                stable=2 / lam_max, optimal=2 / (lam_min + lam_max), lr=lr,
                reached=reached, diverged=diverged, final=final)


mean, std = X.mean(axis=0), X.std(axis=0)
Z = np.divide(X - mean, std, out=np.zeros_like(X), where=std > 0)
results = {{"raw": side(X, y, start, *rate_modes["raw"]),
            "standardized": side(Z, y - y.mean(), start * std, *rate_modes["standardized"])}}
for label, r in results.items():
    print(f"{{label}} eigenvalues: {{float(r['eigenvalues'][0])!r}} {{float(r['eigenvalues'][1])!r}}")
    print(f"{{label}} condition number: {{float(r['condition'])!r}}")
    print(f"{{label}} largest stable rate: {{float(r['stable'])!r}}")
    print(f"{{label}} optimal rate: {{float(r['optimal'])!r}}")
    print(f"{{label}} learning rate used: {{float(r['lr'])!r}}")
    print(f"{{label}} steps to tolerance: {{r['reached']}}")
    print(f"{{label}} diverged at step: {{r['diverged']}}")
    print(f"{{label}} final cost: {{float(r['final'])!r}}")
'''


def valley_script(data: DataSpec, descent: DescentSpec) -> str:
    """The script for these settings (runs with ``python script.py``; needs numpy only)."""
    return _TEMPLATE.format(seed=data.seed, n=data.n, a_hi=float(data.a_hi),
                            b_hi=float(data.b_hi), w1=float(data.w1_true),
                            w2=float(data.w2_true), noise=float(data.noise),
                            steps=descent.steps, tol=float(descent.tol),
                            w1_0=float(descent.w1_0), w2_0=float(descent.w2_0),
                            rate_raw=descent.rate_raw, lr_raw=float(descent.lr_raw),
                            rate_std=descent.rate_std, lr_std=float(descent.lr_std))
