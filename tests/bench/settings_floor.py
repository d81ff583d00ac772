"""The framework floor: the production settings and middleware, with a URLconf of one view.

gunicorn runs this next to the app so the bench can say how much of a page's time is our
code rather than Django and the middleware. The view is never in the app's URLconf.
"""

from __future__ import annotations

from cp14site.settings import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls_floor"
