"""A password check for the guesses Django's own validators let through.

Django's validators (settings.AUTH_PASSWORD_VALIDATORS) refuse short, all-digit and common
passwords and ones like the email address. This one also refuses passwords that are:

- blank or only spaces ("            " is 12 characters long);
- one short piece over and over ("aaaaaaaaaaaa", "abababababab", "123412341234");
- mostly this site's name ("cp14helper12", "CP14 Helper 2026!");
- a common password with numbers or symbols added ("sunshine2024!", "Password1234").

Nothing leaves the server: no outside service is asked about the password.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# A short piece (up to 4 characters) repeated to fill the whole password.
REPEATED = re.compile(r"(.{1,4}?)\1+", re.DOTALL)
# Numbers and symbols people add before or after a word to pass a length rule.
PADDING = re.compile(r"^[\W\d_]+|[\W\d_]+$")
NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")
TRY_INSTEAD = gettext_noop("Try a few words you will remember, like a short sentence.")


@cache
def common_passwords() -> frozenset[str]:
    """Django's list of 20,000 common passwords, lowercased (read once per process)."""
    return frozenset(CommonPasswordValidator().passwords)


class GuessablePasswordValidator:
    """Refuse passwords that are blank, repeated, the site's name, or common ones padded."""

    def __init__(self, site_words: Iterable[str] = ("cp14", "helper"), min_left: int = 8):
        self.site_words = tuple(word.lower() for word in site_words)
        self.min_left = min_left

    def validate(self, password: str, user: Any = None) -> None:
        message = self.problem(password)
        if message:
            raise ValidationError(f"{message} {_(TRY_INSTEAD)}", code="password_guessable")

    def problem(self, password: str) -> str | None:
        if not password.strip():
            return _("Your password can't be only spaces.")
        if REPEATED.fullmatch(password.strip()):
            return _("Your password repeats the same few characters, so it is easy to guess.")
        plain = NOT_LETTER_OR_DIGIT.sub("", password.lower())
        left = plain
        for word in self.site_words:
            left = left.replace(word, "")
        if left != plain and len(left) < self.min_left:
            return _("Your password is mostly the name of this site, so it is easy to guess.")
        whole = password.lower().strip()
        core = PADDING.sub("", whole)
        # The whole password on the list is CommonPasswordValidator's to refuse.
        if core != whole and core in common_passwords() and whole not in common_passwords():
            return _(
                "Your password is a common password with numbers or symbols added, "
                "so it is easy to guess."
            )
        return None

    def get_help_text(self) -> str:
        return _(
            "Don't use only spaces, one letter over and over, the name of this site, or a "
            "common password."
        )
