"""The home page in a real browser: the three steps, their formulas, the links to pages."""

import pytest

from tests.browser.conftest import assert_no_exception, open_page

pytestmark = pytest.mark.browser


def test_home_shows_the_three_steps_with_rendered_formulas_and_links(page, app_url):
    open_page(page, app_url, "/")
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("h1").first.inner_text().startswith("Batch normalization")
    for step in ("Split the data set", "Standardize each feature", "Scale and shift"):
        # The page's script may still be sending its elements (a loaded machine): wait for each.
        main.get_by_text(step).first.wait_for()
    # KaTeX turned the LaTeX into markup: the two display formulas and the inline m.
    page.wait_for_selector(".katex-display .katex-html")
    assert main.locator(".katex-display").count() >= 2
    assert main.locator(".katex").count() >= 3
    formulas = " ".join(main.locator(".katex-display .katex-html").all_inner_texts())
    assert "γ" in formulas and "β" in formulas and "μ" in formulas
    assert main.get_by_text("$\\").count() == 0  # no LaTeX source left unrendered

    links = main.locator('[data-testid="stPageLink"] a')
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any(h.rstrip("/").endswith("valley_vs_bowl") for h in hrefs), hrefs
    assert_no_exception(page)

    main.locator('[data-testid="stPageLink"] a[href$="valley_vs_bowl"]').click()
    page.wait_for_url("**/valley_vs_bowl**")
    page.get_by_role("heading", name="Valley vs bowl").wait_for()
    assert_no_exception(page)
