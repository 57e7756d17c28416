"""The Italian catalog keeps to its glossary (bnviz/locale/it/GLOSSARY.md): one Italian form
for each term, so a student meets one word for one idea, and the marks that keep numbers
readable (the percent sign, the separator of a list, the quotation marks)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from babel.messages.pofile import read_po

from bnviz import i18n

GLOSSARY = i18n.LOCALE_DIR / "it" / "GLOSSARY.md"


@dataclass(frozen=True)
class Term:
    english: tuple[str, ...]  # the English forms the row covers ("whitened, whitening")
    checked: str | None  # what the Italian must contain; None: the term is ambiguous


def _terms() -> list[Term]:
    terms = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("| ") or len(cells) != 4 or cells[0] in ("English", "---"):
            continue
        # "(of descent, of training)" says which sense; the term is what stands outside it.
        english = tuple(t.strip() for t in re.sub(r"\([^)]*\)", "", cells[0]).split(","))
        found = re.fullmatch(r"`([^`]+)`", cells[2])
        terms.append(Term(english=tuple(t for t in english if t),
                          checked=found.group(1) if found else None))
    return terms


def _messages() -> list[tuple[str, tuple[str, ...]]]:
    """(the English without placeholders, every Italian form) of each catalog entry."""
    with (i18n.LOCALE_DIR / "it" / "LC_MESSAGES" / "bnviz.po").open("rb") as f:
        catalog = read_po(f, locale="it")
    out = []
    for m in catalog:
        if not m.id:
            continue
        ids = (m.id,) if isinstance(m.id, str) else m.id
        strings = (m.string,) if isinstance(m.string, str) else m.string
        # Placeholders ({steps}, plotly's %{y:.3f}) are not words of the message.
        english = " ".join(re.sub(r"%?\{[^}]*\}", " ", text) for text in ids)
        out.append((english, tuple(strings)))
    return out


def _mentions(english: str, term: str) -> bool:
    return re.search(rf"\b{re.escape(term)}(?:s|es)?\b", english, flags=re.IGNORECASE) is not None


CHECKED = [t for t in _terms() if t.checked]


def test_the_glossary_is_read_whole():
    terms = _terms()
    assert len(terms) >= 40 and len(CHECKED) >= 30, (len(terms), len(CHECKED))
    assert all(t.english for t in terms)


@pytest.mark.parametrize("term", CHECKED, ids=[t.english[0] for t in CHECKED])
def test_a_glossary_term_reads_the_same_in_every_message(term):
    assert term.checked is not None
    uses = [(en, it) for en, it in _messages() if any(_mentions(en, e) for e in term.english)]
    # A row the catalog never uses is stale: it checks nothing.
    assert uses, f"no message uses {term.english}"
    wrong = [(en, s) for en, it in uses for s in it
             if term.checked.casefold() not in s.casefold()]
    assert wrong == [], f"{term.english} should read “{term.checked}”"


def test_a_percent_sign_follows_its_number_without_a_space():
    # Babel's Italian pattern is #,##0% ("80,0%"); "80 %" was the other half of the catalog.
    spaced = [s for _en, it in _messages() for s in it
              if re.search(r"(\d|\})\s+%(?!\{)", s)]
    assert spaced == []


def test_quotation_marks_are_the_ones_the_code_writes():
    # own_messages.quote writes a column's name in “ ”; the catalog says the same.
    assert [s for _en, it in _messages() for s in it if "«" in s or "»" in s] == []


def test_the_words_the_issue_found_misleading_are_gone():
    """Each of these read as something else to a student (issue 21)."""
    italian = [re.sub(r"%?\{[^}]*\}", " ", s) for _en, it in _messages() for s in it]

    def count(pattern: str) -> int:
        return sum(1 for s in italian if re.search(pattern, s))

    assert count(r"\bAnnulla\b") == 0  # the undo setting is not the Cancel button
    assert count(r"\bdivergono\b.*inferenza|inferenza.*\bdivergono\b") == 0
    assert count(r"^Momento$|\bMomento \(") == 0  # the optimizer is Momentum
    assert count(r"\bpercorso guidato\b|\bdal percorso\b") == 0  # the tour
    assert count(r"\bne fa da soglia\b") == 0
    assert count(r"\bè\s+di quello iniziale") == 0  # a fraction is "volte quello iniziale"
    assert count(r"\blo è\)") == 0
    assert count(r"\binput\b") == 0 and count(r"\btarget\b") == 0
    assert count(r"\binsieme di dati\b") == 0 and count(r"\bIoffe & Szegedy\b") == 0
