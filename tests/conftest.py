from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def https_client() -> Client:
    """A client whose requests arrive over HTTPS, as they do in production."""
    return Client(secure=True)
