"""Guidance pages: Markdown files with YAML front matter, rendered once per process.

Editors change the words in guidance/content/<language>/*.md without touching Python.
The front matter carries the title, a one-sentence summary, the meta description,
the "last reviewed" date, the official sources and the related pages.

Pages never type a rate, fee or limit. They write `{{ name }}` and fill_figures() puts in
the figure from notices/irs/figures.py (computed from notices/irs/rates.py) before rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

import markdown
import yaml
from django.urls import reverse
from django.utils import translation

from guidance.languages import current_language, supported
from guidance.readability import text_from_html
from notices.irs.figures import figures_in

CONTENT_DIR = Path(__file__).resolve().parent / "content"
FAQ_SLUG = "faq"
MARKDOWN_EXTENSIONS = ["tables", "attr_list", "sane_lists", "toc"]
# "## Question? {#anchor}" headings split the FAQ file into entries.
FAQ_HEADING = re.compile(r"^## (?P<question>.+?)\s*\{#(?P<anchor>[a-z0-9-]+)\}\s*$", re.M)
# "{{ short_term_limit }}": a figure from notices/irs/figures.py. Markdown gives "{{" no meaning.
PLACEHOLDER = re.compile(r"\{\{\s*(?P<name>[^{}]*?)\s*\}\}")


class ContentError(ValueError):
    """A content file is malformed; the message names the file."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Heading:
    anchor: str
    title: str


@dataclass(frozen=True)
class FaqEntry:
    anchor: str
    question: str
    answer_html: str
    answer_text: str


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    summary: str
    description: str
    order: int
    last_reviewed: date
    sources: tuple[Source, ...]
    related: tuple[str, ...]
    keywords: tuple[str, ...]
    html: str
    headings: tuple[Heading, ...]
    text: str
    faq: tuple[FaqEntry, ...] = ()
    notice_picture: bool = False  # front matter "notice_picture: true": show the drawn notice
    url: str = ""  # filled in once the URLconf is loaded (see _pages_for)
    # The language the words are in: "en" on a Spanish page not translated yet (see _pages_for).
    language: str = "en"


def fill_figures(text: str, path: Path, values: dict[str, str]) -> str:
    """`text` with every {{ name }} replaced by its figure; an unknown name is an error."""

    def figure(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in values:
            raise ContentError(f"{path.name}: unknown figure {{{{ {name} }}}}")
        return values[name]

    return PLACEHOLDER.sub(figure, text)


TABLE = re.compile(r"<table>.*?</table>", re.S)
HEADING_ID = re.compile(r'<h[2-6] id="([^"]+)"')


def _scrollable_tables(html: str) -> str:
    """Each table in a box that scrolls sideways when a phone is too narrow for it, so the
    page never does. The box takes focus, so a keyboard can scroll it, and is named by the
    heading of its section."""

    def wrap(match: re.Match[str]) -> str:
        ids = HEADING_ID.findall(html, 0, match.start())
        name = f' aria-labelledby="{ids[-1]}"' if ids else ""
        return f'<div class="table-scroll" role="region" tabindex="0"{name}>{match[0]}</div>'

    return TABLE.sub(wrap, html)


def _render(body: str) -> tuple[str, tuple[Heading, ...]]:
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    html = _scrollable_tables(md.convert(body))
    headings = tuple(
        Heading(anchor=token["id"], title=token["name"])
        for token in md.toc_tokens  # type: ignore[attr-defined]
        if token["level"] == 2
    )
    return html, headings


def _faq_entries(body: str, path: Path) -> tuple[FaqEntry, ...]:
    matches = list(FAQ_HEADING.finditer(body))
    if not matches:
        raise ContentError(f"{path.name}: no '## Question {{#anchor}}' headings found")
    entries = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(body)
        answer_html, _ = _render(body[match.end() : end])
        entries.append(
            FaqEntry(
                anchor=match["anchor"],
                question=match["question"].strip(),
                answer_html=answer_html,
                answer_text=text_from_html(answer_html),
            )
        )
    return tuple(entries)


def _language_of(path: Path) -> str:
    """A content file's language is its folder's ("en", "es"): its figures are in its words."""
    return supported(path.parent.name)


def parse_page(path: Path) -> Page:
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("---\n"):
        raise ContentError(f"{path.name}: missing front matter")
    try:
        _, front, body = raw.split("---\n", 2)
        meta = yaml.safe_load(front)
    except (ValueError, yaml.YAMLError) as error:
        raise ContentError(f"{path.name}: unreadable front matter ({error})") from None
    missing = {"title", "summary", "description", "order", "last_reviewed", "sources"} - set(meta)
    if missing:
        raise ContentError(f"{path.name}: front matter lacks {', '.join(sorted(missing))}")
    values = figures_in(_language_of(path))
    body = fill_figures(body, path, values)
    for key in ("title", "summary", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = fill_figures(meta[key], path, values)
    slug = path.stem
    faq = _faq_entries(body, path) if slug == FAQ_SLUG else ()
    html, headings = _render(body)
    return Page(
        slug=slug,
        title=meta["title"],
        summary=meta["summary"],
        description=meta["description"],
        order=int(meta["order"]),
        last_reviewed=meta["last_reviewed"],
        sources=tuple(Source(title=s["title"], url=s["url"]) for s in meta["sources"]),
        related=tuple(meta.get("related", ())),
        keywords=tuple(meta.get("keywords", ())),
        html=html,
        headings=headings,
        text=text_from_html(html),
        faq=faq,
        notice_picture=meta.get("notice_picture") is True,
    )


@cache
def _pages_for(language: str) -> dict[str, Page]:
    """Every page for the site in `language`: guidance/content/<language>/<slug>.md where
    it exists, else the English page (language "en": the template says so, in Spanish, and
    marks the article lang="en"). The translators only add files; nothing else changes."""
    english = {path.stem: path for path in (CONTENT_DIR / "en").glob("*.md")}
    own = {path.stem: path for path in (CONTENT_DIR / language).glob("*.md")}
    if language == "en":
        own = english
    pages = []
    # Links in the language being built, whatever language the first visitor used.
    with translation.override(language):
        for slug in english.keys() | own.keys():
            path = own.get(slug) or english[slug]
            found = replace(parse_page(path), language=language if slug in own else "en")
            pages.append(_with_url(found))
    return {page.slug: page for page in sorted(pages, key=lambda p: (p.order, p.slug))}


def _with_url(page: Page) -> Page:
    # Resolved once here, not on every render: the sidebar alone links ~20 pages.
    if page.slug == FAQ_SLUG:
        return replace(page, url=reverse("guidance:faq"))
    return replace(page, url=reverse("guidance:page", kwargs={"slug": page.slug}))


def all_pages() -> dict[str, Page]:
    """Every page of the current language, in reading order (the FAQ included)."""
    return _pages_for(current_language())


def guide_pages() -> list[Page]:
    """The explainer pages, without the FAQ."""
    return [page for slug, page in all_pages().items() if slug != FAQ_SLUG]


def get_page(slug: str) -> Page | None:
    return all_pages().get(slug)
