"""Switching the language on a page in a real browser: the charts' titles and axis titles
change to Italian, the numbers take Italian marks, and no other setting is lost."""

import pytest

from tests.browser.conftest import (
    assert_no_exception,
    chart,
    open_page,
    slider_value,
    wait_for_charts,
    wait_for_query,
)

pytestmark = pytest.mark.browser

TEXTS_JS = """el => {
  const l = el._fullLayout, out = [l.title && l.title.text];
  for (const k of Object.keys(l)) {
    if (/^[xy]axis\\d*$/.test(k) && l[k].title) out.push(l[k].title.text);
    if (/^scene\\d*$/.test(k)) for (const a of ['xaxis', 'yaxis', 'zaxis']) out.push(l[k][a].title.text);
  }
  return out.filter(Boolean);
}"""


def _texts(page, keys):
    return {key: chart(page, key).evaluate(TEXTS_JS) for key in keys}


def test_switching_to_italian_translates_the_charts_and_keeps_the_settings(page, app_url):
    open_page(page, app_url, "/optimizer_race", "b_hi=500&steps=150")
    states = wait_for_charts(page, 3)
    english = _texts(page, states)
    assert any("step" in " ".join(t) for t in english.values()), english
    page.get_by_text("Data: the features' ranges").click()
    assert slider_value(page, "Upper bound of feature B") == "500"

    page.locator('[data-testid="stSelectbox"]').filter(has_text="Language").click()
    page.get_by_role("option", name="Italiano").click()
    query = wait_for_query(page, "lang=it")
    page.wait_for_function(
        f"([el, before]) => JSON.stringify(({TEXTS_JS})(el)) !== JSON.stringify(before)",
        arg=[chart(page, "race_cost").element_handle(), english["race_cost"]], timeout=90_000)
    wait_for_charts(page, 3)
    italian = _texts(page, states)
    for key in states:  # every chart's title and axis titles changed, none is lost
        assert len(italian[key]) == len(english[key]) and italian[key] != english[key], key
    assert any("passo" in " ".join(t) or "passi" in " ".join(t) for t in italian.values()), italian
    assert "b_hi=500" in query and "steps=150" in query  # the other settings stay
    page.get_by_text("Dati: gli intervalli delle variabili").click()
    assert slider_value(page, "Estremo superiore della variabile B") == "500"
    assert_no_exception(page)
