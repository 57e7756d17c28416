"""A visitor's own CSV through the real upload button: an Italian spreadsheet's file (";" and
decimal commas, Latin-1) replaces the generated data, and a bad file is said with the data kept."""

import numpy as np
import pytest

from bnviz.core.data import make_two_features
from tests.browser.conftest import assert_no_exception, open_with_data, wait_for_charts

pytestmark = pytest.mark.browser


def _italian_csv(X: np.ndarray, y: np.ndarray) -> bytes:
    lines = ["Età;Peso;Costo"]  # accented header names: Latin-1 bytes
    for (a, b), t in zip(X, y, strict=True):
        lines.append(";".join(repr(float(v)).replace(".", ",") for v in (a, b, t)))
    return ("\r\n".join(lines) + "\r\n").encode("latin-1")


def _caption_texts(page) -> str:
    return " ".join(page.locator('[data-testid="stCaptionContainer"]').all_inner_texts())


def test_an_uploaded_italian_file_is_read_and_a_bad_one_keeps_it(page, app_url):
    open_with_data(page, app_url, "/valley_vs_bowl")  # the data controls, unfolded
    wait_for_charts(page, 5)
    page.get_by_text("Your CSV", exact=True).click()
    data = make_two_features(b_hi=500.0)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "dati.csv", "mimeType": "text/csv", "buffer": _italian_csv(data.X, data.y)}])
    page.wait_for_function("() => location.search.includes('data=own')", timeout=90_000)
    page.get_by_text("100 rows of data").wait_for(timeout=90_000)
    captions = _caption_texts(page)
    assert "semicolons" in captions and "decimal comma" in captions and "Latin-1" in captions, captions
    page.wait_for_function("() => location.search.includes('own_a=Et%C3%A0')", timeout=90_000)

    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "photo.csv", "mimeType": "text/csv",
                "buffer": b"\x89PNG\r\n\x1a\n" + bytes(range(256))}])
    page.get_by_text("This is a PNG image, not a CSV file").wait_for(timeout=90_000)
    assert "The data read before is still in use." in _caption_texts(page)
    assert "100 rows of data" in _caption_texts(page)
    assert_no_exception(page)
