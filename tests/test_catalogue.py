"""The Spanish catalogue is complete, and the checker itself catches what it should."""

from __future__ import annotations

import shutil

import pytest

from tests.catalogue import CATALOGUE, fresh_catalogue, leaks, parse, problems, visible_text


@pytest.mark.skipif(not shutil.which("msgmerge"), reason="needs gettext (apt-get install gettext)")
def test_every_word_of_the_site_is_translated():
    # makemessages runs in a copy of the project: the committed catalogue is never changed.
    found = problems(parse(fresh_catalogue()))
    assert not found, "\n".join(found[:20])


def test_the_catalogue_says_spanish_with_two_plural_forms():
    header = CATALOGUE.read_text(encoding="utf-8").split("\n\n")[0]
    assert '"Language: es\\n"' in header
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in header
    assert "#, fuzzy" not in CATALOGUE.read_text(encoding="utf-8")


def test_the_checker_finds_empty_fuzzy_plural_and_stale_entries():
    po = """msgid ""
msgstr "Language: es\\n"

msgid "Done"
msgstr ""

#, fuzzy
msgid "Save"
msgstr "Guardar"

msgid "%(n)s day"
msgid_plural "%(n)s days"
msgstr[0] "%(n)s día"
msgstr[1] ""

#~ msgid "Old words"
#~ msgstr "Palabras viejas"

msgid "Multi "
"line"
msgstr ""
"Varias "
"líneas"
"""
    entries = parse(po)
    assert [e.msgid for e in entries] == [
        "",
        "Done",
        "Save",
        "%(n)s day",
        "Old words",
        "Multi line",
    ]
    assert entries[-1].msgstr == ["Varias líneas"]
    found = problems(entries)
    assert [line.split(":")[0] for line in found] == [
        "not translated",
        "fuzzy (check the translation, then remove the flag)",
        "not translated",
        "no longer used (delete it)",
    ]


def test_leaks_ignore_text_marked_english():
    html = (
        '<html lang="es"><body><p>Hola</p>'
        '<article lang="en"><p>Check that the notice is real</p></article>'
        "<p>Compare the amount with your tax return</p></body></html>"
    )
    assert "Check that the notice is real" not in visible_text(html)
    assert leaks(html) == ["Compare the amount with your tax return"]
