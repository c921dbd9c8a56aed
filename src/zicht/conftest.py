"""Fixtures shared by every app's tests: users with roles and teams, verified sessions, browser."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.backends import BACKEND
from zicht.accounts.models import Team, User
from zicht.accounts.permissions import Perm

# Empties the append-only audit tables before Django flushes after a transactional test.
pytest_plugins = ["zicht.audit.tests.plugin"]

TEST_PASSWORD = "Een-lang-testwachtwoord-1"  # noqa: S105 - test fixture only


@pytest.fixture(autouse=True)
def _eigen_auditcheckpoint(settings: Any, tmp_path_factory: Any) -> None:
    """Every test writes audit checkpoints to a file of its own: the database rows of a
    rolled-back test vanish, so its checkpoint lines must not reach the next test's chain
    verification."""
    settings.ZICHT_AUDIT_CHECKPOINT = tmp_path_factory.mktemp("audit") / "checkpoint.jsonl"


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    """Creates a user holding ``perms`` (through a role) and member of ``teams``."""
    counter = {"n": 0}

    def factory(
        username: str | None = None,
        *,
        perms: tuple[Perm, ...] | list[Perm] = (),
        teams: tuple[Team, ...] | list[Team] = (),
        otp: bool = True,
        **extra: Any,
    ) -> User:
        counter["n"] += 1
        name = username or f"gebruiker{counter['n']}"
        user = User.objects.create_user(username=name, password=TEST_PASSWORD, **extra)
        if perms:
            role = Group.objects.create(name=f"rol-{name}")
            role.permissions.set(
                Permission.objects.filter(
                    content_type__app_label="accounts", codename__in=[p.value for p in perms]
                )
            )
            user.groups.add(role)
        if teams:
            user.teams.set(teams)
        if otp:
            TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        return user

    return factory


def login_verified(client: Client, user: User) -> Client:
    """Logs ``user`` in with a passed second factor, as the real login flow ends."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user, backend=BACKEND)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def verified_client(client: Client) -> Callable[[User], Client]:
    return lambda user: login_verified(client, user)


# --- Browser tests -------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} ontbreekt: voer `make test` uit (dat installeert chromium).")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class AccessiblePage:
    """A Playwright page whose every loaded document must be checked by axe-core.

    Call :meth:`check` on each page the test reaches; at teardown the fixture fails the test
    when a loaded page was never checked, or when any check found a serious/critical violation.
    """

    def __init__(self, page: Any) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.page = page
        self.axe = Axe()
        self.loaded: list[str] = []
        self.checked: set[int] = set()
        page.on("load", lambda _page: self.loaded.append(page.url))

    def check(self) -> None:
        self.page.wait_for_load_state("load")
        results = self.axe.run(self.page)
        bad = [
            v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}
        ]
        assert not bad, "Toegankelijkheidsfouten op {}:\n{}".format(
            self.page.url,
            "\n".join(
                f"- [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}x, "
                f"bijv. {v['nodes'][0]['target']})"
                for v in bad
            ),
        )
        self.checked.update(range(len(self.loaded)))

    def unchecked(self) -> list[str]:
        return [url for i, url in enumerate(self.loaded) if i not in self.checked]


@pytest.fixture
def a11y_page(browser: Any, live_server: Any) -> Iterator[AccessiblePage]:
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    wrapped = AccessiblePage(page)
    yield wrapped
    missed = wrapped.unchecked()
    context.close()
    assert not missed, f"Pagina's bezocht zonder axe-controle: {missed}"
