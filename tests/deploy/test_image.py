"""The Dockerfile's image, built and run (issue 20).

There is no Docker engine and no container registry here, so ``scripts/image.sh`` builds the
unchanged Dockerfile with podman on a stand-in base image made from Debian (see its comments).
The image is then run three ways, each checked from outside as a visitor or an operator would
see it:

- as ``docker run`` runs it (its own CMD): the image's HEALTHCHECK turns healthy, ``/`` and the
  app's own plotly.js are served, every process runs as uid 10001, and every page's script runs
  without an exception, over Streamlit's websocket protocol (``benchmarks/load/client.py``);
- as ``deploy/kubernetes/deployment.yaml`` runs it, its settings read from the manifest:
  read-only root filesystem with a writable ``/tmp``, no privilege escalation, no capabilities,
  the manifest's user, environment and memory limit, each also checked inside the container;
- with the multi-process command the README gives (HAProxy in front of two Streamlit
  processes).

The build takes a few minutes on a fresh machine (podman, runc and mmdebstrap installed, the
base made, the requirements downloaded), seconds when only the app changed. It needs root
with apt-get; elsewhere the tests skip and say why.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import resource
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
import yaml

from benchmarks.load.client import Session, neighbour

ROOT = Path(__file__).resolve().parents[2]
TAG = "localhost/bnviz:test"
# Every container this file starts carries the id of the pytest process that started it: the
# clean-up removes this run's, and those of runs that died, never a run still going on.
LABEL_KEY = "bnviz.test.pid"
LABEL = f"{LABEL_KEY}={os.getpid()}"
PORT = 8501  # the image's EXPOSE
HEALTH = "/_stcore/health"
BUILD_SECONDS = 1500  # a fresh machine: apt-get, mmdebstrap, pip (about 2 min here)
HEALTHY_SECONDS = 90
# HAProxy's maxconn 4096 (deploy/haproxy.cfg.tmpl) asks for 8223 open files.
HAPROXY_NOFILE = 8223

pytestmark = pytest.mark.timeout(BUILD_SECONDS + 600)


def _why_not() -> str | None:
    """Why the image cannot be built and run on this machine, or None if it can."""
    if not sys.platform.startswith("linux"):
        return f"podman builds and runs the image on Linux only, and this is {sys.platform}"
    if os.geteuid() != 0:
        return (f"building the image needs root (uid here: {os.geteuid()}): scripts/image.sh "
                "installs podman, runc and mmdebstrap with apt-get, makes the base image with "
                "mmdebstrap and runs podman as root")
    tools = ("podman", "runc", "mmdebstrap")
    if not shutil.which("apt-get") and not all(shutil.which(t) for t in tools):
        missing = [t for t in tools if not shutil.which(t)]
        return (f"no apt-get on this machine to install {', '.join(missing)} "
                "(scripts/image.sh needs a Debian host)")
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard != resource.RLIM_INFINITY and hard < HAPROXY_NOFILE:
        return (f"the hard limit of open files is {hard}; the image's HAProxy (maxconn 4096) "
                f"needs {HAPROXY_NOFILE} (ulimit -Hn)")
    return None


if (_reason := _why_not()) is not None:
    pytest.skip(_reason, allow_module_level=True)


# --- podman ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Podman:
    """podman as scripts/image.sh set it up: its CONTAINERS_CONF (runc, the ulimits)."""

    conf: Path

    def __call__(self, *args: str, timeout: float = 60, check: bool = True
                 ) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, CONTAINERS_CONF=str(self.conf))
        done = subprocess.run(["podman", *args], env=env, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
        if check and done.returncode != 0:
            raise AssertionError(f"podman {shlex.join(args)} exited {done.returncode}:\n"
                                 f"{done.stderr[-3000:]}")
        return done

    def remove(self, *, orphans: bool = False) -> None:
        """Remove this run's containers; with ``orphans``, only those of runs that died."""
        listed = self("ps", "--all", "--filter", f"label={LABEL_KEY}", "--format",
                      f'{{{{.ID}}}} {{{{index .Labels "{LABEL_KEY}"}}}}').stdout.split("\n")
        ids = []
        for line in filter(None, listed):
            cid, pid = line.split()
            alive = Path(f"/proc/{pid}").exists()
            if (orphans and not alive) or (not orphans and pid == str(os.getpid())):
                ids.append(cid)
        if ids:
            self("rm", "--force", "--time", "5", *ids, timeout=120)


