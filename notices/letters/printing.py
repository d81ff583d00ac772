"""Letters on paper: a frozen letter's HTML laid out as a PDF with WeasyPrint.

All WeasyPrint code lives here. The renderer gets our CSS as a string and a URL fetcher
that serves only our bundled stylesheet and fonts: it never touches the network or the
disk outside static/letters/, and user text cannot make it fetch anything (it is escaped
by the templates; the fetcher would refuse anyway). Nothing here knows about requests.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from notices.models import Letter

LETTERS_DIR = Path(settings.BASE_DIR) / "static" / "letters"
# The only URLs the PDF renderer may load, and the files they map to. letter.css names its
# fonts relative to itself ("fonts/…") so the browser preview finds them under /static/;
# for the PDF they are rewritten to these "app:" URLs (see pdf_stylesheet).
APP_PREFIX = "app:letters/"
BUNDLED_FILES = {
    "fonts/LiberationSerif-Regular.ttf": "font/ttf",
    "fonts/LiberationSerif-Bold.ttf": "font/ttf",
    "fonts/LiberationSerif-Italic.ttf": "font/ttf",
    "fonts/DejaVuSans.ttf": "font/ttf",
}


@cache
def _bundled(path: str) -> bytes:
    return (LETTERS_DIR / path).read_bytes()


class LetterFetcher(URLFetcher):
    """Deny by default: serve our bundled fonts from disk and nothing else.

    No network, no file:// and no redirects, whatever the HTML or CSS asks for. Every URL
    WeasyPrint asks for is recorded in `requested`, and the ones answered in `served`, so
    tests can show that nothing else was loaded.
    """

    def __init__(self) -> None:
        super().__init__(timeout=2, allowed_protocols=("app",), allow_redirects=False)
        self.requested: list[str] = []
        self.served: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        self.requested.append(url)
        path = url.removeprefix(APP_PREFIX) if url.startswith(APP_PREFIX) else None
        if path in BUNDLED_FILES:
            self.served.append(url)
            return URLFetcherResponse(url, _bundled(path), {"Content-Type": BUNDLED_FILES[path]})
        # WeasyPrint logs this and leaves the resource out.
        raise ValueError(f"Letters load only bundled files; refused {url[:80]!r}")


@cache
def pdf_stylesheet() -> str:
    """letter.css with its font URLs pointing at the fetcher's "app:" names."""
    css = (LETTERS_DIR / "letter.css").read_text()
    return css.replace('url("fonts/', f'url("{APP_PREFIX}fonts/')


# Print rules that belong to how the PDF is put together (see html_to_pdf), not to the
# look of the letter. The closing, the signatures and the enclosure list travel together,
# so a letter that runs over a page never ends on a page with only its enclosures. The
# break-before also keeps letters frozen before the .sign-off wrapper existed together.
PRINT_CSS = """
.letter-doc .sign-off { break-inside: avoid; break-before: avoid; }
.letter-doc .signatures + .enclosures { break-before: avoid; }
"""
_PART = re.compile(r"part-[a-z-]+")  # the ids of a letter's parts (letters/explaining.py)
_CHECKLIST_LANGUAGE = re.compile(r'class="for-you" aria-labelledby="for-you-title" lang="([a-z]+)"')


@dataclass(frozen=True)
class LaidOut:
    pdf: bytes
    part_pages: dict[str, int]  # {"part-reasons": 1}: the page each part of the letter starts on


def _stylesheet(fetcher: LetterFetcher) -> tuple[FontConfiguration, CSS]:
    """letter.css parsed, with its fonts loaded."""
    fonts = FontConfiguration()
    return fonts, CSS(string=pdf_stylesheet(), url_fetcher=fetcher, font_config=fonts)


@cache
def _kept_stylesheet() -> tuple[FontConfiguration, CSS]:
    """The stylesheet, parsed once per process: that was about a quarter of each render, and
    the PDF is the same byte for byte. A worker process renders one letter at a time."""
    return _stylesheet(LetterFetcher())


def html_to_pdf(html: str, **options: Any) -> bytes:
    return lay_out_pdf(html, **options).pdf


