"""Each Spanish guide page reads "fairly easy" or easier on the Fernández-Huerta scale (70 or
more) with short sentences (15 words or fewer on average), for readers with little schooling.

textstat counts Spanish syllables with pyphen's hyphenation patterns, which miss some
syllables (a hyphen is never put one letter from the end of a word), so its score runs a few
points high. The pages must also pass with a stricter count of our own: every vowel group is a
syllable, and two strong vowels side by side (a, e, o, or an accented í, ú) are two.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
import textstat

from tests.guidance.spanish import DONE, page_pair, reader_text

FAIRLY_EASY = 70.0
MAX_WORDS_PER_SENTENCE = 15.0
LONGEST_SENTENCE = 25  # words: one long sentence loses a reader even when the average is fine
WORD = re.compile(r"[a-záéíóúüñ]+", re.I)
VOWEL_GROUP = re.compile(r"[aeiouáéíóúü]+", re.I)
STRONG_VOWELS = set("aeoáéóíú")
SENTENCE_BREAK = re.compile(r"(?<=[.!?:;])\s+")


@pytest.fixture
def spanish_textstat():
    """textstat keeps one language for the whole process; give English back afterwards."""
    textstat.set_lang("es")
    yield textstat
    textstat.set_lang("en_US")


def score(text: str) -> tuple[float, float]:
    return float(textstat.fernandez_huerta(text)), float(textstat.words_per_sentence(text))


def syllables(word: str) -> int:
    count = 0
    for group in VOWEL_GROUP.findall(word.lower()):
        count += 1 + sum(a in STRONG_VOWELS and b in STRONG_VOWELS for a, b in pairwise(group))
    return max(1, count)


def strict_fernandez_huerta(text: str) -> float:
    """The same formula, 206.84 - 60 x syllables a word - 1.02 x words a sentence, counted
    by the vowel rule above."""
    words = WORD.findall(text)
    per_word = sum(syllables(word) for word in words) / len(words)
    return 206.84 - 60 * per_word - 1.02 * float(textstat.words_per_sentence(text))


@pytest.mark.parametrize("name", DONE)
def test_spanish_page_is_fairly_easy_with_short_sentences(name, spanish_textstat):
    _, spanish = page_pair(name)
    text = reader_text(spanish)
    ease, length = score(text)
    assert ease >= FAIRLY_EASY, f"{name}: Fernández-Huerta {ease:.1f}"
    assert strict_fernandez_huerta(text) >= FAIRLY_EASY, name
    assert length <= MAX_WORDS_PER_SENTENCE, f"{name}: {length:.1f} words a sentence"


@pytest.mark.parametrize("name", DONE)
def test_no_spanish_sentence_runs_long(name):
    _, spanish = page_pair(name)
    long = [
        s for s in SENTENCE_BREAK.split(reader_text(spanish)) if len(s.split()) > LONGEST_SENTENCE
    ]
    assert not long, f"{name}: {long}"


@pytest.mark.parametrize("name", DONE)
def test_each_faq_answer_is_fairly_easy_too(name, spanish_textstat):
    _, spanish = page_pair(name)
    for entry in spanish.faq:
        ease, _ = score(f"{entry.question} {entry.answer_text}")
        assert ease >= FAIRLY_EASY - 10, f"{entry.anchor}: Fernández-Huerta {ease:.1f}"


def test_the_measures_tell_hard_spanish_from_easy(spanish_textstat):
    easy = "Usted recibió una carta. Es una cuenta. No es una auditoría. Tiene tiempo."
    hard = (
        "La administración tributaria estadounidense, mediante notificaciones "
        "correspondientes, comunica determinaciones administrativas extraordinariamente "
        "complicadas relacionadas con obligaciones contributivas internacionales."
    )
    assert score(easy)[0] >= FAIRLY_EASY > score(hard)[0]
    assert strict_fernandez_huerta(easy) >= FAIRLY_EASY > strict_fernandez_huerta(hard)
    assert [syllables(w) for w in ("carta", "preocupe", "día", "auditoría", "ley")] == [
        2,
        4,
        2,
        5,
        1,
    ]
