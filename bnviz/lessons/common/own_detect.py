"""How a visitor's CSV is written: its encoding, its delimiter and its decimal mark.

- **Encoding**: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark
  (Excel's "Unicode text"), else Windows-1252, the Latin-1 superset Excel writes on Windows
  (``€`` and curly quotes live in its 0x80-0x9F), else Latin-1 itself. A file with a NUL, or
  with more than 10 % control characters, is binary; the first bytes say what it probably is.
- **Delimiter**: ``,`` ``;`` tab or ``|``, whichever cuts the first lines into the same
  number (at least 2) of fields most often, with ties broken by how many of those fields read
  as numbers: ``1,5;2,75`` splits on ``,`` into ``1 | 5;2 | 75`` just as consistently as on
  ``;``, but only ``;`` gives numbers.
- **Decimal mark**: each cell that reads as a number in one convention only is a vote:
  ``2.75`` and ``0.125`` for the point, ``2,75`` and ``1.234,5`` for the comma. ``1.234`` and
  ``1,234`` read in both (a decimal or a thousands group) and do not vote; with no votes
  either way, a ``;``-separated file (what spreadsheets write where the comma is the decimal
  mark) takes the comma and any other the point.

Numbers accepted, in a file whose decimal mark is the point (the comma swaps the two marks):
an optional sign, digits with an optional fraction (``5``, ``5.``, ``.5``, ``5.25``), an
optional exponent (``1e-3``, ``1.5E+20``), and thousands groups of exactly three digits after
a first group of one to three digits without a leading zero (``1,234,567.5``). Not accepted,
so reported with the value quoted: spaces or apostrophes as thousands separators, currency and
percent signs, ``inf``, and Python's ``1_000``. A cell that is empty or reads ``NA``, ``N/A``,
``NaN``, ``null``, ``None``, ``#N/A`` or ``?`` (any case) is a missing value.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bnviz.i18n import N_, _
from bnviz.lessons.common.own_messages import DataProblem

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": N_("commas"), ";": N_("semicolons"), "\t": N_("tabs"),
                   "|": N_("vertical bars")}
MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", "#n/a", "?"})
# The first characters sniffed and checked for control bytes: enough for a few hundred rows.
SAMPLE_CHARS = 64 * 1024
# Sniffing reads at most this many lines of the sample.
SNIFF_RECORDS = 200
# Above this share of control characters a file is binary: text has none but tabs and line
# breaks, random bytes a quarter; a stray one in a short file must not count.
CONTROL_SHARE = 0.1

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
_MAGIC = (
    (b"PK\x03\x04", N_("a zip archive (an Excel .xlsx or an .ods workbook is one)")),
    (b"\xd0\xcf\x11\xe0", N_("an Office file (an old Excel .xls workbook, perhaps)")),
    (b"%PDF", N_("a PDF document")),
    (b"\x89PNG", N_("a PNG image")),
    (b"\xff\xd8\xff", N_("a JPEG image")),
    (b"\x1f\x8b", N_("a gzip archive")),
)


def _number(decimal: str, group: str) -> re.Pattern[str]:
    d, g = re.escape(decimal), re.escape(group)
    exponent = r"(?:[eE][+-]?\d+)?"
    return re.compile(rf"[+-]?(?:(?:[1-9]\d{{0,2}}(?:{g}\d{{3}})+|\d+)(?:{d}\d*)?|{d}\d+){exponent}")


# A number's spelling for each decimal mark (the other mark groups thousands).
NUMBER = {".": _number(".", ","), ",": _number(",", ".")}


@dataclass(frozen=True)
class Detected:
    """How the file was read: ``encoding`` (its name), ``delimiter`` (one of
    :data:`DELIMITERS`), ``decimal`` (``"."`` or ``","``), ``header`` (its first row names the
    columns; without one they are named ``column 1``, ``column 2``, ...)."""

    encoding: str
    delimiter: str
    decimal: str
    header: bool

    @property
    def phrase(self) -> str:
        """``UTF-8, values separated by semicolons, decimal comma, a header row``."""
        mark = _("decimal comma") if self.decimal == "," else _("decimal point")
        head = _("a header row") if self.header else _("no header row")
        return _("{encoding}, values separated by {separators}, {mark}, {head}").format(
            encoding=self.encoding, separators=_(DELIMITER_NAMES[self.delimiter]), mark=mark,
            head=head)


def _binary(data: bytes) -> DataProblem:
    kind = next((name for magic, name in _MAGIC if data.startswith(magic)), N_("a binary file"))
    return DataProblem(kind="binary", what=_("This is {kind}, not a CSV file (which is text).").format(
                           kind=_(kind)),
                       fix=_("Open it in your spreadsheet and save it as CSV."))


def decode(data: bytes) -> tuple[str, str] | DataProblem:
    """``(text, encoding name)``, or the problem that the bytes are not text."""
    if any(data.startswith(magic) for magic, _ in _MAGIC):
        return _binary(data)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, name = data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            return _binary(data)
    elif b"\x00" in data:  # no 8-bit text encoding writes NUL
        return _binary(data)
    else:
        text, name = _decode_8bit(data)
    sample = text[:SAMPLE_CHARS]
    if "\x00" in text or len(_CONTROL.findall(sample)) > CONTROL_SHARE * len(sample):
        return _binary(data)
    return text, name


def _decode_8bit(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError:
            data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252 (Latin-1)"
    except UnicodeDecodeError:  # five bytes Windows-1252 leaves undefined
        return data.decode("latin-1"), "Latin-1"


def is_blank(record: list[str]) -> bool:
    """A row with no value in it: a spreadsheet's empty row, perhaps written as ``;;;``."""
    return not any(cell.strip() for cell in record)


