"""Pieces of the exported numpy scripts that more than one page's script shares.

Each page's script (``bnviz/lessons/*/script.py``) is a template filled with the page's
settings; these are the passages they have in common, as plain source text to insert into
a template (inserted as they are: a ``str.format`` does not touch the text it inserts):

- :func:`two_features_code`: the seed article's data draw, with a page's data settings;
- :data:`DESCENT_CODE`: the least-squares cost of a linear model and a descent loop on it,
  written to follow :mod:`bnviz.core.quadratic`, :mod:`bnviz.core.theory` and
  :func:`bnviz.core.descent.run` (the scalar path of :mod:`bnviz.core.descent2d`) operation
  for operation, so a script's numbers are the page's to the last digit, and the page's
  words for how a run ended.
"""

from __future__ import annotations

from bnviz.lessons.common.settings import DataSpec


def two_features_code(data: DataSpec) -> str:
    """Lines that draw the data of ``data`` as :func:`bnviz.core.data.make_two_features`
    does, into ``n``, ``A``, ``B``, ``X`` (n, 2) and ``y``."""
    return (f"# The data: the seed article's recipe (draws in this order from one generator).\n"
            f"rng = np.random.default_rng({int(data.seed)})\n"
            f"n = {int(data.n)}\n"
            f"A = rng.uniform(1.0, {float(data.a_hi)!r}, n)\n"
            f"B = rng.uniform(1.0, {float(data.b_hi)!r}, n)\n"
            f"y = {float(data.w1_true)!r} * A + {float(data.w2_true)!r} * B"
            f" + rng.normal(size=n) * {float(data.noise)!r}\n"
            f"X = np.column_stack([A, B])\n")


DESCENT_CODE = '''def least_squares(features, target):
    """mean((features @ w - target)**2) = f_star + (w - w_star)' G (w - w_star), and the
    smallest non-zero and the largest eigenvalue of its Hessian 2G."""
    G = features.T @ features / len(target)
    w_star = np.linalg.lstsq(features, target, rcond=None)[0]
    f_star = np.mean((features @ w_star - target) ** 2)
    eig = np.clip(np.linalg.eigh(2 * G)[0], 0.0, None)  # negatives are rounding
    # Eigenvalues below 1e-12 of the largest are directions the cost does not depend on
    # (a constant feature): descent never moves along them, so they do not count.
    lam_min = min((v for v in eig if v > 1e-12 * eig[-1]), default=0.0)
    return G, w_star, f_star, lam_min, eig[-1]


def descend(G, w_star, w0, step, steps, tol):
    """`steps` updates w = step(w, gradient) from w0: how the run ended, in the page's
    words, and the excess cost (cost minus its minimum) where it stopped."""
    def excess(w):  # a sum of e_i G_ij e_j: no two large numbers subtracted
        e = w - w_star
        return sum(e[i] * G[i, j] * e[j] for i in range(2) for j in range(2))

    w, first = w0, excess(w0)
    reached = 0 if first == 0 else None
    limit = 1e6 * max(first, np.finfo(float).eps)  # grown a million-fold: it has diverged
    for k in range(1, steps + 1):
        e = w - w_star
        w = step(w, 2 * (e[0] * G[0] + e[1] * G[1]))  # the gradient 2 G (w - w_star)
        now = excess(w)
        if not now <= limit:  # also true of inf and nan
            return f"diverged at step {k}", now
        if reached is None and now / first <= tol:
            reached = k
    if reached is None:
        return f"not within {steps:,} step{'s' if steps > 1 else ''}", now
    return f"tolerance at step {reached}", now
'''
