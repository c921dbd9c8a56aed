"""Every page needs a logged-in user who passed the second factor (DESIGN: Login)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from django.conf import settings
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