def trimmed(record: list[str]) -> list[str]:
    """``record`` without its empty last cells (spreadsheets write them when a later row is
    longer): what counts is where the values end."""
    end = len(record)
    while end and not record[end - 1].strip():
        end -= 1
    return record[:end]


def _numberish(cell: str) -> bool:
    c = cell.strip()
    return c.casefold() in MISSING or any(p.fullmatch(c) for p in NUMBER.values())


def sniff_delimiter(sample: str) -> str | None:
    """The delimiter of :data:`DELIMITERS` that best cuts ``sample`` into columns, or None when
    none cuts it into two or more (a file of one column)."""
    best, best_score = None, 0.0
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, skipinitialspace=True)
        try:
            records = [trimmed(r) for r in itertools.islice(reader, SNIFF_RECORDS) if not is_blank(r)]
        except csv.Error:
            continue
        widths = Counter(len(r) for r in records)
        if not widths:
            continue
        width, count = widths.most_common(1)[0]
        if width < 2:
            continue
        cells = [c for r in records[1:] if len(r) == width for c in r]  # records[0]: a header?
        numbers = sum(map(_numberish, cells)) / len(cells) if cells else 0.0
        score = count / len(records) * (1.0 + numbers)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def decimal_mark(cells: Iterable[str], *, delimiter: str) -> str:
    """``"."`` or ``","``: the mark more of ``cells`` vote for (see the module's docstring)."""
    point = comma = 0
    for cell in cells:
        c = cell.strip()
        as_point = NUMBER["."].fullmatch(c) is not None
        as_comma = NUMBER[","].fullmatch(c) is not None
        point += as_point and not as_comma
        comma += as_comma and not as_point
    if point != comma:
        return "." if point > comma else ","
    return "," if delimiter == ";" else "."


def as_float_text(cell: str, decimal: str) -> str:
    """A number as ``decimal`` writes it (already matched by ``NUMBER[decimal]``), spelled for
    ``float``: thousands groups removed, a decimal comma made a point."""
    if decimal == ",":
        return cell.replace(".", "").replace(",", ".")
    return cell.replace(",", "")
