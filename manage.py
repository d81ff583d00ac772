#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cp14site.settings")
    from django.core.management import execute_from_command_line

    from cp14site.env import SettingsError

    try:
        execute_from_command_line(sys.argv)
    except SettingsError as error:
        # One clear line that names the variable, not a traceback.
        sys.exit(f"Configuration error: {error}")


if __name__ == "__main__":
    main()
