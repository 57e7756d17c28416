from streamlit.testing.v1 import AppTest

from bnviz.lessons.common.data import two_features
from bnviz.lessons.common.settings import DataSpec, DescentSpec
from bnviz.lessons.common.text import data_phrase
from bnviz.lessons.valley.experiment import compare
from bnviz.lessons.valley.text import speed_sentence
from tests.app.conftest import ROOT, assert_clean, open_page


def test_home_renders_steps_and_links():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert_clean(at)
    text = " ".join(m.value for m in at.markdown)
    assert "without replacement" in text and "Standardize" in text
    formulas = " ".join(latex.value for latex in at.latex)
    assert r"\gamma" in formulas and r"\sigma^2_\mathcal{B}" in formulas
    assert at.title[0].value.startswith("Batch normalization")
    # The claim's numbers are the seed example's own run.
    cmp = compare(two_features(DataSpec()), DescentSpec())
    assert speed_sentence(cmp) in text
    assert f"reached the tolerance in {cmp.std.trajectory.steps_to_tol} steps" in text
    assert data_phrase(DataSpec()) in text


def test_every_registered_page_runs():
    import ast

    tree = ast.parse((ROOT / "app.py").read_text())
    pages = [n.args[0].value for n in ast.walk(tree)
             if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "Page"]
    assert len(pages) >= 2
    for path in pages:
        at = open_page(path.removeprefix("app_pages/").removesuffix(".py"))
        assert_clean(at)
