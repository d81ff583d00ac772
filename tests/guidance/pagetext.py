"""Reading guide pages as a reader does: blocks (a paragraph, a list item, a table row),
sentences, and the section under one heading. Shared by the guide page tests."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from guidance import content
from guidance.content import FAQ_SLUG, Page, all_pages
from notices.irs.figures import figures_in

BLOCK_TAGS = {"p", "li", "tr", "h2", "h3", "h4", "dt", "dd", "caption"}
CELL_TAGS = {"td", "th"}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“*(0-9$])")
HEADING = re.compile(r'<h(?P<level>[2-6]) id="(?P<id>[^"]+)"')
ID = re.compile(r'\bid="([^"]+)"')


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._parts: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split()).strip(" |")
        self._parts = []
        if text:
            self.blocks.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self._flush()
        elif tag in CELL_TAGS:
            self._parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def blocks(html: str) -> list[str]:
    """The text of each paragraph, list item, heading and table row (cells joined by "|")."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return parser.blocks


def sentences(html: str) -> list[str]:
    return [part for block in blocks(html) for part in SENTENCE_END.split(block) if part]


def section(page: Page, anchor: str) -> str:
    """The HTML under the heading with id `anchor`, up to the next heading of its level or
    higher. Fails the test when there is no such heading."""
    html = page.html
    match = next((m for m in HEADING.finditer(html) if m["id"] == anchor), None)
    assert match is not None, f"{page.slug} has no heading #{anchor}"
    level = int(match["level"])
    end = len(html)
    for later in HEADING.finditer(html, match.end()):
        if int(later["level"]) <= level:
            end = later.start()
            break
    return html[match.start() : end]


def faq_answer(anchor: str) -> str:
    entries = {entry.anchor: entry for entry in all_pages()[FAQ_SLUG].faq}
    assert anchor in entries, f"the FAQ has no question #{anchor}"
    return entries[anchor].answer_html


def ids(page: Page) -> set[str]:
    return set(ID.findall(page.html))


def every_page() -> list[Page]:
    return list(all_pages().values())


def reparse() -> None:
    """Figures and pages are worked out once per process: work them out again."""
    figures_in.cache_clear()
    content._pages_for.cache_clear()
