"""Each Spanish guide page reads "fairly easy" or easier on the Fernández-Huerta scale (70 or
more) with short sentences (15 words or fewer on average), for readers with little schooling."""

from __future__ import annotations

import pytest
import textstat

from tests.guidance.spanish import DONE, SPANISH, page_pair, reader_text

FAIRLY_EASY = 70.0
MAX_WORDS_PER_SENTENCE = 15.0


@pytest.fixture
def spanish_textstat():
    """textstat keeps one language for the whole process; give English back afterwards."""
    textstat.set_lang("es")
    yield textstat
    textstat.set_lang("en_US")


def score(text: str) -> tuple[float, float]:
    return float(textstat.fernandez_huerta(text)), float(textstat.words_per_sentence(text))


@pytest.mark.parametrize("name", DONE)
def test_spanish_page_is_fairly_easy_with_short_sentences(name, spanish_textstat):
    _, spanish = page_pair(name)
    ease, length = score(reader_text(spanish))
    assert ease >= FAIRLY_EASY, f"{name}: Fernández-Huerta {ease:.1f}"
    assert length <= MAX_WORDS_PER_SENTENCE, f"{name}: {length:.1f} words a sentence"


@pytest.mark.parametrize("name", DONE)
def test_each_faq_answer_is_fairly_easy_too(name, spanish_textstat):
    _, spanish = page_pair(name)
    for entry in spanish.faq:
        ease, _ = score(f"{entry.question} {entry.answer_text}")
        assert ease >= FAIRLY_EASY - 10, f"{entry.anchor}: Fernández-Huerta {ease:.1f}"


def test_the_measure_tells_hard_spanish_from_easy(spanish_textstat):
    easy = "Usted recibió una carta. Es una cuenta. No es una auditoría. Tiene tiempo."
    hard = (
        "La administración tributaria estadounidense, mediante notificaciones "
        "correspondientes, comunica determinaciones administrativas extraordinariamente "
        "complicadas relacionadas con obligaciones contributivas internacionales."
    )
    assert score(easy)[0] >= FAIRLY_EASY > score(hard)[0]
    assert SPANISH.is_dir()
