"""Every benchmark still runs: each script's ``--quick`` mode, end to end, printing its figures.

Benchmarks rot silently when the page they drive changes (issue 20: ``bench_live_valley.py``
looked for controls that had moved). This runs each ``benchmarks/bench_*.py``, found by name so
a new one joins without an edit here, and the load benchmark, in a subprocess with
``--quick``: small sizes and one repeat, but the same code path. No timing is asserted (the
machine is shared); a run must exit 0, print no traceback and print figures.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
# A heading's item number ("2. Scaling") is not a figure.
_ITEM = re.compile(r"^\s*\d+\.\s")
# Scripts that drive Chromium through Playwright: marked like the browser tests, so
# ``-m "not browser"`` leaves them out with the rest of the slow tests.
_BROWSER_WORDS = ("chromium(", "playwright")


def _scripts() -> list[Path]:
    return sorted(BENCHMARKS.glob("bench_*.py"))


def _cases() -> list[pytest.param]:
    cases = []
    for path in _scripts():
        text = path.read_text(encoding="utf-8").lower()
        marks = [pytest.mark.browser] if any(w in text for w in _BROWSER_WORDS) else []
        cases.append(pytest.param([str(path.relative_to(ROOT))], id=path.stem, marks=marks))
    cases.append(pytest.param(["-m", "benchmarks.load.run"], id="load"))
    return cases


def figures(stdout: str) -> list[str]:
    """The printed lines that hold a figure: a number and a word saying what it is."""
    out = []
    for line in stdout.splitlines():
        rest = _ITEM.sub("", line)
        if re.search(r"\d", rest) and re.search(r"[A-Za-z]{2}", rest):
            out.append(line)
    return out


def test_the_runner_finds_the_benchmarks_and_each_has_a_quick_mode():
    found = {p.name: p.read_text(encoding="utf-8") for p in _scripts()}
    assert {"bench_valley.py", "bench_map.py", "bench_race.py"} <= set(found)
    assert not [name for name, text in found.items() if "--quick" not in text]


def test_figures_are_lines_with_a_number_and_a_word():
    out = "1. Scaling\n   cells steps\n   40 300 12.5\n   rerun: 12.0 ms\n---\n"
    assert figures(out) == ["   rerun: 12.0 ms"]


@pytest.mark.parametrize("command", _cases())
def test_quick_mode_runs_and_prints_its_figures(command: list[str]):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.run([sys.executable, *command, "--quick"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    tail = f"\n--- stdout ---\n{proc.stdout[-3000:]}\n--- stderr ---\n{proc.stderr[-3000:]}"
    assert proc.returncode == 0, tail
    assert "Traceback" not in proc.stderr, tail
    assert figures(proc.stdout), tail  # at least one figure, said with what it is
