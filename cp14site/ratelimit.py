"""Rate limits that slow attackers down without locking out owners or failing with Redis.

Two pieces, both named in settings:

- `FallbackRedisCache`, the "default" cache in production. Rate-limit counters (allauth's
  and the letter PDFs') live there. When Redis does not answer, each call goes to a small
  cache inside this process instead, so sign-in, sign-up, password reset and PDFs keep
  working and are still limited, per process, until Redis is back. One warning is logged
  per outage interval, and Redis is not asked again during that interval, so a Redis host
  that hangs costs one connect timeout, not one per call.
- `AccountAdapter`, allauth's adapter. Failed sign-ins are counted per account *and* source
  address, so one person's guesses never lock the owner out from their own address; the
  per-address limit (ACCOUNT_RATE_LIMITS, "ip") still stops one source trying many accounts.
  A sign-up always says "We sent a link to …", also while allauth holds back a second email
  to the same address (its cooldown), so the page never tells who signed up a moment ago.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core.internal.ratelimit import get_ip
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# After a failure, use the in-process cache for this long before asking Redis again.
RETRY_SECONDS = 30.0
FALLBACK_MAX_ENTRIES = 10_000

FALLBACK_NAME = "cp14-redis-fallback"

_redis_down_until = 0.0


def reset() -> None:
    """Forget any outage and empty the fallback (for tests): the next call asks Redis."""
    global _redis_down_until
    _redis_down_until = 0.0
    LocMemCache(FALLBACK_NAME, {}).clear()


def in_fallback() -> bool:
    """Whether the cache answers from this process's fallback now (Redis is down)."""
    return time.monotonic() < _redis_down_until


class _OneClient(RedisCacheClient):
    """Django's Redis client, with one redis.Redis per connection pool. Django makes a new
    one for every call, which took longer than many of the calls themselves."""

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        django_client: Any = self  # its stubs leave out the pool and the class it makes
        pool = django_client._get_connection_pool(write)
        found = self._made.get(id(pool))
        if found is None:
            found = self._made[id(pool)] = django_client._client(connection_pool=pool)
        return found

    @cached_property
    def _made(self) -> dict[int, Any]:
        return {}


class FallbackRedisCache(RedisCache):
    """Django's Redis cache that falls back to a per-process cache while Redis is down."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _OneClient
        self._local = LocMemCache(
            FALLBACK_NAME,
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": self.key_prefix,
                "VERSION": self.version,
                "OPTIONS": {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES},
            },
        )

    def _call(self, name: str, *args: Any) -> Any:
        global _redis_down_until
        if not in_fallback():
            try:
                return getattr(super(), name)(*args)
            except RedisError as error:
                _redis_down_until = time.monotonic() + RETRY_SECONDS
                log.warning(
                    "Redis cache unavailable (%s); rate limits are per process for %ss",
                    type(error).__name__,
                    int(RETRY_SECONDS),
                )
        return getattr(self._local, name)(*args)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("add", key, value, timeout, version)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._call("get", key, default, version)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("set", key, value, timeout, version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("touch", key, timeout, version)

    def delete(self, key: Any, version: Any = None) -> Any:
        return self._call("delete", key, version)

    def get_many(self, keys: Any, version: Any = None) -> Any:
        return self._call("get_many", keys, version)

    def has_key(self, key: Any, version: Any = None) -> Any:
        return self._call("has_key", key, version)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> Any:
        return self._call("incr", key, delta, version)

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._call("set_many", data, timeout, version)

    def delete_many(self, keys: Any, version: Any = None) -> Any:
        return self._call("delete_many", keys, version)

    def clear(self) -> Any:
        return self._call("clear")


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts from here. Please wait five minutes and try "
            "again, or use the link below to get a one-time code by email and sign in "
            "without your password."
        ),
    }

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        """allauth's key for the "key" limit of login_failed: the account and the address.

        allauth keys it by the account alone, so anyone could lock the owner out. Also used
        when a password reset clears the count: it clears it for the address that reset.
        """
        site = get_current_site(request)
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"{site.domain}:{login}:{get_ip(request)}"

    # The same words after every sign-up, sent or held back by the cooldown

    CONFIRMATION_SENT = "account/messages/email_confirmation_sent.txt"

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: Any = None,
        message_context: Any = None,
        extra_tags: str = "",
        message: Any = None,
    ) -> None:
        if message_template == self.CONFIRMATION_SENT:
            request._confirmation_message = True  # type: ignore[attr-defined]
        super().add_message(request, level, message_template, message_context, extra_tags, message)

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> Any:
        email = kwargs.get("email") or getattr(user, "email", "")
        said = getattr(request, "_confirmation_message", False)
        if kwargs.get("signup") and email and not said and not self._verified(user, email):
            self.add_message(
                request,
                messages.INFO,
                self.CONFIRMATION_SENT,
                {"email": email, "login": False, "signup": True},
            )
        return super().post_login(request, user, **kwargs)

    # Where to go next: to save a check-up plan as a notice, when there is one to save

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        return _plan_to_save(request) or super().get_signup_redirect_url(request)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Also used after confirming an email while signed in."""
        return _plan_to_save(request) or super().get_login_redirect_url(request)

    @staticmethod
    def _verified(user: Any, email: str) -> bool:
        return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def _plan_to_save(request: HttpRequest) -> str:
    """The prefilled "save your plan as a notice" page, if a finished check-up is waiting."""
    from notices.checkup import store  # the site's settings module loads this file

    return reverse("notices:case_create") if store.carry_plan(request) else ""
