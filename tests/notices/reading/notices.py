"""Notice-like files we make ourselves: a generic layout with each notice type's printed
labels, fake people and fake numbers, in our own words. Nothing here copies an IRS notice.

`EXPECTED` is what the reader should find in each one; the accuracy test counts the share
of these fields read right, for the PDFs and for the photos.
"""

from __future__ import annotations

import io
import random
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.html import escape

FAKE_SSN = "123-45-6789"  # the full number printed on the stub, as on a real notice


@dataclass(frozen=True)
class FakeNotice:
    code: str
    notice_date: str  # as printed
    key_label: str  # the label of the date to pay or answer by
    key_date: str
    amount_label: str
    amount: str
    tax_year: int
    form: str
    summary_title: str
    lines: tuple[tuple[str, str], ...]  # Billing Summary: (label, amount as printed)
    phone: str = "800-555-0142"
    expected: dict[str, str] = field(default_factory=dict)


def _notice(code: str, **kwargs: object) -> FakeNotice:
    return FakeNotice(code=code, **kwargs)  # type: ignore[arg-type]


NOTICES = [
    _notice(
        "CP14",
        notice_date="March 4, 2024",
        key_label="Amount due by",
        key_date="March 25, 2024",
        amount_label="Amount due by",
        amount="$1,486.40",
        tax_year=2022,
        form="1040",
        summary_title="Billing Summary",
        lines=(
            ("Tax you owed", "$1,600.00"),
            ("Payments and credits", "-$200.00"),
            ("Failure-to-pay penalty", "$56.00"),
            ("Interest charges", "$30.40"),
        ),
    ),
    _notice(
        "CP501",
        notice_date="April 8, 2024",
        key_label="Amount due by",
        key_date="April 29, 2024",
        amount_label="Amount due by",
        amount="$2,215.75",
        tax_year=2022,
        form="1040",
        summary_title="Billing Summary",
        lines=(
            ("Tax you owed", "$2,400.00"),
            ("Payments and credits", "-$300.00"),
            ("Failure-to-file penalty", "$70.00"),
            ("Failure-to-pay penalty", "$21.00"),
            ("Interest charges", "$24.75"),
        ),
        phone="800-555-0177",
    ),
    _notice(
        "CP503",
        notice_date="May 13, 2024",
        key_label="Amount due by",
        key_date="May 28, 2024",
        amount_label="Amount due by",
        amount="$3,105.10",
        tax_year=2021,
        form="1040-SR",
        summary_title="Billing Summary",
        lines=(
            ("Tax you owed", "$3,000.00"),
            ("Payments and credits", "$0.00"),
            ("Failure-to-pay penalty", "$60.00"),
            ("Interest charges", "$45.10"),
        ),
    ),
    _notice(
        "CP504",
        notice_date="June 17, 2024",
        key_label="Amount due by",
        key_date="July 8, 2024",
        amount_label="Amount due by",
        amount="$987.65",
        tax_year=2021,
        form="1040",
        summary_title="Billing Summary",
        lines=(
            ("Tax you owed", "$1,100.00"),
            ("Payments and credits", "-$250.00"),
            ("Failure-to-pay penalty", "$88.00"),
            ("Interest charges", "$49.65"),
        ),
        phone="800-555-0199",
    ),
    _notice(
        "LT11",
        notice_date="August 5, 2024",
        key_label="Respond by",
        key_date="September 4, 2024",
        amount_label="Amount you owe",
        amount="$4,410.00",
        tax_year=2020,
        form="1040",
        summary_title="Billing Summary",
        lines=(
            ("Tax you owed", "$4,000.00"),
            ("Payments and credits", "-$100.00"),
            ("Failure-to-pay penalty", "$310.00"),
            ("Interest charges", "$200.00"),
        ),
    ),
    _notice(
        "CP2000",
        notice_date="September 9, 2024",
        key_label="You must return the Response Form by",
        key_date="October 9, 2024",
        amount_label="Proposed Balance Due",
        amount="$1,299.00",
        tax_year=2022,
        form="1040",
        summary_title="Summary of Proposed Changes",
        lines=(  # the labels of the IRS's own sample CP2000 (docs/sources.md)
            ("2022 Tax Increase", "$1,040.00"),
            ("Payment Decrease", "$0.00"),
            ("Penalties", "$208.00"),
            ("Interest", "$51.00"),
        ),
        phone="800-555-0123",
    ),
]

CSS = """
@page { size: letter; margin: 0.6in; }
body { font-family: DejaVu Sans, sans-serif; font-size: 10.5pt; line-height: 1.35; }
.top { display: flex; justify-content: space-between; }
.box p, .from p { margin: 0; }
h1 { font-size: 15pt; margin: 18pt 0 6pt; }
h2 { font-size: 12pt; margin: 12pt 0 4pt; }
table { border-collapse: collapse; } td { padding: 1pt 14pt 1pt 0; }
.stub { border-top: 1pt dashed #000; margin-top: 18pt; padding-top: 8pt; }
"""


