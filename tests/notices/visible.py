"""The text a person sees on a page: no tags, attributes, scripts or styles."""

from __future__ import annotations

from html.parser import HTMLParser

HIDDEN_TAGS = {"script", "style", "head", "template"}
# Tags that start a new line or box on screen: their text never runs into the next one.
BLOCK_TAGS = {
    "p", "li", "dt", "dd", "div", "h1", "h2", "h3", "h4", "tr", "td", "th", "section", "br",
    "ul", "ol", "dl", "figcaption", "label", "button", "option", "input", "article", "nav",
}  # fmt: skip


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS and self._hidden:
            self._hidden -= 1
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The page's text on one line, with single spaces between the pieces."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())
