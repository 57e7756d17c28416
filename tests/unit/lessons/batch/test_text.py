"""The sentences and tables of "Inside a batch", against numbers computed here with numpy."""

import dataclasses

import numpy as np
import pytest

from bnviz.core import batchnorm
from bnviz.core.batches import split, stream
from bnviz.lessons.batch import text
from bnviz.lessons.batch.layer import look
from bnviz.lessons.batch.minibatch import run_all
from bnviz.lessons.batch.settings import MiniSpec, SplitSpec
from bnviz.lessons.batch.statistics import RowModes, Spread, running
from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec
from bnviz.numbers import fmt

DATA = two_features(DataSpec())
ONES, ZEROS = np.ones(2), np.zeros(2)


def pair(a, b):
    return f"({fmt(float(a))}, {fmt(float(b))})"


def mini_runs(**options):
    settings = dict(size=10, seed=0, last="keep", lr=0.05, steps=120, w0=np.zeros(2), tol=1e-3,
                    eps=1e-5, momentum=0.1) | options
    split = SplitSpec(**{k: settings.pop(k) for k in ("size", "seed", "last")})
    w0 = settings.pop("w0")
    spec = MiniSpec(**{k: settings.pop(k) for k in ("lr", "steps", "tol")}, w1_0=float(w0[0]),
                    w2_0=float(w0[1]))
    return run_all(DATA.X, DATA.y, split, spec, **settings)


# ------------------------------------------------------------------------------- the split

@pytest.mark.parametrize("n,size", [(100, 10), (100, 1), (12, 4)])
def test_an_even_split_says_no_batch_is_short(n, size):
    sentence = text.split_sentence(split(n, size, seed=3), seed=3)
    batches = n // size
    rows = "1 row" if size == 1 else f"{size} rows"
    assert sentence == (f"The {n} rows, shuffled with seed 3, make {batches} batches of {rows} "
                        f"each: {n} is a multiple of {size}, so no batch is short.")


@pytest.mark.parametrize("n,size", [(100, 30), (100, 33), (7, 2)])
def test_a_kept_short_batch_is_counted(n, size):
    full, rest = divmod(n, size)
    sentence = text.split_sentence(split(n, size, seed=0, last="keep"), seed=0)
    assert f"make {full + 1} batches: {full} of {size} rows and a last, short one of" in sentence
    assert sentence.endswith(f"{rest} row{'s' if rest != 1 else ''} (kept, as PyTorch does by default).")


@pytest.mark.parametrize("n,size", [(100, 30), (100, 33)])
def test_dropped_rows_are_counted_and_agree_in_number(n, size):
    full, rest = divmod(n, size)
    sentence = text.split_sentence(split(n, size, seed=0, last="drop"), seed=0)
    assert f"make {full} batches of {size} rows; the {rest} row" in sentence
    if rest == 1:
        assert "row left over sits this epoch out" in sentence and "gives it another" in sentence
    else:
        assert "rows left over sit this epoch out" in sentence and "gives them another" in sentence


def test_the_only_batch_says_whether_every_row_is_in_it():
    assert text.only_batch_sentence(split(100, 100, seed=0)) == "One batch holds every row (100)."
    dropped = text.only_batch_sentence(split(100, 70, seed=0, last="drop"))
    assert dropped == "One batch of 70 rows; the other 30 rows sit this epoch out (dropped)."


# ------------------------------------------------------------------------------- one batch

def test_the_batch_sentence_is_the_batch_and_the_population():
    batches = split(100, 10, seed=2)
    shown = look(DATA.X, batches, 3, gamma=ONES, beta=ZEROS, eps=1e-5, undo=False)
    x = DATA.X[batches.batch(3)]
    sentence = text.batch_sentence(shown)
    mean, sd = x.mean(axis=0), x.std(axis=0)
    pop_mean, pop_sd = DATA.X.mean(axis=0), DATA.X.std(axis=0)
    assert sentence == (f"Batch 4 has mean {pair(*mean)} against the population's "
                        f"{pair(*pop_mean)}, and standard deviation {pair(*sd)} against "
                        f"{pair(*pop_sd)}.")


