"""Login with a second factor, the home page, and user/team/role management."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from zicht.accounts import otp, services
from zicht.accounts.backends import BACKEND
from zicht.accounts.forms import ApiTokenForm, LoginForm, RoleForm, TeamForm, TokenForm, UserForm
from zicht.accounts.models import ApiToken, Team, User
from zicht.accounts.permissions import Perm, has_permission
from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record

PENDING_KEY = "zicht_2fa_user"
NEXT_KEY = "zicht_2fa_next"
PAGE_SIZE = 25


def _require(request: HttpRequest, perm: Perm) -> User:
    user = request.user
    if not has_permission(user, perm):
        raise PermissionDenied
    return user  # type: ignore[return-value]


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("home")


def _pending_user(request: HttpRequest) -> User | None:
    pk = request.session.get(PENDING_KEY)
    if pk is None:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


@require_http_methods(["GET", "HEAD", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.user.is_verified():  # type: ignore[union-attr]
        return redirect("home")
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if getattr(request, "axes_locked_out", False):
            audit_event_record(event=Event.ACCOUNT_GEBLOKKEERD, actor=None, request=request)
            return lockout(request)
        if user is None:
            audit_event_record(event=Event.LOGIN_MISLUKT, actor=None, request=request)
            form.add_error(
                None,
                "De combinatie van gebruikersnaam en wachtwoord is onjuist. "
                "Let op: na 5 mislukte pogingen wordt het account tijdelijk geblokkeerd.",
            )
        else:
            request.session.cycle_key()
            request.session[PENDING_KEY] = user.pk
            request.session[NEXT_KEY] = _safe_next(request, request.GET.get("next"))
            if otp.confirmed_device(user) is None:  # type: ignore[arg-type]
                return redirect("accounts:otp-enrol")
            return redirect("accounts:otp-verify")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/login.html", {"form": form}, status=status)


def lockout(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes lockout response: the login page with a Dutch explanation (HTTP 429)."""
    form = LoginForm(request.POST or None)
    form.is_valid()
    form.add_error(
        None,
        "Dit account is tijdelijk geblokkeerd na 5 mislukte inlogpogingen. "
        "Probeer het over 15 minuten opnieuw of neem contact op met de functioneel beheerder.",
    )
    return render(request, "accounts/login.html", {"form": form, "locked": True}, status=429)


