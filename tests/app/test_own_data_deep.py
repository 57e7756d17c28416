"""A visitor's classification CSV on "Deep networks": pasted, its columns chosen, both networks
trained on it in the worker processes; a choice that cannot work said with the data kept; a
link that names own data without the file."""

from __future__ import annotations

import numpy as np
import pytest

from bnviz.core import datasets
from bnviz.lessons.common.own_source import OwnClassification
from bnviz.lessons.deep.live import OwnRun, on_data
from bnviz.lessons.deep.settings import DeepTrainSpec
from bnviz.ui.own_classes import decode_names, encode_names
from tests.app.conftest import assert_clean, charts, open_page

PAGE = "deep_networks"
KEYS = {"dn_curves", "dn_unit_chart", "dn_hist", "dn_smooth"}
TINY = {"dn_steps": "20", "dn_width": "16", "dn_depth": "2"}
TINY_SPEC = DeepTrainSpec(steps=20, width=16, depth=2)
ROWS = 60  # 12 held out (a fifth)


def blobs(n: int = ROWS, *, seed: int = 0, extra: str = "") -> str:
    """Two Gaussian blobs in the plane, a text column of one value and the class as text last;
    ``extra``: one more column, ``"flat"`` (a constant) or ``"id"`` (the row number)."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    x = rng.normal(size=(n, 2)) + np.where(y[:, None] == 1, 3.0, -3.0)
    head = "x1,x2,kind" + (f",{extra}" if extra else "") + ",group"
    lines = [head]
    for i, ((a, b), k) in enumerate(zip(x.tolist(), y.tolist(), strict=True)):
        more = {"": "", "flat": ",5", "id": f",{i + 1}"}[extra]
        lines.append(f"{a!r},{b!r},blob{more},{'red' if k else 'blue'}")
    return "\n".join(lines) + "\n"


def paste(at, text: str):
    at.text_area(key="own_paste").set_value(text)
    at.button(key="own_paste_go").click().run()
    return at


def own(query: dict[str, str] | None = None):
    at = open_page(PAGE, {**TINY, **(query or {})})
    at.radio(key="data").set_value("own").run()
    return at


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def seconds(at) -> str:
    line = next(m.value for m in at.markdown if "trained in" in m.value)
    return line.rsplit("trained in", 1)[1]


def used(at) -> OwnClassification:
    """The data set the page trained on last (kept in the session)."""
    return at.session_state["own_built"][1]


@pytest.fixture(scope="module")
def loaded():
    at = paste(own(), blobs())
    assert_clean(at)
    return at


def test_a_pasted_csv_trains_both_networks_on_its_columns(loaded):
    at = loaded
    assert set(charts(at)) == KEYS
    assert "your CSV (2 features, 2 classes), 60 rows" in captions(at)
    assert "“x1”, “x2”" in captions(at) and "label: “group” (“blue”, “red”)" in captions(at)
    # The unit's band is measured on the file's held-out rows: a fifth of 60.
    assert "percentile on 12 held-out rows." in captions(at)
    data = used(at)
    assert (data.features, data.label, data.classes) == (("x1", "x2"), "group", ("blue", "red"))
    assert data.data.n_features == 2 and data.data.n_classes == 2 and data.n == ROWS
    # Standardized with the training rows' moments.
    np.testing.assert_allclose(data.data.x_train.mean(axis=0), 0, atol=1e-5)
    np.testing.assert_allclose(data.data.x_train.std(axis=0), 1, atol=1e-5)
    # The run was the workers' on this file's rows, and the data-set radio is not shown.
    from bnviz.ui import deep

    job = deep.pool().get(on_data(TINY_SPEC, data))
    assert job is not None and job.state == "done"
    assert isinstance(job.key, OwnRun) and job.key.own.data.n_features == 2
    assert not [r for r in at.radio if r.key == "dn_data"]
    assert len(charts(at)["dn_hist"]["data"]) == 2 * 2  # two layers, two networks


def test_the_url_carries_the_columns_and_never_the_rows(loaded):
    params = {k: loaded.query_params[k] for k in loaded.query_params}
    assert params["data"] == "own"
    assert decode_names(params["own_x"]) == ["x1", "x2"] and params["own_label"] == "group"
    assert not any("blob" in str(v) or "red" in str(v) for v in params.values())


def test_visitors_with_the_same_file_and_columns_share_one_run():
    first = paste(own({"dn_seed": "71"}), blobs())
    second = paste(own({"dn_seed": "71"}), blobs())
    assert_clean(second)
    assert seconds(first) == seconds(second)  # one run's measured time, not two runs


def test_fewer_features_train_a_network_with_fewer_inputs():
    at = paste(own({"dn_seed": "72"}), blobs())
    at.multiselect(key="own_x").set_value(["x2"]).run()
    assert_clean(at)
    assert "your CSV (1 feature, 2 classes)" in captions(at)
    assert used(at).data.n_features == 1
    assert set(charts(at)) == KEYS


def test_a_label_with_one_class_is_said_and_the_columns_before_stay():
    at = paste(own({"dn_seed": "73"}), blobs())
    at.selectbox(key="own_label").set_value("kind").run()
    assert not at.exception
    assert "has one class, “blob”, in every row" in errors(at), errors(at)
    assert "The columns chosen before are still in use." in captions(at)
    assert "your CSV (2 features, 2 classes)" in captions(at)
    assert used(at).label == "group" and set(charts(at)) == KEYS


def test_the_same_column_as_feature_and_label_is_said():
    at = paste(own({"dn_seed": "73"}), blobs())
    at.selectbox(key="own_label").set_value("x1").run()
    assert not at.exception
    assert "Column “x1” is chosen twice." in errors(at), errors(at)
    assert used(at).label == "group" and set(charts(at)) == KEYS


def test_no_feature_is_said():
    at = paste(own({"dn_seed": "73"}), blobs())
    at.multiselect(key="own_x").set_value([]).run()
    assert not at.exception
    assert "No feature is chosen" in errors(at), errors(at)
    assert set(charts(at)) == KEYS


def test_too_many_classes_in_a_new_file_keeps_the_data_before():
    at = paste(own({"dn_seed": "74"}), blobs())
    # A new file without "group", whose last column, the label at first, is the row number.
    lines = blobs().replace("group", "colour").splitlines()
    paste(at, "\n".join(f"{line},{'id' if i == 0 else i}" for i, line in enumerate(lines)) + "\n")
    assert not at.exception
    assert "60 different values; a label has at most 50 classes" in errors(at), errors(at)
    assert "The data read before is still in use." in captions(at)
    assert used(at).label == "group" and set(charts(at)) == KEYS
    assert "your CSV (2 features, 2 classes)" in captions(at)


def test_too_many_classes_in_the_same_file_keeps_the_columns_before():
    at = paste(own({"dn_seed": "74"}), blobs())
    at.multiselect(key="own_x").set_value(["x2"]).run()
    at.selectbox(key="own_label").set_value("x1").run()
    assert not at.exception
    assert "60 different values" in errors(at), errors(at)
    assert "The columns chosen before are still in use." in captions(at)
    assert (used(at).features, used(at).label) == (("x2",), "group")


def test_a_constant_feature_is_said_and_the_columns_before_stay():
    at = paste(own({"dn_seed": "75"}), blobs(extra="flat"))
    # Pasted first, every column of numbers but the label is a feature: "flat" among them.
    assert "cannot be standardized" in errors(at), errors(at)
    assert "your CSV" not in captions(at) and set(charts(at)) == KEYS  # the built-in set
    at.multiselect(key="own_x").set_value(["x1", "x2"]).run()
    assert_clean(at)
    assert "your CSV (2 features, 2 classes)" in captions(at)
    at.multiselect(key="own_x").set_value(["x1", "x2", "flat"]).run()
    assert not at.exception
    assert "Column “flat” (D) has the same value, 5, in every row" in errors(at), errors(at)
    assert "The columns chosen before are still in use." in captions(at)
    assert used(at).features == ("x1", "x2") and set(charts(at)) == KEYS


def test_a_link_with_own_data_but_no_file_says_so_and_trains_on_the_built_in_set():
    at = open_page(PAGE, {**TINY, "data": "own", "own_x": encode_names(["x1", "x2"]),
                          "own_label": "group"})
    assert_clean(at)
    assert any("cannot travel in a link" in i.value for i in at.info)
    assert set(charts(at)) == KEYS
    digits = datasets.load("digits", seed=0)
    assert f"percentile on {len(digits.x_test)} held-out rows." in captions(at)
    assert "your CSV" not in captions(at)
    # The choice is kept: loading the file then uses the link's columns.
    paste(at, blobs())
    assert_clean(at)
    assert used(at).features == ("x1", "x2") and used(at).label == "group"


def test_column_names_with_commas_and_quotes_travel_in_the_url():
    names = ["a,b", 'say "hi"', "più"]
    assert decode_names(encode_names(names)) == names
    assert decode_names("x1,x2") is None and decode_names('{"a": 1}') is None
