"""Site search over guidance pages and FAQ answers.

Small enough to scan in memory: about twenty pages, already rendered to text once per
process. Every word of the query must appear; title matches rank first. Words are matched
the way people type them:
- "cp 504", "CP-504" and a bare "504" mean the notice CP504;
- a plural finds its singular ("payment plans" finds what "payment plan" finds);
- a few words people use for the same thing find each other ("payment plan" finds
  "installment agreement"; "garnish" finds "levy");
- a misspelled word that no page uses is read as the nearest word the guide does use
  ("intrest" is read as "interest"), and the page says so.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from guidance.content import FAQ_SLUG, Page, all_pages
from notices.irs.notice_types import RULES

MAX_QUERY_LENGTH = 500
MAX_TERMS = 12
SNIPPET_RADIUS = 90
STOP_WORDS = {
    "a", "an", "and", "are", "can", "do", "does", "for", "how", "i", "if", "in", "is", "it",
    "me", "my", "of", "on", "or", "the", "to", "what", "when", "why", "with", "you", "your",
}  # fmt: skip
WORD = re.compile(r"[a-z0-9]+")
# The letters before a notice's number ("cp 504"), and each notice by its bare number.
NOTICE_PREFIXES = {"cp", "lt"}
NOTICE_NUMBERS = {code.lower().lstrip("cplt"): code.lower() for code in ("CP11", "CP12", *RULES)}
# Words and phrases that mean the same thing to the person searching: any one finds the rest.
SYNONYMS = (
    ("payment plan", "installment agreement", "installment plan"),
    ("levy", "garnish", "garnishment", "seize", "seizure"),
    ("scam", "fake", "fraud", "phishing"),
    ("waive", "abate", "penalty relief"),
    ("settle", "offer in compromise"),
    ("hardship", "currently not collectible"),
    ("tas", "taxpayer advocate"),
)
# Spellings people often type that a close-match search could read wrongly.
MISSPELLINGS = {
    "instalment": "installment",
    "installement": "installment",
    "intrest": "interest",
    "penality": "penalty",
    "penelty": "penalty",
    "abatment": "abatement",
    "reciept": "receipt",
    "adress": "address",
}
# A word no page uses is read as the nearest one only when it is this close (0 to 1).
CLOSE_ENOUGH = 0.8

# One alternative: the stems of a word or phrase. One term: alternatives, any of which matches.
Stems = tuple[str, ...]
Term = tuple[Stems, ...]


@dataclass(frozen=True)
class Result:
    title: SafeString
    url: str
    snippet: SafeString
    score: int


def _typed(query: str) -> list[str]:
    words: list[str] = []
    for word in WORD.findall(query[:MAX_QUERY_LENGTH].lower()):
        if words and words[-1] in NOTICE_PREFIXES and word.isdigit():
            words[-1] += word  # "cp 504" and "cp-504" are one word: cp504
        else:
            words.append(word)
    return words


def _spelled(word: str) -> str:
    """The word, or the guide's word it was most likely meant to be."""
    if word in MISSPELLINGS:
        return MISSPELLINGS[word]
    known = _vocabulary(get_language() or "en")
    if word.isdigit() or len(word) < 5 or word in STOP_WORDS or word in known:
        return word
    if any(other.startswith(_stem(word)) for other in known):
        return word  # a plural or a longer form of a word the guide uses
    close = difflib.get_close_matches(word, known, n=1, cutoff=CLOSE_ENOUGH)
    return close[0] if close else word


@cache
def _vocabulary(language: str) -> frozenset[str]:
    """Every word the guide uses in this language (all_pages() follows the active one), in
    titles, page text and FAQ answers: one set per language, so a Spanish search never
    "corrects" an English word into a Spanish one."""
    words: set[str] = set()
    for page in all_pages().values():
        text = " ".join([page.title, page.summary, page.text, *page.keywords])
        text += " ".join(f"{entry.question} {entry.answer_text}" for entry in page.faq)
        words.update(WORD.findall(text.lower()))
    words.update(word for group in SYNONYMS for phrase in group for word in phrase.split())
    return frozenset(words)


def _stems(phrase: str) -> Stems:
    return tuple(_stem(word) for word in phrase.split())


@cache
def _synonym_stems() -> list[Term]:
    return [tuple(_stems(phrase) for phrase in group) for group in SYNONYMS]


