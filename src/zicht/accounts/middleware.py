"""Every page needs a logged-in user who passed the second factor (DESIGN: Login)."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url


class LoginRequiredMiddleware:
    """Redirects to the login page unless the path is exempt or the user is verified.

    Exempt: the prefixes in ``ZICHT_LOGIN_EXEMPT_PREFIXES`` (healthz, login/2FA pages,
    static files, and the API, which authenticates itself and answers problem+json).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.exempt = tuple(settings.ZICHT_LOGIN_EXEMPT_PREFIXES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(self.exempt):
            return self.get_response(request)
        user = request.user
        if user.is_authenticated and user.is_verified():  # type: ignore[union-attr]
            return self.get_response(request)
        login_url = resolve_url(settings.LOGIN_URL)
        return HttpResponseRedirect(f"{login_url}?next={quote(request.get_full_path())}")


#: Session key holding the epoch second of the user's last request.
LAATSTE_ACTIVITEIT = "zicht_laatste_activiteit"


def activiteit_bij_inloggen(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    """``user_logged_in`` receiver: the idle clock starts at login."""
    if request is not None and hasattr(request, "session"):
        request.session[LAATSTE_ACTIVITEIT] = int(time.time())


class IdleTimeoutMiddleware:
    """Logs a session out after ``ZICHT_SESSIE_INACTIEF_MINUTEN`` without a request.

    The absolute cap stays ``SESSION_COOKIE_AGE``; this is the idle cap on top of it. Runs
    after authentication and before :class:`LoginRequiredMiddleware`, so an expired session
    is sent to the login page (API bearer tokens have no session and are not affected).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            grens = int(getattr(settings, "ZICHT_SESSIE_INACTIEF_MINUTEN", 30)) * 60
            nu = int(time.time())
            laatste = request.session.get(LAATSTE_ACTIVITEIT)
            if isinstance(laatste, int) and nu - laatste > grens:
                logout(request)
            elif not isinstance(laatste, int) or nu - laatste >= 30:
                # Written at most every 30 seconds: no session save on every request.
                request.session[LAATSTE_ACTIVITEIT] = nu
        return self.get_response(request)
