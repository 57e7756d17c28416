"""Concurrent simulated visitors against the app: rerun latency, errors, server CPU and memory.

    .venv/bin/python -m benchmarks.load.run --visitors 1,10,20,30 --duration 60
    .venv/bin/python -m benchmarks.load.run --visitors 5 --pages valley_vs_bowl=3,deep_networks=1
    .venv/bin/python -m benchmarks.load.run --url http://127.0.0.1:8501 --visitors 10
    .venv/bin/python -m benchmarks.load.run --processes 2 --visitors 10,20
    .venv/bin/python -m benchmarks.load.run --check-against-browser --pages valley_vs_bowl

Each level of ``--visitors`` runs in turn: visitors arrive evenly over ``--ramp`` seconds,
each opens a chart page and moves one control every ``--think`` seconds (see
:mod:`benchmarks.load.visitors`) until ``--ramp + --duration`` seconds after the first
arrived; then the benchmark watches the server for ``--settle`` seconds more. It prints, per
level, per page and run kind (page ``open``, chart ``rerun``, live ``training`` run on "Deep
networks") and overall: runs, runs/s over the level's wall time, p50/p95/max latency from
sending the ``BackMsg`` to ``script_finished``, and errors (timeouts, exceptions the page
showed, websocket closes); and the server's CPU (% of one core, its whole process tree, over
the level) and memory (RSS summed over the tree): before any page ran, idle after a warm-up
visit of every page by one visitor per process (the figure memory should come back to),
peak, and some points of the settle time. Streamlit keeps a visitor's session for
``server.disconnectedSessionTTL`` (120 s by default) after its websocket closes, so memory
read earlier than that still holds the sessions.

The server is one ``streamlit run app.py`` started on a free 127.0.0.1 port (afresh for each
level unless ``--same-server``), ``scripts/serve-multi.sh`` with ``--processes N``, or an
existing server given by ``--url`` (127.0.0.1 or localhost only; its CPU and memory are read
if its listening process is visible in ``/proc``).

No timed assertions anywhere: it prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.load.client import Session, check_local
from benchmarks.load.server import ROOT, Sampler, Server, pid_listening_on, serve
from benchmarks.load.visitors import CHART_PAGES, Figures, Options, Sample, figures, load

MB = 1024 * 1024


@dataclass(frozen=True)
class Level:
    """The figures of one level of visitors."""

    visitors: int
    wall: float
    samples: tuple[Sample, ...]
    cpu_percent: float | None
    idle_rss: int | None
    peak_rss: int | None
    settle_rss: tuple[tuple[float, int], ...]
    client_cpu_percent: float
    cold_rss: int | None = None


def parse_pages(text: str) -> tuple[tuple[str, float], ...]:
    """``"a,b=2"`` -> ``(("a", 1.0), ("b", 2.0))``; every name must be a chart page."""
    out = []
    for item in filter(None, (x.strip() for x in text.split(","))):
        name, _, weight = item.partition("=")
        if name not in CHART_PAGES:
            raise argparse.ArgumentTypeError(f"unknown page {name!r}: one of {CHART_PAGES}")
        out.append((name, float(weight or 1.0)))
    if not out:
        raise argparse.ArgumentTypeError("no pages")
    return tuple(out)


def parse_levels(text: str) -> tuple[int, ...]:
    levels = tuple(int(x) for x in text.split(",") if x.strip())
    if not levels or min(levels) < 1 or max(levels) > 500:
        raise argparse.ArgumentTypeError("visitor levels must be 1..500")
    return levels


# A few seconds of real load through the same client and server: CI checks the benchmark
# still runs end to end, not how fast.
_QUICK = {"--visitors": (2,), "--ramp": 1.0, "--duration": 6.0, "--settle": 2.0,
          "--think": 1.0}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--visitors", type=parse_levels, default=(1, 10, 20, 30),
                   help="comma-separated levels, run in turn (default 1,10,20,30)")
    p.add_argument("--duration", type=float, default=60.0,
                   help="seconds of load after the ramp (default 60)")
    p.add_argument("--ramp", type=float, default=10.0,
                   help="seconds over which the visitors arrive (default 10)")
    p.add_argument("--think", type=float, default=3.0,
                   help="seconds between a visitor's moves, times 0.5..1.5 (default 3)")
    p.add_argument("--pages", type=parse_pages, default=tuple((x, 1.0) for x in CHART_PAGES),
                   help="pages and weights, e.g. valley_vs_bowl=2,deep_networks (default: "
                        "every chart page, weight 1)")
    p.add_argument("--settle", type=float, default=120.0,
                   help="seconds to watch the server's memory after the visitors leave "
                        "(default 120)")
    p.add_argument("--timeout", type=float, default=120.0,
                   help="seconds before a run counts as timed out (default 120)")
    p.add_argument("--train-share", type=float, default=0.25,
                   help="share of moves on Deep networks that change the training steps "
                        "(a live training run; default 0.25)")
    p.add_argument("--no-cache-report", action="store_true",
                   help="never report cached message hashes (every rerun gets full payloads)")
    p.add_argument("--url", help="an existing server (http://127.0.0.1:PORT only)")
    p.add_argument("--processes", type=int, default=1,
                   help="N > 1: start scripts/serve-multi.sh with PORT and PROCS=N")
    p.add_argument("--warm-sessions", type=int, default=None,
                   help="visitors who warm the server up together before each level, one per "
                        "process behind the proxy (default: --processes)")
    p.add_argument("--same-server", action="store_true",
                   help="run every level against one server (default: a fresh one each)")
    p.add_argument("--app-root", type=Path, default=ROOT,
                   help="the checkout to serve (default: this one)")
    p.add_argument("--seed", type=int, default=0, help="seed of the visitors' choices")
    p.add_argument("--quick", action="store_true",
                   help="a smoke run for CI: 2 visitors, 1 s ramp, 6 s of load, 2 s settle, "
                        "1 s think (explicit options still win)")
    p.add_argument("--check-against-browser", action="store_true",
                   help="instead of a load: compare the elements the client parsed on each "
                        "page of --pages with those a real Chromium shows")
    args = p.parse_args(argv)
    if args.quick:
        # Only what was not given explicitly: the defaults above are the full run's.
        given = {a.split("=")[0] for a in (sys.argv[1:] if argv is None else argv)}
        for flag, value in _QUICK.items():
            if flag not in given:
                setattr(args, flag[2:].replace("-", "_"), value)
    if args.url:
        try:
            args.url = check_local(args.url)
        except ValueError as exc:
            p.error(str(exc))
    if args.processes < 1:
        p.error("--processes must be at least 1")
    if args.warm_sessions is not None and not 1 <= args.warm_sessions <= 16:
        p.error("--warm-sessions must be 1..16")
    return args


# ------------------------------------------------------------------------------ a level

async def run_level(server: Server, visitors: int, opts: Options, settle: float, *,
                    warm_sessions: int = 1) -> Level:
    """Load ``server`` with ``visitors`` visitors, then watch it settle."""
    sampler = Sampler(server.pid)
    cold = sampler.read()
    # The idle figure that memory should come back to is the server at rest after one visit
    # of every page: libraries imported, the worker pool's processes started. (The cold
    # figure, before any page ran, is printed too.)
    await warm_up(server.url, opts, sessions=warm_sessions)
    await asyncio.sleep(5.0)
    idle = sampler.read()
    sampler.start()
    client0 = os.times()
    samples, wall = await load(server.url, visitors, opts)
    client1 = os.times()
    left = sampler.read()
    marks = []
    if settle > 0 and server.pid is not None:
        print(f"  visitors left; watching the server for {settle:.0f} s ...", flush=True)
        t_left = left.t if left else sampler.now()
        for at in sorted({min(settle, x) for x in (30.0, 60.0, 90.0, settle)}):
            await asyncio.sleep(max(0.0, t_left + at - sampler.now()))
            r = sampler.read()
            if r is not None:
                marks.append((at, r.rss))
    await sampler.stop()
    cpu = peak = None
    if idle is not None and left is not None:
        cpu = 100 * (left.cpu - idle.cpu) / max(left.t - idle.t, 1e-9)
        peak = max(r.rss for r in sampler.between(idle.t, left.t))
    used = (client1.user + client1.system) - (client0.user + client0.system)
    return Level(visitors, wall, tuple(samples), cpu, idle.rss if idle else None, peak,
                 tuple(marks), 100 * used / max(wall, 1e-9), cold.rss if cold else None)


async def warm_up(url: str, opts: Options, *, sessions: int = 1) -> None:
    """``sessions`` visitors open every page of ``opts.pages`` once (Deep networks trains its
    defaults), each with its websocket open until all are done: behind the proxy, whose
    ``leastconn`` balance sends each open websocket to a different process, every process is
    warmed (one visitor would warm one, and the others' first imports would count as growth)."""
    finished = 0
    everyone = asyncio.Event()

    async def visit(delay: float) -> None:
        nonlocal finished
        await asyncio.sleep(delay)  # one websocket at a time, so the proxy sees the last one
        async with Session(url, report_cached=opts.report_cached,
                           timeout=opts.timeout) as session:
            try:
                for page, _ in opts.pages:
                    await session.open(page)
            finally:
                finished += 1
                if finished == sessions:
                    everyone.set()
            await everyone.wait()

    await asyncio.gather(*(visit(0.5 * i) for i in range(sessions)))


def _fmt(x: float) -> str:
    return "      -" if x != x else f"{x:7.2f}"  # NaN: no clean run to time


def _row(name: str, kind: str, f: Figures) -> str:
    return (f"{name:18s} {kind:9s} {f.runs:5d} {f.per_second:7.2f} {_fmt(f.p50)} {_fmt(f.p95)} "
            f"{_fmt(f.max)} {f.errors:6d}")


def report(level: Level, opts: Options) -> str:
    """The printed figures of a level."""
    s = list(level.samples)
    lines = [f"\n== {level.visitors} visitor(s): ramp {opts.ramp:.0f} s + {opts.duration:.0f} s,"
             f" think {opts.think:g} s, wall {level.wall:.0f} s ==",
             f"{'page':18s} {'kind':9s} {'runs':>5s} {'runs/s':>7s} {'p50 s':>7s} "
             f"{'p95 s':>7s} {'max s':>7s} {'errors':>6s}"]
    pages = [p for p, _ in opts.pages]
    for page in pages:
        for kind in ("open", "rerun", "training"):
            group = [x for x in s if x.page == page and x.kind == kind]
            if group:
                lines.append(_row(page, kind, figures(group, level.wall)))
    for kind in ("open", "rerun", "training"):
        group = [x for x in s if x.kind == kind]
        if group:
            lines.append(_row("all pages", kind, figures(group, level.wall)))
    chart = [x for x in s if x.kind != "training"]
    lines.append(_row("all pages", "open+rerun", figures(chart, level.wall)))
    total = figures(s, level.wall)
    lines.append(_row("all pages", "all", total))
    if total.errors:
        lines.append("errors: " + ", ".join(f"{k} {n}" for k, n in total.error_kinds))
        shown = {x.error for x in s if x.error}
        lines.extend(f"  - {e[:150]}" for e in sorted(shown)[:5])
    refs = sum(x.refs for x in s)
    mb = sum(x.bytes for x in s) / MB
    lines.append(f"received {mb:.1f} MB of ForwardMsgs; {refs} elements came as cache "
                 f"references ({'reported' if opts.report_cached else 'not reported'} hashes)")
    if level.cpu_percent is not None:
        lines.append(f"server CPU: {level.cpu_percent:.0f} % of one core (of {os.cpu_count()}),"
                     f" over the level")
        settle = ", ".join(f"+{t:.0f} s {rss / MB:.0f} MB" for t, rss in level.settle_rss)
        if level.cold_rss is not None:
            lines.append(f"server RSS before any page ran: {level.cold_rss / MB:.0f} MB")
        lines.append(f"server RSS: idle (after a warm-up visit of every page) "
                     f"{level.idle_rss / MB:.0f} MB, peak "
                     f"{level.peak_rss / MB:.0f} MB; after the visitors left: {settle or '-'}")
        if level.settle_rss:
            t, last = level.settle_rss[-1]
            delta = (last - level.idle_rss) / MB
            verdict = "within" if delta <= 50 else "NOT within"
            lines.append(f"  {t:.0f} s after: {delta:+.0f} MB against idle ({verdict} 50 MB)")
    else:
        lines.append("server CPU and memory: not visible (no pid)")
    lines.append(f"this client process: CPU {level.client_cpu_percent:.0f} % of one core "
                 "(it shares the machine with the server)")
    return "\n".join(lines)


# ------------------------------------------------------------------------------ main

def _existing(url: str) -> Server:
    return Server(url, pid_listening_on(urlsplit(url).port or 80))


async def _levels(args: argparse.Namespace, opts: Options) -> None:
    with ExitStack() as stack:
        server = _existing(args.url) if args.url else None
        for n in args.visitors:
            if server is None or not (args.url or args.same_server):
                stack.close()
                print(f"starting a server ({args.processes} process(es)) ...", flush=True)
                server = stack.enter_context(serve(root=args.app_root,
                                                   processes=args.processes))
            print(f"level {n}: {server.url} (pid {server.pid})", flush=True)
            level = await run_level(server, n, opts, args.settle,
                                    warm_sessions=args.warm_sessions or args.processes)
            print(report(level, opts), flush=True)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    opts = Options(duration=args.duration, ramp=args.ramp, think=args.think, pages=args.pages,
                   timeout=args.timeout, report_cached=not args.no_cache_report,
                   train_share=args.train_share, seed=args.seed)
    if args.check_against_browser:
        from benchmarks.load.browser_check import check_pages

        pages = [p for p, _ in args.pages]
        with ExitStack() as stack:
            server = (_existing(args.url) if args.url
                      else stack.enter_context(serve(root=args.app_root)))
            ok = check_pages(server.url, pages, print_report=True)
        sys.exit(0 if ok else 1)
    asyncio.run(_levels(args, opts))


if __name__ == "__main__":
    main()
