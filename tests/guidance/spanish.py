"""The Spanish guide pages beside their English originals, parsed with the project's own
parser (guidance.content.parse_page), so these tests do not wait on the language-aware loader."""

from __future__ import annotations

from pathlib import Path

from guidance.content import CONTENT_DIR, Page, parse_page

ENGLISH = CONTENT_DIR / "en"
SPANISH = CONTENT_DIR / "es"
NAMES = sorted(path.name for path in ENGLISH.glob("*.md"))
DONE = [name for name in NAMES if (SPANISH / name).exists()]


def page_pair(name: str) -> tuple[Page, Page]:
    """(English page, Spanish page) for one content file name."""
    return parse_page(ENGLISH / name), parse_page(SPANISH / name)


def reader_text(page: Page) -> str:
    """Everything a reader reads on the page: title, summary and body."""
    return f"{page.title}. {page.summary} {page.text}"


def spanish_paths() -> list[Path]:
    return sorted(SPANISH.glob("*.md"))
