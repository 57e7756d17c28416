"""Simulated visitors, and the figures of one load level.

A visitor opens one chart page (chosen at random by weight), waits for its run to finish,
then every ``think`` seconds (times a random factor in 0.5..1.5, so visitors drift out of
step) moves one slider, select-slider or number input one notch and times the rerun. On
"Deep networks" a share of the moves (``train_share``) go to the sidebar's training steps
instead: such a run retrains both networks live with a progress bar, and is counted as
``training``; any run that drew a progress bar is, whatever started it.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field

from benchmarks.load.client import Session

CHART_PAGES = ("valley_vs_bowl", "inside_a_batch", "optimizer_race", "where_it_matters",
               "deep_networks")
DEEP_PAGE = "deep_networks"
TRAIN_LABEL = "Training steps"


@dataclass(frozen=True)
class Options:
    """What every visitor of a level does (all times in seconds)."""

    duration: float = 60.0
    ramp: float = 10.0
    think: float = 3.0
    pages: tuple[tuple[str, float], ...] = tuple((p, 1.0) for p in CHART_PAGES)
    timeout: float = 120.0
    report_cached: bool = True
    train_share: float = 0.25
    seed: int = 0


@dataclass(frozen=True)
class Sample:
    """One timed run: ``kind`` is ``open``, ``rerun`` or ``training``; ``error`` is empty
    when the run finished cleanly, else what went wrong (timeout, closed, exception...)."""

    page: str
    kind: str
    seconds: float
    error: str = ""
    refs: int = 0
    bytes: int = 0


@dataclass
class _Log:
    samples: list[Sample] = field(default_factory=list)


def _error(result) -> str:
    if result.status != "ok":
        return result.status
    return f"exception: {result.exceptions[0]}" if result.exceptions else ""


def _sample(page: str, kind: str, result) -> Sample:
    kind = "training" if result.progress else kind
    return Sample(page, kind, result.seconds, _error(result), result.refs, result.bytes)


async def visitor(url: str, index: int, opts: Options, leave_at: float, log: _Log) -> None:
    """One visitor, from arrival to ``leave_at`` (``time.monotonic()``): a run in flight at
    that moment is waited for (up to the timeout), none is started after it."""
    rng = random.Random(opts.seed * 100_003 + index)
    names, weights = zip(*opts.pages, strict=True)
    page = rng.choices(names, weights)[0]
    session = Session(url, report_cached=opts.report_cached, timeout=opts.timeout)
    try:
        await session.connect()
    except Exception as exc:  # noqa: BLE001 - a refused visitor is a figure, not a crash
        log.samples.append(Sample(page, "open", 0.0, f"connect: {type(exc).__name__}: {exc}"))
        return
    try:
        result = await session.open(page)
        log.samples.append(_sample(page, "open", result))
        while session.closed_reason is None:
            pause = opts.think * rng.uniform(0.5, 1.5)
            if time.monotonic() + pause >= leave_at:
                break
            await asyncio.sleep(pause)
            target, value = _choose(session, page, opts, rng)
            if target is None:
                continue
            result = await session.set_value(target, value)
            log.samples.append(_sample(page, "rerun", result))
    except Exception as exc:  # noqa: BLE001
        log.samples.append(Sample(page, "rerun", 0.0, f"{type(exc).__name__}: {exc}"))
    finally:
        await session.close()


def _choose(session: Session, page: str, opts: Options, rng: random.Random):
    """The widget to move and its new value (``(None, None)`` if nothing can move)."""
    from benchmarks.load.client import neighbour

    widgets = session.movable()
    if page == DEEP_PAGE:
        train = [w for w in widgets if w.label == TRAIN_LABEL]
        if train and rng.random() < opts.train_share:
            widgets = train
        else:  # the charts' own controls: the main area, not the sidebar's training ones
            widgets = session.movable(root=0)
    rng.shuffle(widgets)
    for w in widgets:
        value = neighbour(w, rng)
        if value is not None:
            return w, value
    return None, None


async def load(url: str, visitors: int, opts: Options) -> tuple[list[Sample], float]:
    """Run ``visitors`` visitors arriving evenly over ``opts.ramp`` seconds, all leaving
    ``opts.ramp + opts.duration`` seconds after the first arrived. Returns every sample and
    the wall time from the first arrival until the last visitor left."""
    log = _Log()
    start = time.monotonic()
    leave_at = start + opts.ramp + opts.duration

    async def arrive(i: int) -> None:
        await asyncio.sleep(opts.ramp * i / max(visitors, 1))
        await visitor(url, i, opts, leave_at, log)

    await asyncio.gather(*(arrive(i) for i in range(visitors)))
    return log.samples, time.monotonic() - start


# ------------------------------------------------------------------------------ figures

@dataclass(frozen=True)
class Figures:
    """Latency figures of a group of samples (seconds; errors are not timed)."""

    runs: int
    per_second: float
    p50: float
    p95: float
    max: float
    errors: int
    error_kinds: tuple[tuple[str, int], ...] = ()


def _quantile(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    if len(xs) == 1:
        return xs[0]
    return statistics.quantiles(xs, n=100, method="inclusive")[round(q * 100) - 1]


def figures(samples: list[Sample], wall: float) -> Figures:
    """Counts, rate over ``wall`` seconds, and p50/p95/max of the clean runs' latencies."""
    ok = sorted(s.seconds for s in samples if not s.error)
    kinds: dict[str, int] = {}
    for s in samples:
        if s.error:
            key = s.error.split(":")[0]
            kinds[key] = kinds.get(key, 0) + 1
    return Figures(len(samples), len(samples) / wall if wall > 0 else 0.0,
                   _quantile(ok, 0.50), _quantile(ok, 0.95), ok[-1] if ok else float("nan"),
                   sum(kinds.values()), tuple(sorted(kinds.items())))
