"""Run several Streamlit processes of bnviz behind HAProxy, and keep them running.

    python scripts/serve_multi.py [--port 8501] [--procs N] [--address 127.0.0.1] [--app app.py]
                                  [-- extra streamlit options, e.g. --client.showErrorDetails=none]

``scripts/serve-multi.sh`` is the usual way in (it sets up .venv and haproxy first). This
script is the supervisor: it writes HAProxy's config from ``deploy/haproxy.cfg.tmpl`` into a
private temporary folder, starts ``--procs`` Streamlit processes on 127.0.0.1 ports
``port+1 .. port+procs`` and HAProxy on ``address:port``, restarts any of them that exits, and
on SIGTERM or SIGINT stops them all and exits 0. Standard library only, so that it runs with
the image's or the venv's Python alike.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "haproxy.cfg.tmpl"
STOP_GRACE = 10.0  # seconds a process gets to exit on SIGTERM before SIGKILL


def log(message: str) -> None:
    print(f"serve-multi: {message}", file=sys.stderr, flush=True)


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when the supervisor dies, even by SIGKILL, so that
    no orphaned Streamlit or HAProxy keeps a port (Linux's PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Program:
    """One supervised child process: started, watched, restarted with a growing delay if it keeps
    dying soon after starting (so a broken app does not spin the CPU)."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str]):
        self.name, self.argv, self.env = name, argv, env
        self.proc: subprocess.Popen | None = None
        self.started = 0.0
        self.delay = 0.5
        self.restart_at: float | None = None

    def start(self) -> None:
        # A new session: a Ctrl-C in the terminal reaches only the supervisor, which then stops
        # the children in order (otherwise they would die first and be "restarted").
        self.proc = subprocess.Popen(self.argv, cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL,
                                     start_new_session=True, preexec_fn=_die_with_parent)
        self.started = time.monotonic()
        self.restart_at = None
        log(f"{self.name} started (pid {self.proc.pid})")

    def check(self) -> None:
        """Restart the process if it has exited (after its delay)."""
        now = time.monotonic()
        if self.restart_at is not None:
            if now >= self.restart_at:
                self.start()
            return
        if self.proc is None or self.proc.poll() is None:
            return
        lived = now - self.started
        self.delay = 0.5 if lived > 30 else min(self.delay * 2, 30.0)
        log(f"{self.name} exited with {self.proc.returncode} after {lived:.0f} s; "
            f"restarting in {self.delay:.1f} s")
        self.restart_at = now + self.delay

    def terminate(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()

    def wait(self, deadline: float) -> None:
        if self.proc is None:
            return
        try:
            self.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            log(f"{self.name} did not stop in {STOP_GRACE:.0f} s: killing it")
            self.proc.kill()
            self.proc.wait()


def find_haproxy() -> str:
    found = shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if os.access(p, os.X_OK)), None)
    if not found:
        sys.exit("serve-multi: error: haproxy is not installed (Debian: apt-get install haproxy; "
                 "scripts/serve-multi.sh does it)")
    return found


def haproxy_config(*, address: str, port: int, procs: int, run_dir: Path) -> str:
    servers = [(f"s{i}", port + i) for i in range(1, procs + 1)]
    app = "\n".join(f"    server {name} 127.0.0.1:{p} cookie {name}" for name, p in servers)
    static = "\n".join(f"    server {name} 127.0.0.1:{p} track app/{name}" for name, p in servers)
    return Template(TEMPLATE.read_text()).substitute(
        address=address, port=port, run_dir=run_dir, app_servers=app, static_servers=static)


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    extra: list[str] = []
    if "--" in argv:
        argv, extra = argv[: argv.index("--")], argv[argv.index("--") + 1:]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8501),
                        help="the proxy's port (Streamlit uses the next --procs ports)")
    parser.add_argument("--procs", type=int, default=int(os.environ.get("PROCS") or os.cpu_count() or 1),
                        help="number of Streamlit processes (default: number of cores)")
    parser.add_argument("--address", default=os.environ.get("ADDRESS") or "127.0.0.1",
                        help="the proxy's address (0.0.0.0 in a container)")
    parser.add_argument("--app", default=os.environ.get("APP") or "app.py",
                        help="the Streamlit entry file")
    args = parser.parse_args(argv)
    if not 1 <= args.procs <= 64:
        parser.error("--procs must be between 1 and 64")
    if not 1 <= args.port <= 65535 - args.procs:
        parser.error("--port out of range")
    return args, extra


def main(argv: list[str]) -> int:
    args, extra = parse_args(argv)
    haproxy = find_haproxy()
    stopping = False

    def stop(signum, _frame):
        nonlocal stopping
        if not stopping:
            log(f"{signal.Signals(signum).name}: stopping")
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    run_dir = Path(tempfile.mkdtemp(prefix="bnviz-serve-multi-"))
    try:
        cfg = run_dir / "haproxy.cfg"
        log(f"HAProxy config and admin socket in {run_dir}")
        cfg.write_text(haproxy_config(address=args.address, port=args.port, procs=args.procs,
                                      run_dir=run_dir))
        checked = subprocess.run([haproxy, "-c", "-f", str(cfg)], capture_output=True, text=True)
        if checked.returncode != 0 or "WARNING" in checked.stdout + checked.stderr:
            log(f"HAProxy's check of {cfg}:\n{checked.stdout}{checked.stderr}")
        if checked.returncode != 0:
            return 2

        env = dict(os.environ)
        # One secret for all processes: signed cookies (st.login, XSRF) stay valid whichever
        # process a visitor reaches after a failover.
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
        # Each process has its own pool of training workers (bnviz/ui/jobs.py): share the cores
        # between them rather than give every process one worker per core.
        # Fewer malloc arenas: memory goes back near idle after a class (see the Dockerfile).
        env.setdefault("MALLOC_ARENA_MAX", "2")
        env.setdefault("BNVIZ_WORKERS", str(max(1, (os.cpu_count() or 1) // args.procs)))
        apps = []
        for i in range(1, args.procs + 1):
            argv_i = [sys.executable, "-m", "streamlit", "run", args.app,
                      "--server.address=127.0.0.1", f"--server.port={args.port + i}",
                      "--server.headless=true", "--server.fileWatcherType=none",
                      "--browser.gatherUsageStats=false", *extra]
            apps.append(Program(f"s{i} (streamlit :{args.port + i})", argv_i, env))
        proxy = Program(f"haproxy (:{args.port})", [haproxy, "-db", "-f", str(cfg)], env)
        programs = [*apps]
        for program in apps:
            program.start()

        # HAProxy starts once every process answers (or after 60 s regardless), so that it does
        # not begin by reporting them all down.
        wait_until = time.monotonic() + 60
        while not stopping:
            for program in programs:
                program.check()
            if proxy not in programs and (
                    all(healthy(args.port + i) for i in range(1, args.procs + 1))
                    or time.monotonic() > wait_until):
                proxy.start()
                programs.append(proxy)
                host = "localhost" if args.address in ("127.0.0.1", "0.0.0.0") else args.address
                log(f"ready: {args.procs} Streamlit processes behind http://{host}:{args.port}")
            time.sleep(0.25)

        # HAProxy first, so no new request reaches a process that is going away.
        proxy.terminate()
        proxy.wait(time.monotonic() + STOP_GRACE)
        for program in apps:
            program.terminate()
        deadline = time.monotonic() + STOP_GRACE
        for program in apps:
            program.wait(deadline)
        log("stopped")
        return 0
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
