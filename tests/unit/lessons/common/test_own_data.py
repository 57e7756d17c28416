"""Reading a visitor's CSV: what is detected, what comes back, and every kind of bad file.

Bad input never raises: each kind gives a DataProblem whose message names the row (as a
spreadsheet counts it, the header being row 1) and the column.
"""

import codecs
import csv
import hashlib
import io
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bnviz.lessons.common.own_data import MAX_BYTES, Table, read
from bnviz.lessons.common.own_messages import DataProblem, letter, quote
from bnviz.lessons.common.own_rows import MAX_ROWS


def table(data, **kwargs) -> Table:
    result = read(data, **kwargs)
    assert isinstance(result, Table), result
    return result


def problem(data, kind, **kwargs) -> DataProblem:
    result = read(data, **kwargs)
    assert isinstance(result, DataProblem), result
    assert result.kind == kind, result
    assert result.message.startswith(result.what) and result.fix in result.message
    return result


def written(rows, *, delimiter=",", decimal=".", header=("a", "b", "y"), encoding="utf-8") -> bytes:
    """The numbers of ``rows`` as the csv module writes them: each float's repr, its point made
    ``decimal``, under ``header`` (None: no header)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    if header is not None:
        writer.writerow(header)
    for row in rows:
        writer.writerow([repr(float(x)).replace(".", decimal) for x in row])
    return out.getvalue().encode(encoding)


def same_bits(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and np.array_equal(a.view(np.int64), b.view(np.int64))


ROWS = np.array([[1.5, 2.25, 3.0], [-0.125, 1234.5, 1e-7], [7.0, 0.1, 2.5e20], [2.0, 3.5, 4.75]])


# --- what is detected -------------------------------------------------------------------------

@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_found_and_gives_the_numbers(delimiter):
    t = table(written(ROWS, delimiter=delimiter))
    assert t.detected.delimiter == delimiter and t.detected.header
    assert t.names == ("a", "b", "y")
    for j, name in enumerate(t.names):
        assert same_bits(t.numbers[name], ROWS[:, j])


def test_the_italian_style_gives_exactly_the_arrays_of_the_comma_style():
    comma = table(written(ROWS))
    italian = table(written(ROWS, delimiter=";", decimal=","))
    assert (comma.detected.decimal, italian.detected.decimal) == (".", ",")
    assert italian.detected.delimiter == ";"
    for name in comma.names:
        assert same_bits(comma.numbers[name], italian.numbers[name])


@given(values=st.lists(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=3,
                                max_size=3), min_size=3, max_size=30),
       header=st.booleans(),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
@settings(max_examples=150, deadline=None)
def test_any_finite_floats_round_trip_bit_for_bit_in_both_styles(values, header, encoding):
    names = ("a", "b", "y") if header else None
    for delimiter, decimal in ((",", "."), (";", ",")):
        t = table(written(values, delimiter=delimiter, decimal=decimal, header=names,
                          encoding=encoding))
        assert t.detected.header is header
        assert t.names == (names or ("column 1", "column 2", "column 3"))
        for j, name in enumerate(t.names):
            assert same_bits(t.numbers[name], [row[j] for row in values])


@given(values=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=3, max_size=30),
       decimal=st.sampled_from([".", ","]))
@settings(max_examples=100, deadline=None)
def test_a_column_read_cell_by_cell_gives_the_same_bits_as_one_read_at_once(values, decimal):
    # A missing cell sends the column down the cell-by-cell path; dropping its row leaves
    # the numbers the one-call path reads from the complete file.
    rows = [[v, i] for i, v in enumerate(values)]
    delimiter = ";" if decimal == "," else ","
    whole = table(written(rows, delimiter=delimiter, decimal=decimal, header=("a", "i")))
    gap = written(rows, delimiter=delimiter, decimal=decimal, header=("a", "i")) + b"\r\n" + \
        delimiter.encode() + b"99\r\n"
    dropped = table(gap, drop_missing=True)
    assert dropped.dropped == 1
    assert same_bits(dropped.numbers["a"], whole.numbers["a"])
    assert same_bits(whole.numbers["a"], values)


def test_no_header_names_the_columns_by_number_and_row_1_is_data():
    t = table(b"1.5,2\n2.5,3\n3.5,4\n")
    assert not t.detected.header
    assert t.names == ("column 1", "column 2")
    assert t.rows.tolist() == [1, 2, 3]
    assert t.numbers["column 1"].tolist() == [1.5, 2.5, 3.5]


def test_a_header_over_a_text_label_column_is_still_found():
    t = table(b"x1,x2,species\n1,2,setosa\n3,4,virginica\n5,6,setosa\n")
    assert t.detected.header and t.numeric_names == ("x1", "x2")
    assert t.text["species"] == ("setosa", "virginica", "setosa")
    t = table(b"1,2,setosa\n3,4,virginica\n5,6,setosa\n")
    assert not t.detected.header and t.text["column 3"][0] == "setosa"


def test_an_empty_header_cell_is_named_by_its_position():
    t = table(b",a,b\n0,1.5,2\n1,2.5,3\n2,3.5,4\n")  # pandas writes its index so
    assert t.names == ("column 1", "a", "b")


@pytest.mark.parametrize("encoding, name", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"),
                                            ("cp1252", "Windows-1252 (Latin-1)"),
                                            ("utf-16", "UTF-16")])
def test_the_encodings_are_decoded_and_named(encoding, name):
    header = ("prix €", "qté", "y")
    t = table(written(ROWS, delimiter=";", decimal=",", header=header, encoding=encoding))
    assert t.detected.encoding == name
    assert t.names == header  # no BOM left on the first name


def test_latin_1_bytes_that_windows_1252_leaves_undefined_read_as_latin_1():
    t = table("a\x81;b\n1;2\n3;4\n5;6\n".encode("latin-1"))
    assert t.detected.encoding == "Latin-1" and t.names == ("a\x81", "b")


@pytest.mark.parametrize("text, delimiter, expected", [
    ("a;b\n1.234,5;1\n2;1\n3;1\n", ";", 1234.5),       # Italian thousands and decimal comma
    ('a,b\n"1,234.5",1\n2,1\n3,1\n', ",", 1234.5),     # quoted US thousands
    ("a;b\n1.234;1\n2.567;1\n3;1\n", ";", 1234.0),      # only ambiguous cells: ";" means comma
    ("a,b\n1.234,1\n2.567,1\n3,1\n", ",", 1.234),       # ... and "," the point
    ("a;b\n1.234;1\n0.5;1\n3;1\n", ";", 1.234),        # 0.5 votes for the point
    ("a;b\n0,125;1\n2;1\n3;1\n", ";", 0.125),          # a leading 0 is never a thousands group
    ("a\tb\n1,5e-3\t1\n2\t1\n3\t1\n", "\t", 0.0015),     # an exponent after a decimal comma
])
def test_the_decimal_mark_and_thousands_groups(text, delimiter, expected):
    t = table(text.encode())
    assert t.detected.delimiter == delimiter
    assert t.numbers["a"][0] == expected


def test_quoted_fields_with_line_breaks_are_one_row_each():
    data = b'a,"b\nsecond line",label\n1,2,"one\ntwo"\n2,3,x\n3,"4",x\n4,5,"a, b"\n'
    t = table(data)
    assert t.names == ("a", "b\nsecond line", "label")
    assert t.text["label"] == ("one\ntwo", "x", "x", "a, b")
    assert t.rows.tolist() == [2, 3, 4, 5]  # as a spreadsheet shows it: one row per record
    p = problem(data + b"5,oops,x\n", "text_in_numbers")
    assert p.row == 6 and p.column == "b\nsecond line"
    assert "Row 6, column “b second line” (B)" in p.what  # on one line


def test_blank_rows_are_skipped_but_keep_their_numbers():
    t = table(b"a;b\n1;2\n\n;;\n3;4\n5;6\n")
    assert t.rows.tolist() == [2, 5, 6]
    assert problem(b"a,b\n1,2\n\n3,x\n4,5\n6,7\n", "text_in_numbers").row == 4


def test_the_table_is_read_only_and_keyed_by_the_bytes():
    data = written(ROWS)
    t = table(data)
    assert t.digest == hashlib.sha256(data).hexdigest()
    with pytest.raises(ValueError):
        t.numbers["a"][0] = 1.0
    with pytest.raises(TypeError):
        t.numbers["z"] = np.zeros(4)  # type: ignore[index]
    assert table(data.decode()).digest == t.digest  # pasted text is its UTF-8 bytes


def test_a_table_pickles_as_streamlits_caches_need_and_stays_read_only():
    t = table(b"a,b,label\n1,2,x\n3,4,y\n5,6,x\n")
    back = pickle.loads(pickle.dumps(t))
    assert (back.names, back.detected, back.digest, back.dropped) == (
        t.names, t.detected, t.digest, t.dropped)
    assert back.numbers["b"].tolist() == [2, 4, 6] and back.text == {"label": ("x", "y", "x")}
    assert back.rows.tolist() == [2, 3, 4]
    assert not back.numbers["a"].flags.writeable and not back.rows.flags.writeable


# --- every kind of bad file ---------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"  \r\n\n\t", codecs.BOM_UTF8, b",,\n;;\n\n"])
def test_an_empty_file(data):
    assert "empty" in problem(data, "empty").what


def test_a_file_of_one_column():
    problem(b"price\n1.5\n2.5\n3.5\n", "one_column")


def test_text_in_a_numeric_column_names_the_row_the_column_and_the_value():
    p = problem(b"a,b,y\n1,2,3\n2,3,4\n3,abc,5\n4,5,6\n", "text_in_numbers")
    assert (p.row, p.column) == (4, "b")
    assert p.what.startswith("Row 4, column “b” (B): “abc” is not a number")


def test_the_first_bad_cell_in_reading_order_is_the_one_named():
    p = problem(b"a,b\n1,2\n2,x\ny,4\n4,5\n5,6\n6,7\n", "text_in_numbers")
    assert (p.row, p.column) == (3, "b")


def test_a_long_value_is_quoted_short_and_on_one_line():
    long = "word\n" * 30
    p = problem(f'a,b\n1,2\n2,"{long}"\n3,4\n4,5\n'.encode(), "text_in_numbers")
    quoted = p.what.split(": ", 1)[1].split(" is not")[0]
    assert quoted == "“" + "word " * 7 + "word…”"  # 40 characters between the quotes
    assert "\n" not in p.message
    assert quote("a\x07b") == "“a\N{REPLACEMENT CHARACTER}b”"


def test_a_number_with_the_other_decimal_mark_says_which_mark_the_file_uses():
    p = problem(b"a;b\n1,5;2\n2.5;3\n3,5;4\n4,5;5\n", "text_in_numbers")
    assert (p.row, p.column) == (3, "a") and "decimal comma" in p.fix


def test_missing_values_are_counted_by_column_and_the_rows_can_be_dropped():
    data = b"a,b,y\n1,,3\n2,3,NA\n3,1,2\n4,4,\n5,5,5\n6,6,6\n"
    p = problem(data, "missing")
    assert p.count == 3 and p.row == 2 and p.column == "b"
    assert "3 values are missing: 1 in “b”, 2 in “y” (the first in row 2)" in p.what
    assert "Drop the 3 rows" in p.fix
    t = table(data, drop_missing=True)
    assert t.dropped == 3 and t.n_rows == 3
    assert t.rows.tolist() == [4, 6, 7]
    assert t.numbers["a"].tolist() == [3, 5, 6] and t.numbers["y"].tolist() == [2, 5, 6]


@pytest.mark.parametrize("token", ["", "NA", "n/a", "NaN", "null", "None", "#N/A", "?"])
def test_the_spellings_of_a_missing_value(token):
    data = f"a,b\n1,2\n2,{token}\n3,4\n4,5\n".encode()
    assert problem(data, "missing").column == "b"


def test_the_column_named_is_the_one_of_the_first_missing_value():
    p = problem(b"a,b\n1,2\n2,\n,4\n4,5\n", "missing")
    assert (p.row, p.column) == (3, "b")


def test_missing_labels_are_missing_values_too():
    p = problem(b"a,label\n1,x\n2,\n3,y\n4,x\n", "missing")
    assert p.column == "label" and p.row == 3


def test_a_column_with_no_value_is_kept_empty_and_does_not_count_as_missing():
    t = table(b"a,b,notes\n1,2,\n2,3,\n3,4,\n")
    assert t.names == ("a", "b", "notes") and "notes" not in t.numbers and "notes" not in t.text


@pytest.mark.parametrize("data, n", [(b"a,b\n1,2\n3,4\n", 2), (b"a,b\n", 0), (b"1,2\n", 0)])
def test_fewer_than_three_rows(data, n):
    p = problem(data, "too_few_rows")
    assert p.count == n and "at least 3" in p.what


def test_fewer_than_three_rows_left_after_dropping_says_so():
    p = problem(b"a,b\n1,2\n,3\n4,\n5,6\n", "too_few_rows", drop_missing=True)
    assert p.what.startswith("Only 2 rows of data are left after dropping those with missing values")


def test_more_rows_than_the_bound():
    head = b"a,b\n"
    assert table(head + b"1,2\n" * MAX_ROWS).n_rows == MAX_ROWS
    p = problem(head + b"1,2\n" * (MAX_ROWS + 1), "too_many_rows")
    assert f"{MAX_ROWS:,}" in p.what
    problem(b"1,2\n" * (MAX_ROWS + 1), "too_many_rows")  # no header: every row is data


def test_more_bytes_than_the_upload_cap_is_refused_before_reading():
    p = problem(b"a,b\n" + b"1" * MAX_BYTES, "too_large")
    assert p.count == MAX_BYTES + 4
    assert p.what == "The file is 5.1 MB, over the limit of 5 MB."
    problem("é" * (MAX_BYTES // 2 + 1), "too_large")  # pasted text counts its UTF-8 bytes
    assert not isinstance(read(b"a,b\n1,2\n3,4\n5,6\n" + b" " * (MAX_BYTES - 16)), DataProblem)


@pytest.mark.parametrize("data, kind", [
    (b"PK\x03\x04\x14\x00\x06\x00" + b"x" * 100, "zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"x" * 100, "Office file"),
    (b"\x89PNG\r\n\x1a\n" + b"x" * 100, "PNG image"),
    (b"%PDF-1.7\n" + b"x" * 100, "PDF document"),
    (b"a,b\n1,2\x00\n3,4\n", "binary file"),
    (bytes(range(1, 32)) * 10 + b"a,b\n1,2\n3,4\n5,6\n", "binary file"),
])
def test_a_binary_file_renamed_csv(data, kind):
    assert kind in problem(data, "binary").what


def test_duplicate_column_names_name_their_letters():
    p = problem(b"a,b,a,c,a\n1,2,3,4,5\n2,3,4,5,6\n3,4,5,6,7\n", "duplicate_names")
    assert p.column == "a" and p.count == 3
    assert p.what == "3 columns are named “a”: A, C and E."
    assert [letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_a_row_longer_than_the_header():
    p = problem(b"a,b\n1,2\n2,3\n3,4,5\n4,5\n", "ragged")
    assert p.row == 4 and p.what.startswith("Row 4 has 3 values, but the header names 2 columns")


def test_a_row_shorter_than_the_header_has_missing_values():
    assert problem(b"a,b,c\n1,2,3\n2,3\n3,4,5\n4,5,6\n", "missing").column == "c"


@pytest.mark.parametrize("data, row, words", [
    (b'a,b\n1,2\n"3,4\n5,6\n', 3, "never closed"),
    (b'a,b\n1,2\n3,"4"5\n5,6\n', 3, "followed by more text"),
    (b'a,b\n1,2\n3,"' + b"x" * 200_000 + b'"\n', 3, "longer than"),
])
def test_a_misplaced_quote_names_its_row(data, row, words):
    p = problem(data, "malformed")
    assert p.row == row and words in p.what


def test_a_number_too_large_for_a_float():
    p = problem(b"a,b\n1,2\n2,3\n3,1e999\n", "out_of_range")
    assert (p.row, p.column) == (4, "b") and "“1e999”" in p.what


@pytest.mark.parametrize("cell", ["inf", "1_000", "1 000", "12%", "$5", "1.2.3", "--1", "0,5.5"])
def test_spellings_float_would_take_or_guess_are_text(cell):
    p = problem(f"a;b\n1;2\n2;3\n3;{cell}\n4;5\n".encode(), "text_in_numbers")
    assert p.row == 4 and quote(cell) in p.what


# --- never an exception -----------------------------------------------------------------------

def _sound(result):
    assert isinstance(result, Table | DataProblem)
    if isinstance(result, Table):
        assert result.n_rows >= 3 and len(set(result.names)) == len(result.names)
        for values in result.numbers.values():
            assert values.shape == (result.n_rows,) and np.isfinite(values).all()
        for cells in result.text.values():
            assert len(cells) == result.n_rows
    else:
        assert result.what and result.fix


@given(st.binary(max_size=3000))
@settings(max_examples=300, deadline=None)
def test_any_bytes_give_a_table_or_a_problem(data):
    _sound(read(data))


@given(st.text(alphabet=',;\t|"\n\r 0123456789.-+eEaxNA€é?#', max_size=400), st.booleans())
@settings(max_examples=400, deadline=None)
def test_any_csv_like_text_gives_a_table_or_a_problem(text, drop):
    _sound(read(text, drop_missing=drop))