@require_http_methods(["GET", "HEAD", "POST"])
def otp_verify_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        messages.info(request, "Log eerst in met uw gebruikersnaam en wachtwoord.")
        return redirect("accounts:login")
    device = otp.confirmed_device(user)
    if device is None:
        return redirect("accounts:otp-enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = otp.verify(device, form.cleaned_data["token"])
        if outcome.ok:
            return _complete_login(request, user, device)
        audit_event_record(event=Event.TWEEDE_FACTOR_MISLUKT, actor=user, request=request)
        form.add_error("token", outcome.error)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/otp_verify.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def otp_enrol_view(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        messages.info(request, "Log eerst in met uw gebruikersnaam en wachtwoord.")
        return redirect("accounts:login")
    if otp.confirmed_device(user) is not None:
        return redirect("accounts:otp-verify")
    device = otp.pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = otp.verify(device, form.cleaned_data["token"])
        if outcome.ok:
            services.otp_device_confirm(user=user, device=device, request=request)
            return _complete_login(request, user, device)
        audit_event_record(event=Event.TWEEDE_FACTOR_MISLUKT, actor=user, request=request)
        form.add_error("token", outcome.error)
    context = {"form": form, "qr_svg": otp.qr_svg(device), "secret": otp.base32_secret(device)}
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/otp_enrol.html", context, status=status)


def _complete_login(request: HttpRequest, user: User, device: Any) -> HttpResponse:
    next_url = request.session.get(NEXT_KEY) or reverse("home")
    login(request, user, backend=BACKEND)
    otp_login(request, device)
    audit_event_record(event=Event.LOGIN_GESLAAGD, actor=user, request=request)
    return HttpResponseRedirect(_safe_next(request, next_url))


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit_event_record(event=Event.UITGELOGD, actor=request.user, request=request)  # type: ignore[arg-type]
    logout(request)
    messages.success(request, "U bent uitgelogd.")
    return redirect("accounts:login")


def home_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    context = {
        "teams": list(user.teams.all()),
        "rollen": list(user.groups.order_by("name").values_list("name", flat=True)),
    }
    return render(request, "accounts/home.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def account_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = ApiTokenForm(request.POST or None)
    new_key = ""
    if request.method == "POST":
        if not has_permission(user, Perm.API_GEBRUIKEN):
            raise PermissionDenied
        if form.is_valid():
            _token, new_key = services.api_token_create(
                actor=user,
                naam=form.cleaned_data["naam"],
                verloopt_op=form.cleaned_data["verloopt_op"],
                request=request,
            )
            form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=user).order_by("-aangemaakt_op")
    context = {
        "form": form,
        "tokens": tokens,
        "new_key": new_key,
        "may_use_api": has_permission(user, Perm.API_GEBRUIKEN),
        "teams": list(user.teams.all()),
        "rollen": list(user.groups.order_by("name").values_list("name", flat=True)),
    }
    return render(request, "accounts/account.html", context, status=400 if form.errors else 200)


@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    token = get_object_or_404(ApiToken, pk=pk, user=user)
    services.api_token_revoke(actor=user, token=token, request=request)
    messages.success(request, "Het token is ingetrokken.")
    return redirect("accounts:account")


# --- Beheer: gebruikers -------------------------------------------------------------------


def user_list_view(request: HttpRequest) -> HttpResponse:
    _require(request, Perm.GEBRUIKERS_BEHEREN)
    query = request.GET.get("q", "").strip()
    users = User.objects.order_by("username").prefetch_related("teams", "groups")
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "accounts/user_list.html", {"page": page, "q": query})


@require_http_methods(["GET", "HEAD", "POST"])
def user_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor = _require(request, Perm.GEBRUIKERS_BEHEREN)
    instance = get_object_or_404(User, pk=pk) if pk else None
    form = UserForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if instance is None:
                user = services.user_create(
                    actor=actor,
                    username=data["username"],
                    password=data["wachtwoord"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    teams=data["teams"],
                    roles=data["rollen"],
                    gemeente_code=data["gemeente_code"],
                    is_active=data["is_active"],
                    request=request,
                )
                messages.success(request, f"Gebruiker {user.username} is aangemaakt.")
            else:
                fields = [
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "gemeente_code",
                    "is_active",
                ]
                user = services.user_update(
                    actor=actor,
                    user=instance,
                    expected_version=data.get("version"),
                    changes={k: data[k] for k in fields},
                    teams=data["teams"],
                    roles=data["rollen"],
                    password=data["wachtwoord"],
                    request=request,
                )
                messages.success(request, f"Gebruiker {user.username} is opgeslagen.")
            return redirect("accounts:user-list")
        except ValidationError as error:
            form.add_error(None, error)
    status = 400 if form.errors else 200
    return render(
        request, "accounts/user_form.html", {"form": form, "object": instance}, status=status
    )


@require_POST
def user_otp_reset_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _require(request, Perm.GEBRUIKERS_BEHEREN)
    user = get_object_or_404(User, pk=pk)
    services.user_otp_reset(actor=actor, user=user, request=request)
    messages.success(
        request,
        f"De tweede factor van {user.username} is gereset; bij de volgende login koppelt "
        "de gebruiker opnieuw een app.",
    )
    return redirect("accounts:user-edit", pk=user.pk)


# --- Beheer: teams -------------------------------------------------------------------------


def team_list_view(request: HttpRequest) -> HttpResponse:
    _require(request, Perm.GEBRUIKERS_BEHEREN)
    teams = Team.objects.annotate(aantal_leden=Count("leden")).order_by("naam")
    return render(request, "accounts/team_list.html", {"teams": teams})


@require_http_methods(["GET", "HEAD", "POST"])
def team_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor = _require(request, Perm.GEBRUIKERS_BEHEREN)
    instance = get_object_or_404(Team, pk=pk) if pk else None
    form = TeamForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        team = services.team_save(actor=actor, team=form.save(commit=False), request=request)
        messages.success(request, f"Team {team.naam} is opgeslagen.")
        return redirect("accounts:team-list")
    status = 400 if form.errors else 200
    return render(
        request, "accounts/team_form.html", {"form": form, "object": instance}, status=status
    )


# --- Beheer: rollen ------------------------------------------------------------------------


def role_list_view(request: HttpRequest) -> HttpResponse:
    _require(request, Perm.GEBRUIKERS_BEHEREN)
    roles = Group.objects.annotate(
        aantal_gebruikers=Count("user", distinct=True),
        aantal_rechten=Count("permissions", distinct=True),
    ).order_by("name")
    return render(request, "accounts/role_list.html", {"roles": roles})


@require_http_methods(["GET", "HEAD", "POST"])
def role_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor = _require(request, Perm.GEBRUIKERS_BEHEREN)
    instance = get_object_or_404(Group, pk=pk) if pk else None
    form = RoleForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        role = services.role_save(
            actor=actor,
            name=form.cleaned_data["name"],
            permissions=form.permissions(),
            role=instance,
            request=request,
        )
        messages.success(request, f"Rol {role.name} is opgeslagen.")
        return redirect("accounts:role-list")
    status = 400 if form.errors else 200
    return render(
        request, "accounts/role_form.html", {"form": form, "object": instance}, status=status
    )