def terms_of(query: str) -> list[Term]:
    """What each part of the query may match: a word, or a phrase and its synonyms."""
    stems = [_stem(_spelled(word)) for word in _typed(query)]
    terms: list[Term] = []
    at = 0
    while at < len(stems):
        group = _synonyms_at(stems, at)
        if group:
            terms.append(group[1])
            at += len(group[0])
        else:
            if stems[at] not in STOP_WORDS:
                terms.append(((stems[at],),))
            at += 1
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def _synonyms_at(stems: list[str], at: int) -> tuple[Stems, Term] | None:
    """The longest synonym phrase starting at this word, and its group."""
    found: tuple[Stems, Term] | None = None
    for group in _synonym_stems():
        for phrase in group:
            longer = found is None or len(phrase) > len(found[0])
            if longer and tuple(stems[at : at + len(phrase)]) == phrase:
                found = (phrase, group)
    return found


def understood(query: str) -> str:
    """The query as the search read it, when a spelling was corrected; otherwise ""."""
    typed = _typed(query)
    read = [_spelled(word) for word in typed]
    return " ".join(read) if read != typed else ""


def _stem(word: str) -> str:
    """The notice a bare number names, or the start a plural shares with its singular.

    Terms match the starts of words, so "plan" finds "plans" and "penalt" finds "penalty"
    and "penalties".
    """
    if word.isdigit():
        return NOTICE_NUMBERS.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3]
    if len(word) > 4 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1]
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _pattern(stems: Stems) -> str:
    # Word starts, so "plan" finds "plans" but "tax" does not find "syntax".
    return r"\b" + r"[a-z0-9]*\W+".join(re.escape(stem) for stem in stems)


def _any(term: Term) -> re.Pattern[str]:
    return re.compile("|".join(_pattern(stems) for stems in term))


def _contains(text: str, term: Term) -> bool:
    return _any(term).search(text) is not None


def _score(title: str, summary: str, body: str, terms: list[Term], keywords: str = "") -> int:
    title, summary, body, keywords = title.lower(), summary.lower(), body.lower(), keywords.lower()
    if not all(_contains(f"{title} {keywords} {summary} {body}", term) for term in terms):
        return 0
    score = 0
    for term in terms:
        score += 20 * _contains(title, term) + 15 * _contains(keywords, term)
        score += 5 * _contains(summary, term) + min(len(_any(term).findall(body)), 10)
    if len(terms) > 1:
        phrase = re.compile(r"[a-z0-9]*\W+".join(_pattern(term[0]) for term in terms))
        if phrase.search(title):
            score += 30
        elif phrase.search(body):
            score += 10
    return score


def highlight(text: str, terms: list[Term]) -> SafeString:
    """The text, escaped, with every match in <mark>."""
    if not terms:
        return escape(text)
    pattern = _marks(terms)
    parts: list[str] = []
    last = 0
    # Escape the text between matches and the matches themselves, never the markup we add.
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece is escaped)


def _marks(terms: list[Term]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{_pattern(s)})[a-z0-9]*" for t in terms for s in t), re.I)


def snippet(text: str, terms: list[Term]) -> SafeString:
    """A short, escaped excerpt around the first match, with matches in <mark>."""
    first = _marks(terms).search(text)
    center = first.start() if first else 0
    start = max(0, center - SNIPPET_RADIUS)
    end = min(len(text), center + SNIPPET_RADIUS * 2)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + highlight(text[start:end], terms) + suffix)  # noqa: S308


def search(query: str) -> list[Result]:
    terms = terms_of(query)
    if not terms:
        return []
    results = []
    for page in all_pages().values():
        if page.slug == FAQ_SLUG:
            results.extend(_faq_results(page, terms))
            continue
        keywords = " ".join(page.keywords)
        score = _score(page.title, page.summary, page.text, terms, keywords)
        if score:
            url = page.url
            title = highlight(page.title, terms)
            results.append(Result(title, url, snippet(page.text, terms), score))
    return sorted(results, key=lambda r: -r.score)


def _faq_results(page: Page, terms: list[Term]) -> list[Result]:
    results = []
    for entry in page.faq:
        score = _score(entry.question, "", entry.answer_text, terms)
        if score:
            results.append(
                Result(
                    highlight(entry.question, terms),
                    reverse("guidance:faq") + f"#{entry.anchor}",
                    snippet(entry.answer_text, terms),
                    # A whole page says more than one answer: rank pages above answers.
                    score // 2,
                )
            )
    return results
