"""Choosing a table's columns for a lesson: a Regression for the two-feature lessons, a
classification Dataset for the deep networks, and the problems a choice can have."""

import csv
import io

import numpy as np
import pytest

from bnviz.core import datasets, mlp, training
from bnviz.core.data import Regression, make_two_features
from bnviz.lessons.common.own_choose import (
    MAX_ABS,
    MAX_CLASSES,
    Classification,
    check_features,
    to_classification,
    to_regression,
)
from bnviz.lessons.common.own_data import Table, read
from bnviz.lessons.common.own_messages import DataProblem


def table(text: str | bytes) -> Table:
    result = read(text)
    assert isinstance(result, Table), result
    return result


def regression_csv(data: Regression, *, delimiter=",", decimal=".") -> bytes:
    """``data`` as a spreadsheet would save it: header A, B, y; each float's repr."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["A", "B", "y"])
    for (a, b), y in zip(data.X.tolist(), data.y.tolist(), strict=True):
        writer.writerow([repr(v).replace(".", decimal) for v in (a, b, y)])
    return out.getvalue().encode()


MIXED = table("x1,x2,const,big,species,n_label,notes\n"
              "1,10,5,1,setosa,1,\n"
              "2,20,5,1e31,virginica,2,\n"
              "3,35,5,3,setosa,10,\n"
              "4,41,5,4,versicolor,2,\n"
              "5,52,5,5,setosa,1,\n")


# --- regression ---------------------------------------------------------------------------------

@pytest.mark.parametrize("style", [{}, {"delimiter": ";", "decimal": ","}])
def test_the_article_data_written_and_read_back_is_the_same_regression_bit_for_bit(style):
    made = make_two_features()
    got = to_regression(table(regression_csv(made, **style)), features=("A", "B"), target="y")
    assert isinstance(got, Regression)
    assert got.X.shape == (100, 2) and got.y.shape == (100,)
    assert got.X.dtype == np.float64 and got.y.dtype == np.float64
    assert np.array_equal(got.X.view(np.int64), made.X.view(np.int64))
    assert np.array_equal(got.y.view(np.int64), made.y.view(np.int64))


def test_the_features_come_in_the_order_chosen():
    got = to_regression(MIXED, features=("x2", "x1"), target="n_label")
    assert isinstance(got, Regression)
    assert got.X[:, 0].tolist() == [10, 20, 35, 41, 52] and got.X[:, 1].tolist() == [1, 2, 3, 4, 5]
    assert got.y.tolist() == [1, 2, 10, 2, 1]
    got.X[0, 0] = -1.0  # the Regression owns its arrays: the table keeps its values
    assert MIXED.numbers["x2"][0] == 10


def test_a_constant_feature_cannot_be_standardized_and_says_so():
    p = to_regression(MIXED, features=("x1", "const"), target="x2")
    assert isinstance(p, DataProblem) and p.kind == "constant" and p.column == "const"
    assert p.what.startswith("Column “const” (C) has the same value, 5, in every row")
    assert "cannot be standardized" in p.what and "standard deviation is 0" in p.what
    assert check_features(MIXED, ("const", "x1")) == p


def test_a_constant_target_is_allowed():
    assert isinstance(to_regression(MIXED, features=("x1", "x2"), target="const"), Regression)


@pytest.mark.parametrize("features, target, kind, column, words", [
    (("x1", "species"), "x2", "not_numeric", "species", "Column “species” (E) holds text, such as "
                                                        "“setosa” in row 2"),
    (("x1", "x2"), "species", "not_numeric", "species", "holds text"),
    (("x1", "notes"), "x2", "empty_column", "notes", "Column “notes” (G) is empty"),
    (("x1", "nope"), "x2", "unknown_column", "nope", "There is no column “nope”"),
    (("x1", "x1"), "x2", "same_column", "x1", "Column “x1” is chosen twice"),
    (("x1", "x2"), "x1", "same_column", "x1", "chosen twice"),
    (("x1", "big"), "x2", "out_of_range", "big", "Row 3, column “big” (D): 1e+31 is larger"),
])
def test_a_choice_that_cannot_work_says_why(features, target, kind, column, words):
    p = to_regression(MIXED, features=features, target=target)
    assert isinstance(p, DataProblem) and (p.kind, p.column) == (kind, column)
    assert words in p.what, p.what


def test_the_unknown_column_problem_lists_the_columns_of_numbers():
    p = to_regression(MIXED, features=("x1", "nope"), target="x2")
    assert isinstance(p, DataProblem)
    assert p.fix == "Choose one of the columns of numbers: “x1”, “x2”, “const”, “big”, “n_label”."


def test_check_features_passes_columns_that_work():
    assert check_features(MIXED, ("x1", "x2", "n_label")) is None
    assert MAX_ABS == 1e30 and check_features(MIXED, ("big",)) is not None


def test_regression_takes_two_features():
    with pytest.raises(ValueError):
        to_regression(MIXED, features=("x1",), target="x2")  # type: ignore[arg-type]


# --- classification ---------------------------------------------------------------------------

def test_text_labels_become_classes_in_sorted_order_and_the_mapping_is_kept():
    got = to_classification(MIXED, features=("x1", "x2"), label="species", seed=3)
    assert isinstance(got, Classification)
    assert got.classes == ("setosa", "versicolor", "virginica")
    assert (got.features, got.label) == (("x1", "x2"), "species")
    d = got.data
    assert d.n_classes == 3 and d.name == "own data" and d.n_features == 2
    assert d.x_train.dtype == np.float32 and d.y_train.dtype == np.int64
    assert len(d.y_test) == round(0.2 * 5) and len(d.y_train) == 4
    # x1 is the row's position: each example's class maps back to its row's label.
    for x, y in ((d.x_train, d.y_train), (d.x_test, d.y_test)):
        for row, k in zip(x[:, 0].astype(int), y, strict=True):
            assert got.classes[k] == MIXED.text["species"][row - 1]


def test_the_split_is_the_deep_lessons_split_for_the_same_seed():
    got = to_classification(MIXED, features=("x1",), label="species", seed=7, test_fraction=0.4)
    assert isinstance(got, Classification)
    x = MIXED.numbers["x1"][:, None].astype(np.float32)
    y = np.array([0, 2, 0, 1, 0])
    for ours, theirs in zip((got.data.x_train, got.data.y_train, got.data.x_test, got.data.y_test),
                            datasets.train_test_split(x, y, test_fraction=0.4, seed=7), strict=True):
        assert np.array_equal(ours, theirs)


def test_numeric_labels_sort_as_numbers_and_print_as_the_file_wrote_them():
    got = to_classification(MIXED, features=("x1", "x2"), label="n_label")
    assert isinstance(got, Classification)
    assert got.classes == ("1", "2", "10")
    t = table("a,b\n1,0.5\n2,-1\n3,0.5\n")
    got = to_classification(t, features=("a",), label="b")
    assert isinstance(got, Classification) and got.classes == ("-1", "0.5")


def test_a_label_with_one_class():
    p = to_classification(MIXED, features=("x1", "x2"), label="const")
    assert isinstance(p, DataProblem) and (p.kind, p.column, p.count) == ("one_class", "const", 1)
    assert p.what == "Column “const” (C) has one class, “5”, in every row."


def test_a_label_with_more_values_than_classes():
    rows = "".join(f"{i},{i * 0.5}\n" for i in range(MAX_CLASSES + 1))
    p = to_classification(table("a,b\n" + rows), features=("a",), label="b")
    assert isinstance(p, DataProblem) and p.kind == "too_many_classes"
    assert p.count == MAX_CLASSES + 1 and f"{MAX_CLASSES + 1} different values" in p.what


@pytest.mark.parametrize("features, label, kind", [
    (("x1", "const"), "species", "constant"),
    (("x1", "species"), "n_label", "not_numeric"),
    (("x1",), "x1", "same_column"),
    (("x1",), "notes", "empty_column"),
    (("x1",), "nope", "unknown_column"),
])
def test_a_classification_choice_that_cannot_work(features, label, kind):
    p = to_classification(MIXED, features=features, label=label)
    assert isinstance(p, DataProblem) and p.kind == kind


def test_the_deep_lessons_training_runs_on_a_files_classes():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2))
    lines = "".join(f"{a!r};{b!r};{'in' if a * a + b * b < 1 else 'out'}\n" for a, b in x.tolist())
    got = to_classification(table("u;v;where\n" + lines.replace(".", ",")), features=("u", "v"),
                            label="where")
    assert isinstance(got, Classification) and got.classes == ("in", "out")
    net = mlp.NetConfig(depth=1, width=8, bn="before")
    train = training.TrainConfig(steps=4, batch_size=8, n_records=2, n_etas=1)
    result = training.run(net, train, data=got.data)
    assert np.isfinite(result.bn.train_loss).all() and np.isfinite(result.plain.train_loss).all()
