"""The server under load: start it on 127.0.0.1, and read its CPU and memory from ``/proc``.

One ``streamlit run app.py`` by default, or ``scripts/serve-multi.sh`` (``PORT`` = the
reverse proxy's port, ``PROCS`` = how many Streamlit processes it starts behind it on
``PORT+1..PORT+N``; it runs in the foreground and stops its children on SIGTERM). Either
way the figures cover the started process and every process below it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MULTI_SCRIPT = "scripts/serve-multi.sh"

from tests.browser.conftest import wait_healthy  # noqa: E402  (one health probe for tests and benchmarks)

_TICK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Server:
    """A server to load: its base URL and the pid whose process tree serves it (``None``
    when unknown: no CPU or memory figures then)."""

    url: str
    pid: int | None


def free_port(span: int = 1) -> int:
    """A free port on 127.0.0.1 (with the ``span - 1`` ports above it free too, for the
    processes behind a proxy)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port + span < 65536 and all(_port_free(port + i) for i in range(1, span)):
            return port
    raise RuntimeError(f"no run of {span} free ports found")


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@contextmanager
def serve(*, root: Path = ROOT, processes: int = 1, timeout: float = 120.0) -> Iterator[Server]:
    """Start the app under ``root`` on a free 127.0.0.1 port; yield it; stop it.

    Parameters
    ----------
    root : Path, keyword-only
        The checkout whose ``app.py`` is served (its ``.venv`` need not be this one's: the
        server runs under this interpreter).
    processes : int, keyword-only
        1: one ``streamlit run``. More: ``scripts/serve-multi.sh`` with ``PROCS``.
    """
    log = Path(tempfile.mkstemp(prefix="bnviz-load-server-", suffix=".log")[1])
    env = dict(os.environ)
    if processes > 1:
        script = root / MULTI_SCRIPT
        if not script.exists():
            raise SystemExit(f"--processes {processes} needs {MULTI_SCRIPT}, which is missing")
        port = free_port(processes + 1)
        env.update(PORT=str(port), PROCS=str(processes))
        cmd = ["bash", str(script)]
    else:
        port = free_port()
        # The file watcher is off: files changing under the checkout must not rerun the app.
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    try:
        wait_healthy(url, proc=proc, timeout=timeout, log=log)
        yield Server(url, proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.unlink(missing_ok=True)


# ------------------------------------------------------------------------------ /proc

def _stat(pid: int) -> list[str] | None:
    """Fields of ``/proc/<pid>/stat`` after the command name (field 3 is index 0)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def tree(pid: int) -> list[int]:
    """``pid`` and every live process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields is not None:
                children.setdefault(int(fields[1]), []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, ()))
    return out


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds the processes used so far."""
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _TICK


def rss_bytes(pids: list[int]) -> int:
    """Resident memory of the processes, summed (shared pages counted in each)."""
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total


def pid_listening_on(port: int) -> int | None:
    """The pid of the process listening on 127.0.0.1:``port`` (for ``--url``), if visible."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:  # LISTEN
                inodes.add(cols[9])
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fds = os.listdir(f"/proc/{entry}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                link = os.readlink(f"/proc/{entry}/fd/{fd}")
            except OSError:
                continue
            if link.startswith("socket:[") and link[8:-1] in inodes:
                return int(entry)
    return None


@dataclass(frozen=True)
class Reading:
    """One look at the server: seconds since the sampler started, CPU seconds, RSS bytes."""

    t: float
    cpu: float
    rss: int


class Sampler:
    """Reads the server's process tree every ``interval`` seconds, in the background.

    Parameters
    ----------
    pid : int or None
        The root of the server's process tree (``None``: every reading is empty).
    interval : float, keyword-only
        Seconds between readings.
    """

    def __init__(self, pid: int | None, *, interval: float = 1.0):
        self.pid, self.interval = pid, interval
        self.readings: list[Reading] = []
        self._t0 = time.monotonic()
        self._task: asyncio.Task | None = None

    def read(self) -> Reading | None:
        """Take a reading now (and keep it)."""
        if self.pid is None:
            return None
        pids = tree(self.pid)
        r = Reading(time.monotonic() - self._t0, cpu_seconds(pids), rss_bytes(pids))
        self.readings.append(r)
        return r

    def now(self) -> float:
        return time.monotonic() - self._t0

    async def _loop(self) -> None:
        while True:
            await asyncio.to_thread(self.read)
            await asyncio.sleep(self.interval)

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def between(self, t0: float, t1: float) -> list[Reading]:
        return [r for r in self.readings if t0 <= r.t <= t1]