def test_a_one_row_batch_collapses_to_beta():
    beta = np.array([2.5, -1.0])
    shown = look(DATA.X, split(100, 1, seed=0), 0, gamma=ONES, beta=beta, eps=1e-4, undo=False)
    sentence = text.batch_sentence(shown)
    assert f"the output collapses to β = {pair(2.5, -1.0)} whatever the row was" in sentence
    assert f"√(0 + ε) = {fmt(np.sqrt(1e-4))} from being zero" in sentence
    assert "is not small" not in sentence


def test_a_constant_feature_collapses_and_a_large_eps_shrinks():
    flat = two_features(DataSpec(a_hi=1.0))
    shown = look(flat.X, split(100, 10, seed=0), 0, gamma=ONES, beta=np.array([7.0, 0.0]),
                 eps=1e-5, undo=False)
    assert "Feature A is constant in this batch" in text.batch_sentence(shown)
    assert "collapses to β = 7" in text.batch_sentence(shown)
    assert "Feature B is constant" not in text.batch_sentence(shown)
    # eps of the order of A's batch variance: x̂ of A has standard deviation sqrt(v / (v + eps)).
    batches = split(100, 10, seed=0)
    var = DATA.X[batches.batch(0)].var(axis=0)
    eps = float(var[0])
    shown = look(DATA.X, batches, 0, gamma=ONES, beta=ZEROS, eps=eps, undo=False)
    sentence = text.batch_sentence(shown)
    assert (f"is not small against A's batch variance {fmt(var[0])}: the standardized A has "
            f"standard deviation {fmt(np.sqrt(0.5))}, not 1.") in sentence
    assert "against B's" not in sentence  # B's variance dwarfs it


def test_undo_gives_back_the_input_and_says_what_eps_would_leave():
    batches = split(100, 10, seed=1)
    eps = 5.0
    shown = look(DATA.X, batches, 2, gamma=ONES, beta=ZEROS, eps=eps, undo=True)
    x = DATA.X[batches.batch(2)]
    mean, var = x.mean(axis=0), x.var(axis=0)
    sentence = text.undo_sentence(shown)
    assert sentence.startswith(f"Undo: γ = √(σ²_B + ε) = {pair(*np.sqrt(var + eps))} and "
                               f"β = μ_B = {pair(*mean)}. The output equals the input")
    # With gamma the plain standard deviation the output would miss x by |x̂| (√(v+ε) − √v).
    x_hat = (x - mean) / np.sqrt(var + eps)
    miss = np.max(np.abs(x_hat) * (np.sqrt(var + eps) - np.sqrt(var)))
    assert sentence.endswith(f"ε would leave a difference of up to {fmt(miss)}.")


def test_scale_and_shift_say_how_far_the_output_moved():
    batches = split(100, 10, seed=1)
    gamma, beta = np.array([2.0, 0.5]), np.array([1.0, -3.0])
    shown = look(DATA.X, batches, 0, gamma=gamma, beta=beta, eps=1e-5, undo=False)
    x = DATA.X[batches.batch(0)]
    out = gamma * (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + 1e-5) + beta
    sentence = text.undo_sentence(shown)
    assert f"the output differs from the input by up to {fmt(np.max(np.abs(out - x)))}" in sentence
    # The identity chosen by hand is called what it is.
    same = dataclasses.replace(shown, out=shown.x, residual=0.0)
    assert "the output equals the input" in text.undo_sentence(same)


