"""The house's contracts fail when broken: a deliberate violation makes import-linter and
mypy say no (CI runs both through scripts/test.sh, README's test command)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the package, the page scripts and their configuration, to break on purpose."""
    for package in ("bnviz", "app_pages"):
        shutil.copytree(ROOT / package, tmp_path / package,
                        ignore=shutil.ignore_patterns("__pycache__", "data_files"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=cwd, text=True,
                          capture_output=True, env={"PYTHONPATH": str(cwd), "PATH": str(BIN)})


def mypy(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "mypy"), "--no-incremental"], cwd=cwd, text=True,
                          capture_output=True)


def test_the_test_script_runs_both_contracts():
    text = (ROOT / "scripts" / "test.sh").read_text()
    assert ".venv/bin/lint-imports" in text and ".venv/bin/mypy" in text


def test_import_contracts_hold_on_the_repository_and_break_on_a_violation(tree):
    assert lint_imports(tree).returncode == 0
    # The core may not import Streamlit, nor a lesson.
    quadratic = tree / "bnviz" / "core" / "quadratic.py"
    quadratic.write_text(quadratic.read_text() + "\nimport streamlit  # noqa\n")
    broken = lint_imports(tree)
    assert broken.returncode != 0
    assert "Only bnviz.ui imports streamlit BROKEN" in broken.stdout


def test_lessons_importing_each_other_breaks_independence(tree):
    text = tree / "bnviz" / "lessons" / "race" / "text.py"
    text.write_text(text.read_text() + "\nfrom bnviz.lessons.valley import experiment  # noqa\n")
    broken = lint_imports(tree)
    assert broken.returncode != 0 and "Lessons do not import each other" in broken.stdout


@pytest.mark.parametrize("module", ["bnviz.core.batches", "bnviz.lessons.batch.text",
                                    "bnviz.plotting.encode", "bnviz.settings"])
def test_a_page_importing_below_the_glue_breaks_the_pages_contract(tree, module):
    page = tree / "app_pages" / "inside_a_batch.py"
    page.write_text(page.read_text() + f"\nimport {module}  # noqa\n")
    broken = lint_imports(tree)
    assert broken.returncode != 0
    assert "Pages import bnviz.ui only BROKEN" in broken.stdout
    assert f"app_pages.inside_a_batch -> {module}" in broken.stdout


def test_the_pages_contract_covers_every_page(tree):
    # Every page script is a module of the app_pages package, so the contract sees it.
    scripts = {p.stem for p in (ROOT / "app_pages").glob("*.py")} - {"__init__"}
    assert scripts and (ROOT / "app_pages" / "__init__.py").is_file()
    app = (ROOT / "app.py").read_text()
    assert {s for s in scripts if f'"app_pages/{s}.py"' in app} == scripts


def test_mypy_is_clean_and_rejects_an_untyped_definition(tree):
    clean = mypy(tree)
    assert clean.returncode == 0, clean.stdout[-3000:]
    numbers = tree / "bnviz" / "numbers.py"
    numbers.write_text(numbers.read_text() + "\n\ndef untyped(x):\n    return x\n")
    broken = mypy(tree)
    assert broken.returncode != 0 and "Function is missing a type annotation" in broken.stdout
