"""Inside a batch as a short Python script a visitor can run: numpy only, these settings.

The script draws the data as the page does, shuffles and cuts the rows into mini-batches as
:func:`bnviz.core.batches.split` does (the same shuffling stream), and puts the chosen
batch through batch normalization's three steps (:func:`bnviz.lessons.batch.layer.look`).
It prints what the page shows of that batch, as ``name: value`` lines; tests run it for
several settings and compare with the page's.
"""

from __future__ import annotations

from bnviz.lessons.batch.settings import LookSpec, SplitSpec
from bnviz.lessons.common.script_text import two_features_code
from bnviz.lessons.common.settings import DataSpec

_TEMPLATE = '''"""Inside a batch (bnviz), reproduced with numpy alone.

The rows are shuffled and cut into mini-batches, and one batch goes through batch
normalization: its mean and standard deviation, x_hat = (x - mean) / sqrt(var + eps), then
gamma * x_hat + beta. Settings as on the page.
"""
import numpy as np

{data}
size, seed, last = {size}, {seed}, {last!r}  # last: "keep" or "drop" the short last batch
batch = {index}  # counted from 1
eps, gamma, beta = {eps!r}, np.array([{g1!r}, {g2!r}]), np.array([{b1!r}, {b2!r}])
undo = {undo}  # gamma = sqrt(var + eps) and beta = mean: the layer gives its input back

# 1. Split: shuffle the rows (the random stream of (seed, epoch 0)) and cut them into
# batches of `size`; when n is not a multiple of it, the short rest is kept as a last
# batch or sits this epoch out.
size = min(max(size, 1), n)
order = np.random.default_rng([seed, 0]).permutation(n)
full, rest = divmod(n, size)
count = full + (1 if rest and last == "keep" else 0)
batch = min(max(batch, 1), count)
rows = order[(batch - 1) * size:min(batch * size, n)]
x = X[rows]

# 2. Standardize with the batch's own statistics (the variance divides by the batch's
# size, as the layer does; eps keeps the denominator away from zero).
mean = x.mean(axis=0)
var = np.mean((x - mean) ** 2, axis=0)
x_hat = (x - mean) / np.sqrt(var + eps)
# 3. Scale and shift: the layer's learned gamma and beta.
if undo:
    gamma, beta = np.sqrt(var + eps), mean
out = gamma * x_hat + beta


def pair(values):
    return " ".join(repr(float(v)) for v in values)


print(f"batches: {{count}}")
print(f"rows sitting out: {{n - min(count * size, n)}}")
print(f"batch: {{batch}}")
print(f"rows in the batch: {{len(rows)}}")
print(f"first rows: {{' '.join(str(r) for r in rows[:10])}}")
print(f"batch mean: {{pair(mean)}}")
print(f"batch std: {{pair(np.sqrt(var))}}")
print(f"population mean: {{pair(X.mean(axis=0))}}")
print(f"population std: {{pair(X.std(axis=0))}}")
print(f"x_hat mean: {{pair(x_hat.mean(axis=0))}}")
print(f"x_hat std: {{pair(x_hat.std(axis=0))}}")
print(f"gamma: {{pair(gamma)}}")
print(f"beta: {{pair(beta)}}")
print(f"output mean: {{pair(out.mean(axis=0))}}")
print(f"output std: {{pair(out.std(axis=0))}}")
print(f"largest |output - input|: {{float(np.max(np.abs(out - x)))!r}}")
'''


def batch_script(data: DataSpec, split: SplitSpec, look: LookSpec) -> str:
    """The script for these settings (runs with ``python script.py``; needs numpy only)."""
    return _TEMPLATE.format(data=two_features_code(data), size=int(split.size),
                            seed=int(split.seed), last=str(split.last), index=int(look.index),
                            eps=float(look.eps), g1=float(look.g1), g2=float(look.g2),
                            b1=float(look.b1), b2=float(look.b2), undo=look.undo == "on")
