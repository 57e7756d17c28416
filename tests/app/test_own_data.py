"""A visitor's own CSV on the pages: the same numbers as the same data generated, every kind
of bad file said with the data kept, and the URL that carries the choice but not the rows."""

from __future__ import annotations

import numpy as np
import pytest

from bnviz.core.data import make_two_features
from tests.app.conftest import assert_clean, open_page

SEED_DATA = make_two_features()  # the article's: A ~ U(1, 10), B ~ U(1, 200), seed 42, n = 100


def csv_of(X: np.ndarray, y: np.ndarray, *, italian: bool = False) -> str:
    """The rows as a spreadsheet would save them: shortest round-trip spelling of each float,
    in the comma style or the Italian one (";" between values, "," as the decimal mark)."""
    sep, header = (";", "A;B;y") if italian else (",", "A,B,y")
    lines = [header]
    for (a, b), t in zip(X, y, strict=True):
        cells = [repr(float(v)) for v in (a, b, t)]
        lines.append(sep.join(c.replace(".", ",") if italian else c for c in cells))
    return "\n".join(lines) + "\n"


def table(at) -> list[dict]:
    return at.table[0].value.to_dict("records")


def paste(at, text: str):
    at.text_area(key="own_paste").set_value(text)
    at.button(key="own_paste_go").click().run()
    return at


def own(page: str, query: dict[str, str] | None = None):
    at = open_page(page, query)
    at.radio(key="data").set_value("own").run()
    return at


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


@pytest.mark.parametrize("italian", [False, True])
def test_a_good_csv_gives_the_numbers_of_the_same_data_generated(italian):
    generated = open_page("valley_vs_bowl")
    at = paste(own("valley_vs_bowl"), csv_of(SEED_DATA.X, SEED_DATA.y, italian=italian))
    assert_clean(at)
    assert table(at) == table(generated)
    # The live view needs generated data's moments; with a file each side's line is the server's.
    lines = [c.value for c in at.caption if c.value.startswith(("**Raw**", "**Standardized**"))]
    assert len(lines) == 2 and all("κ = " in line for line in lines), lines
    assert at.query_params["data"] == "own"
    assert [at.query_params[k] for k in ("own_a", "own_b", "own_y")] == ["A", "B", "y"]


def test_the_race_uses_own_data_and_its_numbers_follow_the_file():
    at = own("optimizer_race")
    before = table(at)
    # B three times as wide: a longer valley, so the table's numbers change.
    X = SEED_DATA.X * np.array([1.0, 3.0])
    paste(at, csv_of(X, SEED_DATA.y))
    assert_clean(at)
    assert table(at) != before


def _loaded(page: str = "valley_vs_bowl"):
    at = paste(own(page), csv_of(SEED_DATA.X, SEED_DATA.y))
    assert_clean(at)
    return at, table(at)


