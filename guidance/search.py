"""Site search over guidance pages and FAQ answers.

Small enough to scan in memory: about twenty pages, already rendered to text once per
process. Every word of the query must appear; title matches rank first. Words are matched
the way people type them: "cp 504" and a bare "504" mean the notice CP504, and a plural
finds its singular ("payment plans" finds what "payment plan" finds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    snippet: SafeString
    score: int


def terms_of(query: str) -> list[str]:
    words: list[str] = []
    for word in WORD.findall(query[:MAX_QUERY_LENGTH].lower()):
        if words and words[-1] in NOTICE_PREFIXES and word.isdigit():
            words[-1] += word  # "cp 504" is one word: cp504
        else:
            words.append(word)
    terms = [_stem(word) for word in words if word not in STOP_WORDS]
    return list(dict.fromkeys(terms))[:MAX_TERMS]


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


def _contains(text: str, term: str) -> bool:
    # Match word starts, so "plan" finds "plans" but "tax" does not find "syntax".
    return re.search(rf"\b{re.escape(term)}", text) is not None


def _score(title: str, summary: str, body: str, terms: list[str], keywords: str = "") -> int:
    title, summary, body, keywords = title.lower(), summary.lower(), body.lower(), keywords.lower()
    if not all(_contains(f"{title} {keywords} {summary} {body}", term) for term in terms):
        return 0
    score = 0
    for term in terms:
        pattern = rf"\b{re.escape(term)}"
        score += 20 * _contains(title, term) + 15 * _contains(keywords, term)
        score += 5 * _contains(summary, term) + min(len(re.findall(pattern, body)), 10)
    phrase = " ".join(terms)
    if len(terms) > 1 and phrase in title:
        score += 30
    elif len(terms) > 1 and phrase in body:
        score += 10
    return score


def snippet(text: str, terms: list[str]) -> SafeString:
    """A short, escaped excerpt around the first match, with matches in <mark>."""
    pattern = re.compile("|".join(rf"\b{re.escape(t)}[a-z0-9]*" for t in terms), re.I)
    first = pattern.search(text)
    center = first.start() if first else 0
    start = max(0, center - SNIPPET_RADIUS)
    end = min(len(text), center + SNIPPET_RADIUS * 2)
    excerpt = text[start:end]
    # Escape the text between matches and the matches themselves, never the markup we add.
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(excerpt):
        parts.append(escape(excerpt[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(excerpt[last:]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 (every piece is escaped)


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
            results.append(Result(page.title, url, snippet(page.text, terms), score))
    return sorted(results, key=lambda r: -r.score)


def _faq_results(page: Page, terms: list[str]) -> list[Result]:
    results = []
    for entry in page.faq:
        score = _score(entry.question, "", entry.answer_text, terms)
        if score:
            results.append(
                Result(
                    entry.question,
                    reverse("guidance:faq") + f"#{entry.anchor}",
                    snippet(entry.answer_text, terms),
                    # A whole page says more than one answer: rank pages above answers.
                    score // 2,
                )
            )
    return results