def test_the_statistics_table_is_the_batch_against_the_population():
    batches = split(100, 25, seed=0)
    shown = look(DATA.X, batches, 1, gamma=ONES, beta=ZEROS, eps=1e-5, undo=False)
    rows = {row[""]: row for row in text.statistics_table(shown)}
    x = DATA.X[batches.batch(1)]
    assert rows["mean of B"]["this batch"] == fmt(x.mean(axis=0)[1])
    assert rows["std of A"]["population"] == fmt(DATA.X.std(axis=0)[0])
    assert list(rows) == ["mean of A", "mean of B", "std of A", "std of B"]


# ------------------------------------------------------------------------ running statistics

@pytest.mark.parametrize("momentum,epochs", [(0.1, 2), (0.5, 1)])
def test_the_running_sentence_is_the_layer_stepped_batch_by_batch(momentum, epochs):
    run = running(DATA.X, size=20, seed=0, last="keep", momentum=momentum, epochs=epochs)
    # Independent: step the layer itself through every batch.
    state = batchnorm.RunningStats.initial(2)
    start = state
    batches = stream(100, 20, seed=0)
    for _ in range(5 * epochs):
        _, _, rows = next(batches)
        _, _, state = batchnorm.forward(DATA.X[rows], ONES, ZEROS, state, training=True,
                                        momentum=momentum)
    target_var = DATA.X.var(axis=0, ddof=1)
    off_mean = 100 * np.abs(state.mean_ - DATA.X.mean(axis=0)) / DATA.X.mean(axis=0)
    off_var = 100 * np.abs(state.var_ - target_var) / target_var
    sentence = text.running_sentence(run)
    assert f"here with m = {fmt(momentum)}, starting from mean {pair(*start.mean_)}" in sentence
    assert f"variance {pair(*start.var_)}" in sentence
    assert f"After {epochs} epoch{'s' if epochs > 1 else ''} ({5 * epochs} batches)" in sentence
    assert f"the running mean is {pair(*state.mean_)}" in sentence
    assert f"(off by {fmt(off_mean[0])}% and {fmt(off_mean[1])}%)" in sentence
    assert f"the running variance {pair(*state.var_)} against {pair(*target_var)}" in sentence
    assert f"(off by {fmt(off_var[0])}% and {fmt(off_var[1])}%)" in sentence
    assert "never moves" not in sentence


def test_one_row_batches_leave_the_running_variance_where_it_started():
    run = running(DATA.X, size=1, seed=0, last="keep", momentum=0.1, epochs=1)
    start = batchnorm.RunningStats.initial(2).var_
    assert text.running_sentence(run).endswith(
        f"so the running variance never moves from its initial {pair(*start)}.")
    assert "(100 batches)" in text.running_sentence(run)


def test_a_cut_epoch_is_said_to_be_cut():
    run = running(DATA.X, size=1, seed=0, last="keep", momentum=0.1, epochs=1, max_steps=30)
    assert "(30 batches (the first batches of the first epoch" in text.running_sentence(run)


def test_the_row_sentence_shows_the_three_modes_and_their_gap():
    modes = RowModes(row=7, x=np.array([3.0, 40.0]), train=np.array([0.5, -1.25]),
                     inference=np.array([0.25, -1.0]), population=np.array([0.2, -0.9]))
    sentence = text.row_sentence(modes)
    assert sentence.startswith(f"Row 7 of the data, (A, B) = {pair(3, 40)}")
    assert f"a difference of {pair(0.25, 0.25)}" in sentence
    assert sentence.endswith(f"with the population's own, {pair(0.2, -0.9)}.")


# ---------------------------------------------------------------------------------- spread

def spread_of(gaps):
    sizes = np.array([1, 10, 100])
    count = len(sizes)
    return Spread(sizes=sizes, mean_sd=np.array([[1.0, 1.0], [0.3, 0.3], [0.0, 0.0]]),
                  mean_sd_theory=np.sqrt((100 - sizes) / (sizes * 99.0))[:, None] * ONES,
                  std_sd=np.zeros((count, 2)), gap_rms=np.asarray(gaps, float),
                  batches=np.array([64, 64, 1]))


