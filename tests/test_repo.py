"""The repository keeps its promises: README's commands are what CI runs, requirements are
pinned and installed, the scripts parse, and every browser test carries its marker."""

from __future__ import annotations

import ast
import re
import subprocess
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def readme_commands() -> list[str]:
    """Lines of README's ```bash blocks (without comments)."""
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    return [line.split("#")[0].strip() for block in blocks for line in block.splitlines()
            if line.split("#")[0].strip()]


def ci_commands() -> list[str]:
    lines = (ROOT / ".ci" / "run").read_text().splitlines()
    return [s.strip() for s in lines if s.strip() and not s.strip().startswith("#")
            and not s.strip().startswith(("set ", "cd "))]


def test_ci_runs_exactly_the_readme_test_command():
    commands = readme_commands()
    assert "bash scripts/test.sh" in commands and "bash scripts/serve.sh" in commands
    assert ci_commands() == ["bash scripts/test.sh"]
    assert "README" in (ROOT / ".ci" / "run").read_text()  # says so, for the next reader


@pytest.mark.parametrize("script", [".ci/run", "scripts/setup.sh", "scripts/serve.sh",
                                    "scripts/test.sh", "scripts/serve-multi.sh",
                                    "scripts/setup-tools.sh"])
def test_shell_scripts_parse_and_stop_on_errors(script):
    path = ROOT / script
    done = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "set -euo pipefail" in path.read_text()


def test_test_script_lints_installs_chromium_and_runs_every_test():
    text = (ROOT / "scripts" / "test.sh").read_text()
    debian = (ROOT / "scripts" / "lib" / "debian.sh").read_text()
    assert "requirements-dev.txt" in text and "apt-get install -y" in debian
    assert "source scripts/lib/debian.sh" in text
    assert "ensure_debian_package" in text and "chromium" in text and "haproxy" in text
    assert "ruff check ." in text
    assert re.search(r"python -m pytest tests\b", text)


def requirements(name: str) -> list[str]:
    lines = (ROOT / name).read_text().splitlines()
    return [s.split("#")[0].strip() for s in lines if s.split("#")[0].strip()]


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_requirements_are_pinned_and_installed_at_that_version(name):
    reqs = [r for r in requirements(name) if not r.startswith("-r ")]
    assert reqs
    for req in reqs:
        package, sep, version = req.partition("==")
        assert sep and version, f"{req} is not pinned with =="
        assert metadata.version(package) == version, package


def test_runtime_requirements_cover_what_the_app_imports():
    """Every third-party module the app's code imports is in requirements.txt."""
    pinned = {r.partition("==")[0].lower().replace("_", "-") for r in requirements("requirements.txt")}
    local = {"bnviz", "app_pages"}
    files = [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "bnviz").rglob("*.py")]
    stdlib = set(__import__("sys").stdlib_module_names)
    needed = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            needed |= {n.split(".")[0] for n in names}
    third_party = {n for n in needed if n not in stdlib and n not in local and n != "__future__"}
    dists = {d for n in third_party for d in metadata.packages_distributions().get(n, [n])}
    # an optional import (e.g. a comparison against torch) must be guarded, so allow those
    # only where every import of it sits in a try block; the rest must be pinned
    missing = {d for d in dists if d.lower().replace("_", "-") not in pinned}
    unguarded = {d for d in missing if not _only_guarded(files, d)}
    assert not unguarded, f"imported by the app but not in requirements.txt: {unguarded}"


def _only_guarded(files: list[Path], dist: str) -> bool:
    modules = {m for m, ds in metadata.packages_distributions().items() if dist in ds} | {dist}
    for path in files:
        tree = ast.parse(path.read_text())
        guarded = {id(n) for t in ast.walk(tree) if isinstance(t, ast.Try)
                   for b in t.body for n in ast.walk(b)}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in guarded:
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                if any(n.split(".")[0] in modules for n in names):
                    return False
    return True


def test_every_browser_test_module_is_marked():
    for path in (ROOT / "tests" / "browser").glob("test_*.py"):
        assert "pytest.mark.browser" in path.read_text(), f"{path.name} lacks pytest.mark.browser"


def test_readme_shows_the_committed_screenshot_and_lists_every_benchmark():
    shot = ROOT / "docs" / "screenshot.png"
    assert "docs/screenshot.png" in README and shot.exists()
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size < 300_000
    for bench in (ROOT / "benchmarks").glob("bench_*.py"):
        assert f"benchmarks/{bench.name}" in README, f"README's Benchmarks lacks {bench.name}"


def test_the_debian_helper_parses_and_leaves_an_installed_program_alone():
    lib = ROOT / "scripts" / "lib" / "debian.sh"
    assert subprocess.run(["bash", "-n", str(lib)]).returncode == 0
    # bash is installed: nothing to do, so no apt-get for a package that does not exist.
    done = subprocess.run(["bash", "-c", f"set -euo pipefail; source {lib}; "
                           "ensure_debian_package bash no-such-package-here test; echo kept"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "kept", done.stderr