@pytest.fixture(scope="module")
def podman() -> Iterator[Podman]:
    """Builds the image (or reuses it: podman's layer cache, the base kept); removes the
    containers of runs that died before it, and this run's after it."""
    log = ROOT / "artifacts" / "podman" / "build.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with log.open("w") as out:
        done = subprocess.run(["bash", "scripts/image.sh", TAG], cwd=ROOT, stdout=out,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                              timeout=BUILD_SECONDS)
    text = log.read_text()
    if done.returncode != 0:
        pytest.fail(f"scripts/image.sh exited {done.returncode}; the end of {log}:\n"
                    + "\n".join(text.splitlines()[-40:]))
    print(f"\nimage: built or reused in {time.monotonic() - started:.0f} s")
    found = re.search(r"^image: CONTAINERS_CONF=(.+)$", text, re.MULTILINE)
    assert found, f"scripts/image.sh did not say where its containers.conf is ({log})"
    tool = Podman(Path(found.group(1)))
    tool.remove(orphans=True)  # a run killed before its clean-up
    yield tool
    tool.remove()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 10) -> tuple[int, dict[str, list[str]], bytes]:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        headers: dict[str, list[str]] = {}
        for k, v in r.headers.items():
            headers.setdefault(k.lower(), []).append(v)
        return r.status, headers, r.read()


def answers(url: str) -> bool:
    try:
        return get(url + HEALTH, timeout=2)[2] == b"ok"
    except OSError:
        return False