def lay_out_pdf(
    html: str,
    *,
    fetcher: LetterFetcher | None = None,
    uncompressed: bool = False,
    made_at: datetime | None = None,
    identifier: bytes | None = None,
) -> LaidOut:
    """Any letter HTML to a tagged PDF (PDF/UA-1), US Letter, with our fonts only.

    A letter with a checklist is laid out in two parts, the letter and then the checklist,
    and the pages joined: page numbers then count each part alone ("Page 1 of 2" counts
    only the pages that go to the IRS).
    The letter's layout tells on which page each of its parts landed; the checklist's
    explanation (letters/explaining.py) shows those pages.

    The same HTML, `made_at` and `identifier` give the same bytes every time: nothing in the
    file comes from the clock or from chance. `made_at` becomes the PDF's creation and
    modification dates (else the snapshot's dcterms meta tags give them) and `identifier` the
    first half of its file ID.
    """
    # A caller's own fetcher (a test's) sees every file the stylesheet asks for too.
    fonts, stylesheet = _stylesheet(fetcher) if fetcher else _kept_stylesheet()
    letter, checklist = _split(HTML(string=html, url_fetcher=fetcher or LetterFetcher()))

    def render(source: HTML, rules: str) -> Any:
        return source.render(
            stylesheets=[stylesheet, CSS(string=PRINT_CSS + rules, font_config=fonts)],
            font_config=fonts,
            pdf_variant="pdf/ua-1",
        )

    documents = [render(letter, "")]
    part_pages: dict[str, int] = {}
    for number, page in enumerate(documents[0].pages, start=1):
        for anchor in page.anchors:
            if _PART.fullmatch(anchor):
                part_pages.setdefault(anchor, number)
    if checklist is not None:
        documents.append(render(checklist, _checklist_css(html, part_pages)))
    whole = documents[0].copy([page for document in documents for page in document.pages])
    if made_at is not None:
        stamp = made_at.astimezone(UTC).isoformat(timespec="seconds")
        whole.metadata.created = whole.metadata.modified = stamp
    pdf: bytes = whole.write_pdf(
        pdf_variant="pdf/ua-1", uncompressed_pdf=uncompressed, pdf_identifier=identifier or False
    )
    return LaidOut(pdf, part_pages)


def _classes(element: Any) -> list[str]:
    return str(element.get("class", "")).split()


def _keep_only(source: HTML, *, checklist: bool) -> int:
    """Take out of the .letter-doc every child that is not the part wanted (the checklist,
    section.for-you, or the rest); how many were taken out."""
    taken = 0
    # Found first: ElementTree leaves what a walk sees undefined if the tree changes under it.
    docs = [div for div in source.etree_element.iter("div") if "letter-doc" in _classes(div)]
    for parent in docs:
        for child in list(parent):
            if ("for-you" in _classes(child)) != checklist:
                parent.remove(child)
                taken += 1
    return taken


def _split(source: HTML) -> tuple[HTML, HTML | None]:
    """The letter, and its checklist if it has one, as two documents parsed once.

    Each layout works out the styles of every element of its document, hidden or not: about
    a tenth of a render went on the part not shown. Taking that part out, rather than hiding
    it, gives the same pages byte for byte. The copy shares the parsed source's fetcher and
    base URL; its tree is its own (WeasyPrint reads it through `etree_element` and
    `wrapper_element`).
    """
    checklist = copy.copy(source)
    checklist.etree_element = copy.deepcopy(source.etree_element)
    wrapper = type(source.wrapper_element)  # cssselect2's, as WeasyPrint makes it
    checklist.wrapper_element = wrapper.from_html_root(checklist.etree_element)
    if not _keep_only(source, checklist=False):
        return source, None
    _keep_only(checklist, checklist=True)
    return source, checklist


def _css_text(words: str) -> str:
    return '"' + words.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _checklist_css(html: str, part_pages: dict[str, int]) -> str:
    """The checklist's own print rules: its page footer in its language, and the page of
    each part of the letter in the explanation table."""
    found = _CHECKLIST_LANGUAGE.search(html)
    with translation.override(found[1] if found else "en"):
        label = _("Checklist page %(page)s of %(pages)s")
        keep = _css_text(_("For you, not the IRS: do not mail this page"))
    footer = " ".join(
        f"counter({piece[2:-2]})" if piece.startswith("%(") else _css_text(piece)
        for piece in re.split(r"(%\(pages?\)s)", label)
        if piece
    )
    slots = "".join(
        f'.part-page[data-part="{anchor}"]::before {{ content: "{number}"; }}\n'
        for anchor, number in part_pages.items()
    )
    margins = f"@bottom-left {{ content: {keep}; }} @bottom-right {{ content: {footer}; }}"
    return f"@page for-you {{ {margins} }}\n{slots}"


def pdf_identifier(letter: Letter) -> bytes:
    """The letter's own PDF file ID: the same on every render, and not its public id."""
    return hashlib.sha256(b"cp14.letter-pdf:" + letter.public_id.bytes).hexdigest()[:32].encode()


def render_letter_pdf(
    letter: Letter, *, fetcher: LetterFetcher | None = None, uncompressed: bool = False
) -> bytes:
    """The frozen letter as a PDF: always from the snapshot, never from today's data.

    Rendering the same letter again gives the same bytes (see html_to_pdf).
    """
    return lay_out_letter_pdf(letter, fetcher=fetcher, uncompressed=uncompressed).pdf


def lay_out_letter_pdf(
    letter: Letter, *, fetcher: LetterFetcher | None = None, uncompressed: bool = False
) -> LaidOut:
    return lay_out_pdf(
        letter.html_snapshot,
        fetcher=fetcher,
        uncompressed=uncompressed,
        made_at=letter.created_at,
        identifier=pdf_identifier(letter),
    )
