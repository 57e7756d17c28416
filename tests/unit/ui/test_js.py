"""The browser's code as modules: each component's bundle in bnviz/ui/js/dist is esbuild's
build of the sources as they are (the app serves the bundles, so an edit that was not built
would never reach a visitor), and ESLint finds what a module uses without importing it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# Node.js and `npm ci`'s ESLint and esbuild: scripts/test.sh installs both.
NODE = shutil.which("node") or "node"
ESLINT = ROOT / "node_modules" / ".bin" / "eslint"


def test_the_committed_bundles_are_the_build_of_the_sources():
    done = subprocess.run([NODE, "scripts/build-js.mjs", "--check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "up to date" in done.stdout


def test_eslint_catches_a_name_used_without_its_import(tmp_path):
    # A copy of a module that uses fmt without importing it: the very slip the old concatenated
    # scripts hid (valley_math.js used live_common.js's fmt implicitly).
    source = (ROOT / "bnviz/ui/js/valley/math.js").read_text()
    broken = source.replace('import { fill, fmt, fmtCount, formatG, plural } from "../common/format.js";',
                            'import { fill, fmtCount, formatG, plural } from "../common/format.js";')
    assert broken != source
    target = ROOT / "bnviz/ui/js/valley/_lint_probe.js"
    target.write_text(broken)
    try:
        done = subprocess.run([str(ESLINT), str(target.relative_to(ROOT))], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
    finally:
        target.unlink()
    assert done.returncode == 1
    assert "'fmt' is not defined" in done.stdout
