"""Sections other code and pages link to: one per notice type, the special situations, every
"#anchor" in a link, and the docs/sources.md headings the code cites."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse

from guidance.content import FAQ_SLUG, all_pages
from guidance.search import search
from notices.irs import notice_types
from notices.irs.figures import figures
from tests.guidance.pagetext import blocks, faq_answer, ids, section

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "docs" / "sources.md"

# The anchor of each notice's section; the case page links to /guide/related-notices/#<anchor>.
NOTICE_ANCHORS = {code: notice_types.guide_anchor(code) for code in notice_types.RULES}
SPECIAL = {
    "disaster-area": ["7508a", "address on file", "read every page"],
    "bankruptcy": ["bankruptcy lawyer", "collection usually stops"],
    "refund-kept": ["section 6402", "form 8379"],
    "joint-return": ["whole tax", "even after a divorce", "form 8857"],
    "someone-who-died": ["death certificate", "form 56"],
    "several-years": ["its own notice date", "every year"],
    "notices-in-your-language": ["schedule lep", "800-829-1040", "833-553-9895"],
    "credit-report": ["annualcreditreport.com", "no claim"],
}
SPECIAL_FAQ = {
    "disaster-area": "disaster-area",
    "bankruptcy": "bankruptcy",
    "refund-kept": "refund-kept",
    "joint-return": "joint-return",
    "someone-who-died": "someone-who-died",
    "several-years": "several-years",
    "notices-in-spanish": "notices-in-your-language",
    "credit-report": "credit-report",
}


def text(html: str) -> str:
    return " ".join(blocks(html)).lower()


def test_every_tracked_notice_type_has_an_anchor():
    assert NOTICE_ANCHORS["LT11"] == "lt11-or-letter-1058"
    assert NOTICE_ANCHORS["CP504"] == "cp504"


@pytest.mark.parametrize("slug", ["related-notices", "if-you-do-nothing"])
def test_each_notice_has_its_own_section(slug):
    assert set(NOTICE_ANCHORS.values()) <= ids(all_pages()[slug])


def test_each_notice_section_says_its_date_its_money_and_its_rights():
    page = all_pages()["related-notices"]
    hearing = f"{figures()['hearing_days']} days from the date on the letter"
    expected = {
        "cp14": ["amount due by", "notice date", "no interest", "collection due process"],
        "cp501": ["date printed on it", "interest"],
        "cp503": ["date printed on it", "interest"],
        "cp504": ["date printed on it", figures()["ftp_levy_rate"], "lt11"],
        "lt11-or-letter-1058": [hearing, "form 12153", "tax court", figures()["ftp_levy_rate"]],
        "cp2000": ["not a bill", "response date", "response form"],
        "cp11-and-cp12": [f"{figures()['math_error_days']} days", "reverse the change"],
    }
    for anchor, words in expected.items():
        found = text(section(page, anchor))
        for word in words:
            assert word.lower() in found, (anchor, word)
    assert hearing in text(section(all_pages()["if-you-do-nothing"], "lt11-or-letter-1058"))


@pytest.mark.parametrize("anchor", list(SPECIAL))
def test_each_special_situation_has_a_section(anchor):
    found = text(section(all_pages()["special-situations"], anchor))
    for word in SPECIAL[anchor]:
        assert word in found, word


def test_credit_report_section_makes_no_lien_claims():
    found = text(section(all_pages()["special-situations"], "credit-report"))
    assert "lien" not in found


@pytest.mark.parametrize(("question", "anchor"), list(SPECIAL_FAQ.items()))
def test_each_special_situation_has_a_short_faq_answer_linking_to_it(question, anchor):
    assert f'href="/guide/special-situations/#{anchor}"' in faq_answer(question)


def test_the_new_page_is_in_the_index_the_sitemap_and_search(client):
    url = reverse("guidance:page", kwargs={"slug": "special-situations"})
    assert f'href="{url}"' in client.get(reverse("guidance:index")).content.decode()
    assert f"{url}</loc>" in client.get(reverse("sitemap")).content.decode()
    assert search("innocent spouse")[0].url == url
    assert any(result.url.startswith("/faq/#joint-return") for result in search("jointly"))


# Links to "#anchors" on the pages and in the action plan land on a real heading.

FRAGMENT_LINK = re.compile(r'href="(?P<path>/guide/(?P<slug>[^/"#]+)/|/faq/)#(?P<anchor>[^"]+)"')


def test_every_link_to_an_anchor_lands_on_it():
    pages = all_pages()
    for page in pages.values():
        for link in FRAGMENT_LINK.finditer(page.html):
            target = pages[link["slug"] or FAQ_SLUG]
            assert link["anchor"] in ids(target), f"{page.slug} links to {link.group(0)}"


GUIDE_HELPERS = {"guide", "_guide"}  # guide("slug", "label", "fragment") in the plan code


def guide_fragments_in_the_plan_code() -> list[tuple[str, str]]:
    """(slug, fragment) of every guide("slug", "label", "fragment") call under notices/."""
    found = []
    for path in sorted((ROOT / "notices").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in GUIDE_HELPERS or not node.args:
                continue
            values = [*node.args, *(k.value for k in node.keywords if k.arg == "fragment")]
            args = [v.value for v in values if isinstance(v, ast.Constant)]
            strings = [arg for arg in args if isinstance(arg, str)]
            if len(strings) >= 3 and len(strings) == len(values):
                found.append((strings[0], strings[2]))
    return found


def test_the_action_plan_links_to_headings_that_exist():
    fragments = guide_fragments_in_the_plan_code()
    assert fragments, "no guide(slug, label, fragment) calls found under notices/: update the test"
    pages = all_pages()
    for slug, fragment in fragments:
        assert fragment in ids(pages[slug]), f"/guide/{slug}/#{fragment}"


# docs/sources.md: the headings code cites exist, and the new rules are recorded.

NEW_HEADINGS = [
    "Math-error notices (CP11, CP12)",
    "Notice types and their rules",
    "Two IRS addresses on a notice",
    "Interest after a missed pay-by date",
    "First-time penalty relief",
    "Adding a new interest-rate quarter",
    "Words printed on a CP14",
    "A return the IRS prepares (substitute for return)",
    "Disaster postponements",
    "Bankruptcy",
    "Refunds kept to pay a balance (offset)",
    "Joint returns and innocent spouse relief",
    "A notice for someone who has died",
    "Several years billed at once",
    "Notices in Spanish or another language (Schedule LEP)",
    "Credit reports",
]


def headings() -> set[str]:
    return set(re.findall(r"^## (.+?)\s*$", SOURCES.read_text(encoding="utf-8"), re.M))


def cited_headings() -> set[str]:
    cited = set()
    for path in [*ROOT.glob("notices/**/*.py"), *ROOT.glob("guidance/**/*.py")]:
        joined = re.sub(r"\n\s*#\s*", " ", path.read_text(encoding="utf-8"))
        cited |= set(re.findall(r'sources\.md,\s*"([^"]+)"', joined))
    return cited


def test_sources_has_the_new_headings():
    assert set(NEW_HEADINGS) <= headings()


def test_every_heading_the_code_cites_exists():
    missing = cited_headings() - headings()
    assert not missing, f"docs/sources.md lacks: {sorted(missing)}"


def test_the_fta_record_names_the_irm_section_and_the_exceptions():
    raw = SOURCES.read_text(encoding="utf-8")
    record = raw[raw.index("## First-time penalty relief") :]
    record = record[: record.index("\n## ", 3)]
    for words in ("20.1.1.3.3.2.1", "estimated-tax penalty does not count", "reasonable cause"):
        assert words in record