def test_the_spread_sentence_reads_the_chosen_size():
    spread = spread_of([[0.9, 0.8], [0.2, 0.3], [0.0, 0.0]])
    sentence = text.spread_sentence(spread, 12)  # nearest sampled size: 10
    assert sentence.startswith(f"At batch size 10 a batch's mean misses the population's by "
                               f"{pair(0.3, 0.3)} σ on average (rms over 64 random batches; "
                               f"sampling theory says {fmt(np.sqrt(90 / 990))})")
    assert f"At batch size 1 the gap is {pair(0.9, 0.8)}: the smaller the batch" in sentence


def test_the_conclusion_follows_the_gaps():
    reversed_gaps = spread_of([[0.1, 0.1], [0.2, 0.3], [0.0, 0.0]])
    assert "does not make them disagree more" in text.spread_sentence(reversed_gaps, 10)
    # At the smallest size the comparison is with the next one up.
    smallest = text.spread_sentence(spread_of([[0.9, 0.8], [0.2, 0.3], [0.0, 0.0]]), 1)
    assert "At batch size 1 a batch's mean" in smallest
    assert f"At batch size 10 the gap is {pair(0.2, 0.3)}: the smaller the batch" in smallest
    one = dataclasses.replace(spread_of([[0, 0]] * 3), sizes=np.array([5]),
                              mean_sd=np.zeros((1, 2)), mean_sd_theory=np.zeros((1, 2)),
                              gap_rms=np.zeros((1, 2)), batches=np.array([1]))
    assert "the gap is" not in text.spread_sentence(one, 5)


# ------------------------------------------------------------------------------- descents

def test_the_descent_sentence_and_table_are_the_runs():
    runs = mini_runs()
    A1 = np.column_stack([DATA.X, np.ones(100)])
    final = {name: float(np.mean((A1 @ t.weights[-1] - DATA.y) ** 2))
             for name, t in runs.runs.items()}
    best = np.linalg.lstsq(A1, DATA.y, rcond=None)[0]
    least = float(np.mean((A1 @ best - DATA.y) ** 2))
    sentence = text.descent_sentence(runs)
    assert (f"Final costs: {fmt(final['raw'])}, {fmt(final['standardized'])} and "
            f"{fmt(final['batchnorm'])} (least possible {fmt(least)}).") in sentence
    assert sentence.startswith("At learning rate 0.05 and batch size 10: ")
    ratio = final["batchnorm"] / max(final["standardized"], least)
    assert (f"ends {fmt(ratio)} times higher" in sentence) == (ratio > 10)
    rows = text.descent_table(runs)
    assert [row["run"] for row in rows] == list(text.LABELS.values())
    assert rows[0]["final cost"] == fmt(final["raw"])
    assert rows[2]["final (w1, w2, intercept)"] == ", ".join(fmt(v) for v in runs.batchnorm.weights[-1])


def test_no_plateau_is_claimed_when_the_runs_diverge_or_end_close():
    diverged = mini_runs(lr=10.0, steps=30)
    assert diverged.batchnorm.status == "diverged"
    assert "times higher" not in text.descent_sentence(diverged)
    runs = mini_runs()
    close = dataclasses.replace(runs, batchnorm=runs.standardized)
    assert "times higher" not in text.descent_sentence(close)


def test_the_coordinates_sentence_names_the_running_statistics_start():
    runs = mini_runs(steps=5)
    start = batchnorm.RunningStats.initial(2)
    assert (f"which start at mean {pair(*start.mean_)}, variance {pair(*start.var_)}"
            in text.coordinates_sentence(runs))
    moved = dataclasses.replace(runs, initial=batchnorm.RunningStats(np.array([1.0, 2.0]),
                                                                     np.array([3.0, 4.0])))
    assert f"mean {pair(1, 2)}, variance {pair(3, 4)}" in text.coordinates_sentence(moved)