@dataclass(frozen=True)
class Container:
    podman: Podman
    name: str
    url: str

    def log_text(self) -> str:
        done = self.podman("logs", self.name, check=False)
        return done.stdout + done.stderr

    def logs(self) -> str:
        """The end of the container's output, for a failure's message."""
        return "\n".join(self.log_text().splitlines()[-40:])

    def exec(self, *command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.podman("exec", self.name, *command, check=check)

    def host_pids(self) -> list[int]:
        lines = self.podman("top", self.name, "hpid").stdout.split()[1:]
        return [int(p) for p in lines]

    def proc(self, name: str) -> list[str]:
        """``/proc/<pid>/<name>`` of each of the container's processes, read on the host
        (a short-lived one, such as a health check, may be gone by then)."""
        found = []
        for pid in self.host_pids():
            try:
                found.append((Path("/proc") / str(pid) / name).read_bytes().decode())
            except FileNotFoundError:
                continue
        return found

    def command_lines(self) -> list[str]:
        return [line.replace("\0", " ").strip() for line in self.proc("cmdline")]


@pytest.fixture
def start(podman: Podman) -> Iterator:
    """``start(*run_options, command=())``: the image running, published on 127.0.0.1,
    answering its health check; removed after the test."""
    names: list[str] = []

    def _start(*options: str, command: tuple[str, ...] = ()) -> Container:
        name = f"bnviz-test-{uuid.uuid4().hex[:8]}"
        port = free_port()
        names.append(name)
        started = time.monotonic()
        podman("run", "--detach", "--name", name, "--label", LABEL,
               "--publish", f"127.0.0.1:{port}:{PORT}", *options, TAG, *command)
        box = Container(podman, name, f"http://127.0.0.1:{port}")
        deadline = started + HEALTHY_SECONDS
        while not answers(box.url):
            state = podman("inspect", "--format", "{{.State.Status}}", name).stdout.strip()
            assert state == "running", f"the container is {state}:\n{box.logs()}"
            assert time.monotonic() < deadline, \
                f"no answer on {HEALTH} after {HEALTHY_SECONDS} s:\n{box.logs()}"
            time.sleep(0.25)
        print(f"\n{name}: answering {HEALTH} {time.monotonic() - started:.1f} s after podman run")
        return box

    yield _start
    for name in names:
        podman("rm", "--force", "--time", "5", name, timeout=120, check=False)


# --- what every way of running it must do ----------------------------------------------------

def wait_healthy(box: Container) -> float:
    """Run the image's own HEALTHCHECK (podman has no systemd timer here to run it) until it
    passes; the seconds that took."""
    started = time.monotonic()
    while box.podman("healthcheck", "run", box.name, check=False).returncode != 0:
        assert time.monotonic() - started < HEALTHY_SECONDS, \
            f"the HEALTHCHECK never passed:\n{box.logs()}"
        time.sleep(1)
    status = box.podman("inspect", "--format", "{{.State.Health.Status}}", box.name)
    assert status.stdout.strip() == "healthy"
    return time.monotonic() - started


def assert_runs_as(box: Container, uid: int) -> None:
    """Every process of the container, read from the host's /proc (not from the image)."""
    statuses = box.proc("status")
    assert statuses
    for status in statuses:
        uids = re.search(r"^Uid:\s+(.+)$", status, re.MULTILINE)
        assert uids and set(uids.group(1).split()) == {str(uid)}, status


async def _visit(url: str, pages: list[str] | None, moves: int) -> dict[str, list[str]]:
    """Open ``pages`` (every page of the navigation when None), each in a fresh session, and
    move ``moves`` of its controls one notch; each page's exceptions, or its failure."""
    rng = random.Random(20)
    async with Session(url, timeout=120) as home:
        first = await home.open("")
        found = {"": [f"{first.status}: {e}" for e in first.exceptions]
                 if not first.ok else []}
        names = list(home.pages) if pages is None else pages
    if not names:
        found[""].append("announced no pages")
    for page in names:
        problems: list[str] = []
        async with Session(url, timeout=120) as s:
            r = await s.open(page)
            problems += [] if r.ok else [f"{r.status}: {e}" for e in r.exceptions or ("",)]
            if not s.elements():
                problems.append("drew nothing")
            for widget in s.movable()[:moves]:
                value = neighbour(widget, rng)
                if value is not None:
                    r = await s.set_value(widget, value)
                    problems += [] if r.ok else [f"after moving {widget.label!r}: {r.status} "
                                                 f"{list(r.exceptions)}"]
        found[page] = problems
    return found


def assert_pages_run(box: Container, pages: list[str] | None = None, moves: int = 1) -> None:
    found = asyncio.run(_visit(box.url, pages, moves))
    bad = {page: p for page, p in found.items() if p}
    assert not bad, f"pages that failed in the container: {bad}\n{box.logs()}"


# --- the image -------------------------------------------------------------------------------

def test_the_image_keeps_the_dockerfile_user_port_and_healthcheck(podman: Podman):
    """podman's own (OCI) format has no HEALTHCHECK: scripts/image.sh builds Docker's."""
    config = podman("image", "inspect", "--format",
                    "{{.Config.User}}|{{json .Config.ExposedPorts}}|{{json .Config.Healthcheck}}",
                    TAG).stdout.strip()
    user, ports, check = config.split("|", 2)
    assert user == "10001:10001"
    assert f'"{PORT}/tcp"' in ports
    assert HEALTH in check and f":{PORT}" in check, check


def test_the_healthcheck_fails_when_nothing_serves(podman: Podman):
    name = f"bnviz-test-{uuid.uuid4().hex[:8]}"
    podman("run", "--detach", "--name", name, "--label", LABEL, TAG, "sleep", "60")
    try:
        done = podman("healthcheck", "run", name, check=False, timeout=30)
        assert done.returncode != 0, done.stdout
    finally:
        podman("rm", "--force", "--time", "0", name, check=False, timeout=60)


def test_as_docker_runs_it_every_page_runs_as_uid_10001(start):
    box = start()
    print(f"healthy (the image's HEALTHCHECK) {wait_healthy(box):.1f} s after it answered")
    assert_runs_as(box, 10001)
    assert any("streamlit run app.py" in c for c in box.command_lines())

    status, headers, body = get(box.url + "/")
    assert status == 200 and headers["content-type"][0].startswith("text/html")
    assert b'id="root"' in body  # Streamlit's page, not an error page
    # plotly.js comes from the image itself (the Dockerfile copies it in), never from a CDN
    listing = box.exec("sh", "-c", "cd /app/static && stat -c '%n %s' plotly-*.min.js").stdout
    name, size = listing.split()
    status, _, script = get(f"{box.url}/app/static/{name}", timeout=30)
    assert status == 200 and len(script) == int(size) > 1_000_000

    assert_pages_run(box)



def test_the_uid_check_sees_a_container_run_as_root(start):
    """assert_runs_as reads the host's /proc, so it is not fooled by the image's USER."""
    box = start("--user", "0:0")
    with pytest.raises(AssertionError):
        assert_runs_as(box, 10001)
    assert_runs_as(box, 0)

# --- as deploy/kubernetes/deployment.yaml runs it --------------------------------------------

_UNITS = {"": 1, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "k": 10**3, "M": 10**6, "G": 10**9}


def quantity(text: str) -> int:
    """A Kubernetes memory quantity in bytes ("1Gi" -> 1073741824)."""
    found = re.fullmatch(r"(\d+)(Ki|Mi|Gi|k|M|G)?", str(text))
    assert found, f"not a quantity this test reads: {text!r}"
    return int(found.group(1)) * _UNITS[found.group(2) or ""]


@pytest.mark.parametrize(("text", "expected"), [("1Gi", 2**30), ("256Mi", 256 * 2**20),
                                                ("512", 512), ("2G", 2 * 10**9)])
def test_quantity(text, expected):
    assert quantity(text) == expected


@dataclass(frozen=True)
class Deployment:
    """What the Deployment asks of the container, as podman run options."""

    options: tuple[str, ...]
    uid: int
    memory: int
    tmp: tuple[str, ...]
    env: dict[str, str]


def from_manifest() -> Deployment:
    docs = yaml.safe_load_all((ROOT / "deploy" / "kubernetes" / "deployment.yaml").read_text())
    pod = next(d for d in docs if d and d["kind"] == "Deployment")["spec"]["template"]["spec"]
    (spec,) = pod["containers"]
    sec = spec["securityContext"]
    assert sec["readOnlyRootFilesystem"] and sec["allowPrivilegeEscalation"] is False
    options = ["--user", f"{sec['runAsUser']}:{sec['runAsGroup']}",
               # read-only, and none of podman's own writable tmpfs: only what the pod mounts
               "--read-only", "--read-only-tmpfs=false",
               "--security-opt", "no-new-privileges"]
    options += [f"--cap-drop={cap}" for cap in sec["capabilities"]["drop"]]
    limits = spec["resources"]["limits"]
    memory = quantity(limits["memory"])
    cpus = min(float(limits["cpu"]), os.cpu_count() or 1)
    options += ["--memory", str(memory), "--cpus", str(cpus)]
    env = {e["name"]: e["value"] for e in spec.get("env", [])}
    options += [f"--env={k}={v}" for k, v in env.items()]
    volumes = {v["name"]: v for v in pod["volumes"]}
    tmp = []
    for mount in spec["volumeMounts"]:
        empty = volumes[mount["name"]]["emptyDir"]  # the only kind of volume the pod has
        size = quantity(empty["sizeLimit"])
        options += ["--tmpfs", f"{mount['mountPath']}:rw,size={size},mode=1777"]
        tmp.append(mount["mountPath"])
    return Deployment(tuple(options), sec["runAsUser"], memory, tuple(tmp), env)


def test_as_the_kubernetes_deployment_runs_it_it_serves(start):
    deployment = from_manifest()
    assert deployment.tmp == ("/tmp",) and deployment.env.get("HOME") == "/tmp"
    box = start(*deployment.options)
    wait_healthy(box)
    assert_runs_as(box, deployment.uid)

    # What the kernel holds the container to, read inside it.
    status = box.exec("cat", "/proc/1/status").stdout
    assert re.search(r"^NoNewPrivs:\s+1$", status, re.MULTILINE)
    assert re.search(r"^CapEff:\s+0+$", status, re.MULTILINE)
    limit = box.exec("sh", "-c", "cat /sys/fs/cgroup/memory.max 2>/dev/null "
                                 "|| cat /sys/fs/cgroup/memory/memory.limit_in_bytes").stdout
    assert int(limit) == deployment.memory
    denied = box.exec("touch", "/app/written", check=False)
    assert denied.returncode != 0 and "Read-only file system" in denied.stderr
    assert box.exec("touch", "/tmp/written").returncode == 0

    # every page, a control moved on each: training runs in a worker process on Deep networks
    assert_pages_run(box)
    logs = box.log_text()
    assert "Read-only file system" not in logs and "Permission denied" not in logs, logs[-3000:]


# --- the multi-process command of the README -------------------------------------------------

def readme_multi_command() -> tuple[str, ...]:
    """The README's ``docker run ... bnviz python scripts/serve_multi.py ...``: what follows
    the image's name."""
    lines = [line for line in (ROOT / "README.md").read_text().splitlines()
             if line.startswith("docker run") and "serve_multi.py" in line]
    assert len(lines) == 1, lines
    words = shlex.split(lines[0])
    return tuple(words[words.index("bnviz") + 1:])


def test_the_readme_multi_process_command_serves_through_haproxy(start):
    command = readme_multi_command()
    assert command[:2] == ("python", "scripts/serve_multi.py")
    procs = int(command[command.index("--procs") + 1])
    proxy_port = int(command[command.index("--port") + 1])
    assert proxy_port == PORT and procs >= 2
    box = start(command=command)
    wait_healthy(box)  # the image's HEALTHCHECK asks the proxy
    assert_runs_as(box, 10001)

    lines = box.command_lines()
    assert sum("haproxy" in c for c in lines) == 1, lines
    workers = [c for c in lines if "streamlit run app.py" in c]
    assert len(workers) == procs, lines
    # each Streamlit process answers on its own port inside the container
    for port in range(PORT + 1, PORT + procs + 1):
        probe = (f"import urllib.request; print(urllib.request.urlopen("
                 f"'http://127.0.0.1:{port}{HEALTH}', timeout=5).read().decode())")
        assert box.exec("python", "-c", probe).stdout.strip() == "ok"
    # and the answer from outside came through HAProxy: it pins the visitor with its cookie
    _, headers, _ = get(box.url + HEALTH)
    jar = SimpleCookie()
    for header in headers.get("set-cookie", []):
        jar.load(header)
    assert "SERVERID" in jar, headers

    assert_pages_run(box, pages=["valley_vs_bowl", "deep_networks"])
