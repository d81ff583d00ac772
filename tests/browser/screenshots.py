"""Screenshots of the main pages at 375 and 1280 px wide, for a person to look at.

    python -m tests.browser.screenshots [--out var/screenshots]

Starts its own `runserver` on a free port with a throwaway SQLite database under var/ (the
test settings, so nothing is sent anywhere), seeds a person with a notice through
tests.factories, signs in and saves full-page PNGs with Debian's Chromium. The database is
deleted afterwards (and the server's log, unless something went wrong); the PNGs stay.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
STEP = "amount-check"  # a question with a hint list, half-way through
WIDTHS = {"375": {"width": 375, "height": 812}, "1280": {"width": 1280, "height": 900}}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_environment(database: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cp14site.settings_test",
        DATABASE_URL=f"sqlite:///{database}",
        PYTHONUNBUFFERED="1",
    )
    env.pop("REDIS_URL", None)  # a throwaway run: the folder broker and local caches
    return env


@contextmanager
def running_server(env: dict[str, str], log: Path) -> Iterator[str]:
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        url = f"http://localhost:{port}"  # localhost: Chromium keeps Secure cookies there
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                        break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit(f"The server did not start; see {log}") from None
                    time.sleep(0.25)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


def seed() -> Any:
    """Migrate the throwaway database and add a person with a notice (in this process)."""
    import django

    django.setup()
    from django.core.management import call_command

    from tests.browser.seed import owner_with_everything

    call_command("migrate", verbosity=0)
    return owner_with_everything()


# Who looks at each page: a visitor half-way through the check-up, one who has finished it,
# or the signed-in owner of the seeded notice.
MIDWAY, FINISHED, OWNER = "midway", "finished", "owner"


def pages(owner: Any) -> list[tuple[str, str, str, Callable[[Any], None] | None]]:
    """(name, path, who, what to do on the page before the picture)."""
    from django.urls import reverse

    case = {"public_id": owner.case.public_id}
    letter = {"letter_id": owner.letter.public_id}

    def estimate(page: Any) -> None:
        page.get_by_role("button", name="Estimate the cost").click()
        page.get_by_role("heading", name="Your estimate").wait_for()

    return [
        ("home", reverse("home"), MIDWAY, None),
        ("guide-page", reverse("guidance:page", kwargs={"slug": "is-it-real"}), MIDWAY, None),
        ("faq", reverse("guidance:faq"), MIDWAY, None),
        ("check-up-step", reverse("notices:flow_step", kwargs={"step": STEP}), MIDWAY, None),
        ("plan", reverse("notices:flow_plan"), FINISHED, None),
        ("sign-up", reverse("account_signup"), MIDWAY, None),
        ("dashboard", reverse("notices:dashboard"), OWNER, None),
        ("case-page", reverse("notices:case_detail", kwargs=case), OWNER, None),
        ("estimator-results", reverse("notices:case_estimate", kwargs=case), OWNER, estimate),
        ("letter-preview", reverse("notices:letter_detail", kwargs=letter), OWNER, None),
        ("reminder-settings", reverse("notices:reminder_settings"), OWNER, None),
    ]  # fmt: skip


def take(out: Path, url: str, owner: Any) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from notices.checkup.store import SESSION_KEY
    from tests.browser.chromium import CHROMIUM, launch
    from tests.browser.seed import answers_before
    from tests.browser.sessions import sign_in, visitor_session

    if not CHROMIUM.exists():
        raise SystemExit(f"No Chromium at {CHROMIUM}: sudo apt-get install chromium")
    saved = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for width, viewport in WIDTHS.items():
            contexts = {who: browser.new_context(base_url=url, viewport=viewport)
                        for who in (MIDWAY, FINISHED, OWNER)}  # fmt: skip
            visitor_session(contexts[MIDWAY], url, {SESSION_KEY: answers_before(STEP)})
            visitor_session(contexts[FINISHED], url, {SESSION_KEY: answers_before()})
            sign_in(contexts[OWNER], url, owner.user)
            for number, (name, path, who, prepare) in enumerate(pages(owner), 1):
                page = contexts[who].new_page()
                page.goto(path)
                if prepare:
                    prepare(page)
                page.wait_for_load_state("networkidle")
                target = out / f"{number:02d}-{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                saved.append(target)
                page.close()
            for context in contexts.values():
                context.close()
        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "screenshots")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    database = ROOT / "var" / f"screenshots-{os.getpid()}.sqlite3"
    log = ROOT / "var" / f"screenshots-{os.getpid()}-server.log"  # kept only if something fails
    env = server_environment(database)
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")})
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's event loop
    try:
        owner = seed()
        with running_server(env, log) as url:
            saved = take(out, url, owner)
    finally:
        database.unlink(missing_ok=True)
    log.unlink(missing_ok=True)
    for path in saved:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    print(f"{len(saved)} screenshots in {out}")


if __name__ == "__main__":
    main()