def html(notice: FakeNotice) -> str:
    e = escape
    summary = "".join(
        f"<tr><td>{e(label)}</td><td>{e(amount)}</td></tr>" for label, amount in notice.lines
    )
    one_line = notice.amount_label == notice.key_label  # "Amount due by <date>: $X"
    label, amount = e(notice.amount_label), e(notice.amount)
    key = f"{e(notice.key_label)} {e(notice.key_date)}"
    due = f"{key}: {amount}" if one_line else f"{label}: {amount}<br>{key}"
    total = key if one_line else label
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>{CSS}</style></head><body>
<div class="from"><p>Department of the Treasury</p><p>Internal Revenue Service</p>
<p>Sample Campus</p><p>Fresno, CA 93888-0025</p></div>
<div class="box">
<p>Notice {e(notice.code)}</p><p>Tax year {notice.tax_year}</p>
<p>Notice date {e(notice.notice_date)}</p><p>Social Security number {FAKE_SSN}</p>
<p>To contact us {e(notice.phone)}</p></div>
<p>JORDAN Q SAMPLE<br>42 EXAMPLE LANE<br>ANYTOWN, OH 45000-1234</p>
<h1>About your {notice.tax_year} Form {e(notice.form)}</h1>
<p>{due}</p>
<p>Our records show you have a balance for the tax year above. This page is a test made
for our software and is not a real notice.</p>
<h2>{e(notice.summary_title)}</h2>
<table>{summary}<tr><td><b>{total}</b></td><td><b>{amount}</b></td></tr></table>
<p>If you have questions, call us at {e(notice.phone)}.</p>
<div class="stub"><p><b>Payment</b> Notice {e(notice.code)} Tax year {notice.tax_year}</p>
<p>Make your check or money order payable to the United States Treasury.</p>
<p>Amount enclosed: ______</p>
<p>Internal Revenue Service<br>PO Box 9000<br>Kansas City, MO 64999-0010</p>
<p>JORDAN Q SAMPLE {FAKE_SSN}</p>
<p>{FAKE_SSN.replace("-", "")} JS SAMP 30 0 202212 670 00000148640</p></div>
</body></html>"""


def pdf(notice: FakeNotice) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(notice)).write_pdf()


@dataclass(frozen=True)
class Camera:
    """How badly a photo is taken."""

    dpi: int
    turn: float  # degrees, either way
    contrast: float
    darker: float
    noise: float  # share of random grey mixed in
    blur: float
    quality: int  # JPEG


FAIR = Camera(dpi=200, turn=2.0, contrast=0.55, darker=1.0, noise=0.12, blur=0.6, quality=70)
POOR = Camera(dpi=150, turn=3.0, contrast=0.45, darker=0.8, noise=0.18, blur=0.8, quality=60)


def photo(pdf_bytes: bytes, tmp: Path, *, seed: int = 1, camera: Camera = FAIR) -> bytes:
    """The first page drawn at phone-photo size, then made worse: turned, low contrast,
    darker, speckle noise and a little blur, saved as a JPEG. The same seed gives the same
    photo, so a test never passes or fails by chance."""
    from PIL import Image, ImageEnhance, ImageFilter

    source = tmp / "page.pdf"
    source.write_bytes(pdf_bytes)
    command = ["pdftoppm", "-r", str(camera.dpi), "-png", "-singlefile", str(source)]
    subprocess.run([*command, str(tmp / "page")], check=True)
    image = Image.open(tmp / "page.png").convert("L")
    rng = random.Random(seed)
    turn = camera.turn * rng.choice([-1.0, -0.7, 0.6, 0.9])
    image = image.rotate(turn, expand=True, fillcolor=190)
    image = ImageEnhance.Contrast(image).enhance(camera.contrast)
    image = ImageEnhance.Brightness(image).enhance(camera.darker)
    noise = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
    image = Image.blend(image, noise, camera.noise).filter(ImageFilter.GaussianBlur(camera.blur))
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=camera.quality)
    (tmp / "page.png").unlink()
    source.unlink()
    return out.getvalue()


def expected(notice: FakeNotice) -> dict[str, str]:
    """The values a reader should give, as the review form takes them."""
    from datetime import datetime
    from decimal import Decimal

    def day(text: str) -> str:
        printed = datetime.strptime(text, "%B %d, %Y")  # noqa: DTZ007 (a day on paper)
        return printed.date().isoformat()

    def money(text: str) -> Decimal:
        return Decimal(text.replace("$", "").replace(",", ""))

    def total(*words: str) -> Decimal:
        lines = notice.lines
        return sum((money(a) for label, a in lines if any(w in label for w in words)), Decimal(0))

    # A CP2000's "Payment Decrease" adds to what is owed but is not tax: the reader leaves it
    # out of the tax part, as it leaves out any line it can't place.
    tax = total("Tax you owed", "Tax Increase") - abs(total("Payments and credits"))
    penalty = total("penalty", "Penalties")
    return {
        "notice_type": notice.code,
        "notice_date": day(notice.notice_date),
        "pay_by": day(notice.key_date),
        "tax_year": str(notice.tax_year),
        "form": notice.form,
        "amount_due": str(money(notice.amount)),
        "tax_amount": str(tax),
        "penalty_amount": str(penalty),
        "interest_amount": str(total("Interest")),
        "irs_phone": notice.phone,
        "irs_address": "Internal Revenue Service\nSample Campus\nFresno, CA 93888-0025",
        "payment_address": "Internal Revenue Service\nPO Box 9000\nKansas City, MO 64999-0010",
        "ssn_last_four": "6789",
    }