BAD_FILES = {
    "empty": (b"", "The file is empty"),
    "one column": (b"A\n1\n2\n3\n4\n", "only one column"),
    "text in numbers": (b"A,B,y\n1,2,3\n4,five,6\n7,8,9\n", "row 3, column “b”"),
    "too few rows": (b"A,B,y\n1,2,3\n4,5,6\n", "at least 3"),
    "binary": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not a CSV file"),
    "duplicate names": (b"A,A,y\n1,2,3\n4,5,6\n7,8,9\n", "2 columns are named"),
    "too large": (b"A,B,y\n" + b"1,2,3\n" * (5 * 2**20 // 6 + 10), "over the limit"),
    "too many rows": (b"A,B,y\n" + b"1,2,3\n" * 100_001, "more than 100,000 rows"),
    "ragged quote": (b'A,B,y\n1,2,3\n"4,5,6\n7,8,9\n', "quote"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_said_and_the_data_before_is_kept(name):
    data, words = BAD_FILES[name]
    at, before = _loaded()
    at.get("file_uploader")[0].set_value(("bad.csv", data, "text/csv")).run()
    assert not at.exception
    assert words.lower() in errors(at).lower(), errors(at)
    assert table(at) == before  # the page still shows the data it had
    assert "still in use" in " ".join(c.value for c in at.caption)


def test_text_in_a_numeric_column_names_the_row_the_column_and_the_value():
    at, before = _loaded()
    paste(at, "A,B,y\n1,2,3\n4,five,6\n7,8,9\n10,11,12\n")
    message = errors(at)
    assert "Row 3" in message and "“B”" in message and "“five”" in message, message
    assert table(at) == before


def test_missing_values_are_counted_and_the_rows_can_be_dropped():
    at, before = _loaded()
    rows = csv_of(SEED_DATA.X, SEED_DATA.y).splitlines()
    rows[5] = ",".join(rows[5].split(",")[:2]) + ","  # no target in two rows
    rows[9] = "," + ",".join(rows[9].split(",")[1:])
    paste(at, "\n".join(rows) + "\n")
    assert "2 rows" in errors(at), errors(at)
    assert table(at) == before
    at.button(key="own_drop").click().run()
    assert_clean(at)
    assert "2 rows with missing values left out" in " ".join(c.value for c in at.caption)
    keep = np.ones(len(SEED_DATA.y), dtype=bool)
    keep[[4, 8]] = False  # lines 5 and 9 after the header line 0
    # The same as the 98 rows that remain, pasted whole.
    other = paste(own("valley_vs_bowl"), csv_of(SEED_DATA.X[keep], SEED_DATA.y[keep]))
    assert table(at) == table(other) != before


def test_a_constant_column_cannot_be_standardized_and_the_columns_before_stay():
    at = own("valley_vs_bowl")
    text = csv_of(SEED_DATA.X, SEED_DATA.y).splitlines()
    text = [line + (",C" if i == 0 else ",5") for i, line in enumerate(text)]
    paste(at, "\n".join(text) + "\n")
    before = table(at)
    at.selectbox(key="own_b").set_value("C").run()
    assert not at.exception
    assert "cannot be standardized" in errors(at), errors(at)
    assert table(at) == before
    assert "The columns chosen before are still in use." in [c.value for c in at.caption]


def test_quoted_values_with_line_breaks_are_one_row_each():
    at = own("valley_vs_bowl")
    lines = csv_of(SEED_DATA.X, SEED_DATA.y).splitlines()
    lines = [lines[0] + ",note"] + [f'{line},"first line\nsecond line"' for line in lines[1:]]
    paste(at, "\n".join(lines) + "\n")
    assert_clean(at)
    assert table(at) == table(open_page("valley_vs_bowl"))


def test_a_link_with_own_data_but_no_file_says_so_and_shows_the_generated_data():
    at = open_page("valley_vs_bowl", {"data": "own", "own_a": "A", "own_b": "B", "own_y": "y"})
    assert_clean(at)
    assert any("cannot travel in a link" in i.value for i in at.info)
    assert table(at) == table(open_page("valley_vs_bowl"))
    assert at.query_params["data"] == "own"  # the link stays what it was
    # Loading the file then uses the columns the link named.
    paste(at, "B,A,y\n" + "\n".join(",".join(r.split(",")[i] for i in (1, 0, 2))
                                     for r in csv_of(SEED_DATA.X, SEED_DATA.y).splitlines()[1:]))
    assert_clean(at)
    assert at.selectbox(key="own_a").value == "A"
    assert table(at) == table(open_page("valley_vs_bowl"))


def test_a_cell_of_the_file_is_shown_as_text_never_as_markup():
    at, _before = _loaded()
    paste(at, "A,B,y\n1,2,3\n4,<b>**x**</b>,6\n7,8,9\n")
    message = errors(at)
    assert "\\*\\*x\\*\\*" in message and "\\<b\\>" in message, message


@pytest.mark.parametrize("page", ["inside_a_batch", "optimizer_race", "where_it_matters"])
def test_every_two_feature_page_takes_own_data(page):
    at = own(page)
    X = SEED_DATA.X * np.array([1.0, 5.0])
    paste(at, csv_of(X, SEED_DATA.y))
    assert_clean(at)
    assert at.query_params["data"] == "own"
    assert not any("cannot travel in a link" in i.value for i in at.info)


def test_with_own_data_the_downloads_offer_the_charts_but_not_the_generated_data_files():
    generated = open_page("valley_vs_bowl")
    names = [b.label for b in generated.get("download_button")]
    assert "valley_vs_bowl.py" in names and "paths.csv" in names, names
    at, _before = _loaded()
    names = [b.label for b in at.get("download_button")]
    assert "valley_vs_bowl.py" not in names and "paths.csv" not in names, names
    assert any(name.startswith("raw") for name in names), names  # the charts still are
    assert any("written for the generated data" in c.value for c in at.caption)
