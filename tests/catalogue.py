"""Is the Spanish catalogue complete? `python -m tests.catalogue` (CI) and tests/test_catalogue.py.

makemessages runs in a temporary copy of the project, so the committed
locale/es/LC_MESSAGES/django.po is never touched: msgmerge then adds every new msgid with an
empty msgstr, marks changed ones fuzzy and keeps removed ones as obsolete (#~). Any of those
means a word on the site that a Spanish reader would see in English (or a stale entry).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
# What makemessages must not read: the virtualenv, runtime files and the tests' own strings.
SKIP = {".venv", "var", "tests", ".git", "node_modules", "__pycache__", ".mypy_cache"}


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    context: str = ""
    msgstr: list[str] = field(default_factory=list)
    fuzzy: bool = False
    obsolete: bool = False


_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[1]), text)


def parse(text: str) -> list[Entry]:
    """The entries of a .po file (the header entry, msgid "", included)."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None

    def store(entry: Entry, key: tuple[str, int], value: str) -> None:
        name, index = key
        if name == "msgstr":
            while len(entry.msgstr) <= index:
                entry.msgstr.append("")
            entry.msgstr[index] += value
        else:
            setattr(entry, name, getattr(entry, name) + value)

    for raw in text.splitlines() + [""]:
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            if current is not None:
                entries.append(current)
            current, target = None, None
            continue
        if line.startswith("#"):
            if current is None:
                current = Entry()
            if line.startswith("#,") and "fuzzy" in line:
                current.fuzzy = True
            continue
        if current is None:
            current = Entry()
        current.obsolete = current.obsolete or obsolete
        keyword, _, rest = line.partition(" ")
        if keyword.startswith('"'):
            rest, keyword = line, ""
        match = _STRING.search(rest)
        value = _unquote(match[1]) if match else ""
        if keyword == "msgctxt":
            target = ("context", 0)
        elif keyword == "msgid":
            target = ("msgid", 0)
        elif keyword == "msgid_plural":
            target = ("msgid_plural", 0)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            target = ("msgstr", index)
        if target is not None:
            store(current, target, value)
    return entries


def problems(entries: list[Entry]) -> list[str]:
    """One line per entry a Spanish reader would miss: untranslated, fuzzy or obsolete."""
    found = []
    for entry in entries:
        if not entry.msgid:
            continue  # the header
        name = entry.msgid[:70].replace("\n", " ")
        if entry.obsolete:
            found.append(f"no longer used (delete it): {name}")
        elif entry.fuzzy:
            found.append(f"fuzzy (check the translation, then remove the flag): {name}")
        elif not entry.msgstr or not all(s.strip() for s in entry.msgstr):
            found.append(f"not translated: {name}")
        elif entry.msgid_plural and len(entry.msgstr) != 2:
            found.append(f"needs two plural forms: {name}")
    return found


def fresh_catalogue() -> str:
    """locale/es/…/django.po as makemessages would leave it today, made in a copy."""
    with tempfile.TemporaryDirectory(prefix="cp14-messages-") as folder:
        copy = Path(folder) / "project"
        shutil.copytree(ROOT, copy, ignore=lambda _dir, names: [n for n in names if n in SKIP])
        env = os.environ | {"DEBUG": "true", "PYTHONDONTWRITEBYTECODE": "1"}
        command = [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-location"]
        for skip in sorted(SKIP):
            command += ["-i", skip]
        subprocess.run(command, cwd=copy, env=env, check=True, capture_output=True, text=True)
        return (copy / CATALOGUE.relative_to(ROOT)).read_text(encoding="utf-8")


def main() -> int:
    found = problems(parse(fresh_catalogue()))
    for line in found:
        print(line)
    entries = [e for e in parse(CATALOGUE.read_text(encoding="utf-8")) if e.msgid]
    if found:
        print(f"The Spanish catalogue misses {len(found)} of the site's words (see above).")
        print("Add each to locale/es/LC_MESSAGES/django.po by hand and translate it (README).")
        return 1
    print(f"The Spanish catalogue is complete: {len(entries)} entries, all translated.")
    return 0


if __name__ == "__main__":
    sys.exit(main())


# Untranslated leaks: English sentences from the catalogue on a Spanish page

_PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sd]|%[sd]|\{[a-z_0-9]+\}|<[^>]*>")
LEAK_MIN_LENGTH = 20  # shorter pieces ("IRS Direct Pay") may rightly stay in English
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SPOKEN_ATTRIBUTES = ("aria-label", "placeholder", "alt", "title")


def _flat(text: str) -> str:
    return " ".join(text.split())


def english_fragments(entries: list[Entry] | None = None) -> set[str]:
    """Pieces of English from the catalogue (between placeholders and tags, over 20
    characters) that no Spanish translation contains: seen on a Spanish page, each one is
    a word the reader should have had in Spanish."""
    if entries is None:
        entries = parse(CATALOGUE.read_text(encoding="utf-8"))
    spanish = "\n".join(_flat(s) for e in entries for s in e.msgstr)
    found = set()
    for entry in entries:
        if not entry.msgid or entry.obsolete:
            continue
        for source in (entry.msgid, entry.msgid_plural):
            for piece in _PLACEHOLDER.split(source):
                piece = _flat(piece).strip(" .,:;")
                if len(piece) > LEAK_MIN_LENGTH and piece not in spanish:
                    found.add(piece)
    return found


def visible_text(html: str) -> str:
    """What a reader sees or hears on the page, without anything marked lang="en" (a guide
    page not translated yet, the letter to the IRS) and without scripts and styles."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skipping: tuple[str, int] | None = None  # (tag, depth) of the skipped element

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if self.skipping is not None:
                if tag == self.skipping[0] and tag not in VOID:
                    self.skipping = (tag, self.skipping[1] + 1)
                return
            values = dict(attrs)
            english = (values.get("lang") or "").startswith("en") and tag != "html"
            if (english or tag in ("script", "style", "template")) and tag not in VOID:
                self.skipping = (tag, 1)
                return
            self.parts.extend(f" {values[name]} " for name in SPOKEN_ATTRIBUTES if values.get(name))

        def handle_endtag(self, tag: str) -> None:
            if self.skipping is not None and tag == self.skipping[0]:
                depth = self.skipping[1] - 1
                self.skipping = None if depth == 0 else (tag, depth)

        def handle_data(self, data: str) -> None:
            if self.skipping is None:
                self.parts.append(data)

    reader = Reader()
    reader.feed(html)
    return _flat("".join(reader.parts))


def leaks(html: str, fragments: set[str] | None = None) -> list[str]:
    """English sentences from the catalogue that this (Spanish) page shows."""
    text = visible_text(html)
    return sorted(f for f in (fragments or english_fragments()) if f in text)


def compile_if_stale() -> None:
    """Compile the catalogue for a test run started without `make messages` (pytest alone):
    Spanish pages would otherwise show English. Needs msgfmt; without it, nothing happens
    and the Spanish tests say what is wrong."""
    compiled = CATALOGUE.with_suffix(".mo")
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None or (
        compiled.exists() and compiled.stat().st_mtime >= CATALOGUE.stat().st_mtime
    ):
        return
    subprocess.run([msgfmt, "--check-format", "-o", str(compiled), str(CATALOGUE)], check=True)
