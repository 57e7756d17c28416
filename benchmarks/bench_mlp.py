"""Time the numpy network against PyTorch on the CPU, and the page's default training.

Run:  .venv/bin/python benchmarks/bench_mlp.py [--repeats 7] [--steps 200] [--largest-steps 5000]
      [--quick]   (CI's smoke run: 1 repeat of 20 steps, two architectures, 50 largest steps)

Prints, for a few architectures (same layers, batch, data and batch order in both):
median time per SGD step of bnviz's numpy MLP and of PyTorch, and their ratio; then the
end-to-end time of the default live training (both networks, with recording), and the
recorded-result size and traced peak memory of a run at the largest allowed setting.
PyTorch is optional: without it the torch column is skipped with a note.
Both libraries run single-threaded, as the app runs numpy (see bnviz.core.blas).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bnviz.core import blas, datasets, mlp, training  # noqa: E402
from bnviz.lessons.deep.settings import DeepTrainSpec  # noqa: E402
from bnviz.settings import params_of  # noqa: E402

# The page's largest setting: every training slider at its upper end (the seed excepted).
LARGEST = {name: p.hi for name, p in params_of(DeepTrainSpec) if p.hi is not None and name != "seed"}

try:
    import torch
except ImportError:  # benchmark-only dependency
    torch = None


def numpy_runner(config, data, batches, *, lr):
    """A function that runs ``len(batches)`` SGD steps, carrying on from the last call."""
    net = list(mlp.init_params(config, n_inputs=data.n_features, n_outputs=data.n_classes, seed=0))
    net.append(mlp.tree_map(np.zeros_like, net[0]))
    x, y = data.x_train, data.y_train

    def run():
        params, states, velocity = net
        for idx in batches:
            _, grads, states = mlp.loss_and_grads(params, states, x[idx], y[idx], config)
            params, velocity = training.sgd_update(params, grads, velocity, lr=lr, momentum=0.0)
        net[:] = params, states, velocity

    return run


def torch_model(config, n_in, n_out):
    act = {"sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh, "relu": torch.nn.ReLU}
    layers, width_in = [], n_in
    for _ in range(config.depth):
        layers.append(torch.nn.Linear(width_in, config.width))
        if config.bn == "before":
            layers.append(torch.nn.BatchNorm1d(config.width, eps=config.eps, momentum=config.bn_momentum))
        layers.append(act[config.activation]())
        if config.bn == "after":
            layers.append(torch.nn.BatchNorm1d(config.width, eps=config.eps, momentum=config.bn_momentum))
        width_in = config.width
    layers.append(torch.nn.Linear(width_in, n_out))
    return torch.nn.Sequential(*layers)


def torch_runner(config, data, batches, *, lr):
    model = torch_model(config, data.n_features, data.n_classes).train()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    x, y = torch.from_numpy(data.x_train), torch.from_numpy(data.y_train)
    idx_t = [torch.from_numpy(i) for i in batches]

    def run():
        for idx in idx_t:
            opt.zero_grad(set_to_none=True)
            loss = torch.nn.functional.cross_entropy(model(x[idx]), y[idx])
            loss.backward()
            opt.step()

    return run


def step_times(runners, n_steps, repeats):
    """Median seconds per step of each runner. Repeats alternate between the runners, so a
    change in machine load (this one is shared) hits all of them alike; the first repeat
    warms up and is dropped."""
    times = [[] for _ in runners]
    for _ in range(repeats + 1):
        for run, t in zip(runners, times, strict=True):
            start = time.perf_counter()
            run()
            t.append((time.perf_counter() - start) / n_steps)
    return [statistics.median(t[1:]) for t in times]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--steps", type=int, default=200, help="steps per timed repeat")
    ap.add_argument("--largest-steps", type=int, default=int(LARGEST["steps"]))
    ap.add_argument("--no-torch", action="store_true", help="skip PyTorch even if installed")
    ap.add_argument("--quick", action="store_true", help="CI's smoke run: small sizes, one repeat")
    args = ap.parse_args(argv)
    if args.quick:
        args.repeats, args.steps, args.largest_steps = 1, 20, 50

    global torch
    if args.no_torch:
        torch = None
    data = datasets.load("digits", seed=0)
    if torch is None:
        print("note: torch is not installed (or --no-torch); the PyTorch column is skipped.")
    else:
        torch.set_num_threads(1)
        print(f"torch {torch.__version__}, numpy {np.__version__}, single-threaded, float32")
    archs = [(3, 100, "before"), (3, 100, "off"), (10, 256, "before"), (10, 256, "off")]
    archs = archs[:2] if args.quick else archs
    print(
        f"\nmedian time per SGD step, digits, batch 60, sigmoid, {args.steps} steps x {args.repeats} repeats"
    )
    print(f"{'depth':>5} {'width':>5} {'bn':>6} {'numpy ms':>9} {'torch ms':>9} {'numpy/torch':>11}")
    batches = training.batch_indices(len(data.x_train), 60, args.steps, seed=1)
    with blas.threads(1):
        for depth, width, bn in archs:
            config = mlp.NetConfig(depth=depth, width=width, activation="sigmoid", init="xavier", bn=bn)
            runners = [numpy_runner(config, data, batches, lr=0.1)]
            if torch is not None:
                runners.append(torch_runner(config, data, batches, lr=0.1))
            t = step_times(runners, len(batches), args.repeats)
            if torch is None:
                print(f"{depth:>5} {width:>5} {bn:>6} {t[0] * 1e3:>9.3f} {'-':>9} {'-':>11}")
            else:
                print(
                    f"{depth:>5} {width:>5} {bn:>6} {t[0] * 1e3:>9.3f} {t[1] * 1e3:>9.3f} "
                    f"{t[0] / t[1]:>11.2f}"
                )

    net, train = (DeepTrainSpec(steps=100) if args.quick else DeepTrainSpec()).configs()
    times = []
    for _ in range(1 if args.quick else 3):
        start = time.perf_counter()
        result = training.run(net, train)  # loads the data too: end to end, as the page does
        times.append(time.perf_counter() - start)
    print(
        f"\n{'small' if args.quick else 'default'} training ({net.depth}x{net.width} {net.activation}, init "
        f"{net.init}, bn {net.bn}, {train.optimizer} lr {train.lr}, batch {train.batch_size}, "
        f"{train.steps} steps, {train.n_records} records, both networks): median "
        f"{statistics.median(times):.2f} s of {[round(t, 2) for t in times]}"
    )
    print(
        f"  final test accuracy: plain {result.plain.test_accuracy[-1]:.3f}, "
        f"BN {result.bn.test_accuracy[-1]:.3f}"
    )

    big_net, big_train = DeepTrainSpec(depth=int(LARGEST["depth"]), width=int(LARGEST["width"]),
                                       steps=args.largest_steps).configs()
    tracemalloc.start()
    start = time.perf_counter()
    result = training.run(big_net, big_train, every_unit=True)  # every unit: as the page records
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    recorded = result.plain.nbytes + result.bn.nbytes
    print(
        f"\nlargest network (depth {big_net.depth}, width {big_net.width}, {big_train.steps} steps, "
        f"{big_train.n_records} records, every unit): {seconds:.1f} s; recorded results "
        f"{recorded / 1e6:.2f} MB; traced peak memory during the run {peak / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
