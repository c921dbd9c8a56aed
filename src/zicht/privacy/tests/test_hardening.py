"""Hardening: idle session timeout, production cookie/HSTS settings, CSP without inline
scripts, no personal data in logs or error pages, script in free text rendered escaped (pages
and PDFs), tampering with hidden fields, and the dependency audit script."""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zicht.casework import services as casework
from zicht.casework.models import JournaalSoort
from zicht.conftest import login_verified
from zicht.core.logging import RedactPersonalData
from zicht.privacy import services
from zicht.privacy.tests.helpers import pdf_tekst

ROOT = Path(__file__).resolve().parents[4]
SRC = ROOT / "src" / "zicht"


@pytest.mark.django_db
def test_an_idle_session_ends_after_the_configured_minutes(client, make_user, settings):
    settings.ZICHT_SESSIE_INACTIEF_MINUTEN = 30
    user = make_user("idle")
    login_verified(client, user)
    start = timezone.now()
    with time_machine.travel(start):
        assert client.get(reverse("home")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=29)):
        assert client.get(reverse("home")).status_code == 200  # activity renews the window
    with time_machine.travel(start + timedelta(minutes=29 + 31)):
        response = client.get(reverse("home"))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
        assert client.get(reverse("home")).status_code == 302  # logged out for good


def test_production_settings_secure_cookies_hsts_and_csp():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SECURE_SSL_REDIRECT, s.ZICHT_SESSIE_INACTIEF_MINUTEN,"
        " 'unsafe-inline' in str(s.CONTENT_SECURITY_POLICY),"
        " s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"ZICHT_DEMO", "DATABASE_URL"}} | {
        "DJANGO_SETTINGS_MODULE": "zicht.conf.production",
        "SECRET_KEY": "x" * 64 + "-test",
        "ALLOWED_HOSTS": "zicht.example.nl",
        "DATABASE_URL": "sqlite:////tmp/zicht-privacy-check.sqlite3",
    }
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    ).stdout.split(maxsplit=8)
    assert out[:3] == ["True", "True", "True"]
    assert int(out[3]) >= 31536000
    assert out[4:6] == ["True", "True"]
    assert int(out[6]) <= 60
    assert out[7] == "False"
    assert out[8].strip() == "[\"'self'\"]"


def _browser_templates() -> list[Path]:
    """Templates served to a browser (PDF-only templates, with an @page rule, excluded)."""
    return [
        p for p in SRC.rglob("templates/**/*.html") if "@page" not in p.read_text(encoding="utf-8")
    ]


def test_no_inline_script_handler_or_style_in_any_browser_template():
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    javascript_url = re.compile(r"javascript:", re.IGNORECASE)
    style_attr = re.compile(r"\sstyle\s*=", re.IGNORECASE)
    fouten = []
    templates = _browser_templates()
    assert len(templates) > 20
    for path in templates:
        tekst = path.read_text(encoding="utf-8")
        for naam, patroon in (
            ("inline script", inline_script),
            ("event handler", handler),
            ("javascript: URL", javascript_url),
            ("style attribute", style_attr),
            ("<style>", re.compile(r"<style", re.IGNORECASE)),
        ):
            if patroon.search(tekst):
                fouten.append(f"{path.relative_to(SRC)}: {naam}")
    assert fouten == []


@pytest.mark.django_db
def test_pages_send_a_strict_csp(client, make_user):
    login_verified(client, make_user("csp"))
    csp = client.get(reverse("home"))["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


@pytest.fixture
def log_sink():
    """The text that reaches the configured console handler (through its redact filter)."""
    handlers = [
        h
        for h in logging.root.handlers
        if any(isinstance(f, RedactPersonalData) for f in h.filters)
    ]
    assert handlers, "the console handler with the redact filter is configured"
    buffer = io.StringIO()
    oud = [(h, h.setStream(buffer)) for h in handlers if isinstance(h, logging.StreamHandler)]
    niveau = logging.root.level
    logging.root.setLevel(logging.INFO)
    yield buffer
    logging.root.setLevel(niveau)
    for h, stream in oud:
        h.setStream(stream)


@pytest.mark.django_db
def test_no_personal_data_in_logs_or_error_pages(wereld, log_sink, settings):
    settings.ROOT_URLCONF = "zicht.privacy.tests.urls_fout"
    a, b = wereld.a, wereld.b
    client = Client(raise_request_exception=False)
    login_verified(client, wereld.voorsteller)
    antwoorden = [
        client.get(reverse("casework:detail", args=[a.casus.pk])),
        client.get(reverse("intake:melding-detail", args=[a.melding.pk])),
        client.get(reverse("casework:detail", args=[b.casus.pk])),  # 404
        client.get(reverse("intake:eerdere-betrokkenheid"), {"bsn": "111222333"}),
        client.post(
            reverse("casework:journaal-add", args=[a.casus.pk]), {"tekst": "SlachtAap 111222333"}
        ),
        client.get("/test-fout/"),  # 500
        client.get("/api/v1/bestaat-niet/111222333/"),
    ]
    login_verified(client, wereld.officer)
    verzoek = services.inzageverzoek_vastleggen(
        actor=wereld.officer,
        persoon=a.pleger,
        verzoeker="betrokkene",
        ontvangen_op=timezone.localdate(),
    )
    antwoorden.append(client.get(reverse("privacy:inzage-export", args=[verzoek.pk])))
    antwoorden.append(client.get(reverse("privacy:personen"), {"bsn": "111222333"}))
    fout = antwoorden[5]
    assert fout.status_code == 500
    foutpagina = fout.content.decode()
    assert "111222333" not in foutpagina
    assert "Verwerking mislukt" not in foutpagina
    log = log_sink.getvalue()
    assert "Internal Server Error: /test-fout/" in log  # the error was logged ...
    assert "RuntimeError" in log
    markers = [*a.markers, *b.markers]
    assert [m for m in markers if m.lower() in log.lower()] == []  # ... without personal data
    assert not re.search(r"(?<!\d)\d{9}(?!\d)", log)


@pytest.mark.django_db
def test_script_in_free_text_is_escaped_on_pages_and_in_pdfs(wereld, client):
    """A script typed into free-text fields comes back escaped on every page that shows it,
    and as literal text (never markup) in the PDFs."""
    script = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    a = wereld.a
    casework.journaal_add(
        actor=wereld.voorsteller,
        casus=a.casus,
        soort=JournaalSoort.NOTITIE,
        tekst=f"J {script}",
        moment=timezone.now(),
    )
    casework.medische_notitie_add(actor=wereld.arts, casus=a.casus, tekst=f"M {script}")
    services.klacht_vastleggen(
        actor=wereld.officer,
        casus=a.casus,
        ontvangen_op=timezone.localdate(),
        onderwerp=f"K {script}",
    )
    services.verstrekking_vastleggen(
        actor=wereld.officer,
        casus=a.casus,
        persoon=None,
        op=timezone.localdate(),
        ontvanger=f"O {script}",
        wat=f"W {script}",
        grondslag="meldrecht",
    )
    services.eigen_verklaring_vastleggen(
        actor=wereld.officer,
        persoon=a.pleger,
        casus=a.casus,
        ontvangen_op=timezone.localdate(),
        tekst=f"V {script}",
    )
    grant = casework.noodtoegang_openen(
        actor=wereld.teamleider, casus=wereld.b.casus, reden="overig", toelichting=f"T {script}"
    )
    pagina_s = [
        (wereld.voorsteller, reverse("casework:detail", args=[a.casus.pk])),
        (wereld.arts, reverse("casework:medisch", args=[a.casus.pk])),
        (wereld.officer, reverse("privacy:registers")),
        (wereld.officer, reverse("privacy:persoon", args=[a.pleger.pk])),
        (wereld.officer, reverse("casework:noodtoegang-toetsing")),
    ]
    for user, url in pagina_s:
        login_verified(client, user)
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;alert(" in html, url
    verzoek = services.inzageverzoek_vastleggen(
        actor=wereld.officer,
        persoon=a.pleger,
        verzoeker="betrokkene",
        ontvangen_op=timezone.localdate(),
    )
    pdf = services.inzage_export_maken(actor=wereld.officer, verzoek=verzoek)
    tekst = pdf_tekst(pdf)
    assert "<script>alert('x')</script>" in tekst  # shown as text, not run or dropped
    from zicht.privacy.inzage import inzage_html, inzage_samenstellen

    html = inzage_html(inzage_samenstellen(a.pleger), organisatie="VT")
    assert "<script>" not in html
    assert grant.toelichting.startswith("T <script>")


@pytest.mark.django_db
def test_tampered_hidden_besluit_id_cannot_touch_another_teams_casus(wereld, client):
    """The beoordeling page posts hidden ``versie``/``besluit`` fields: pointing them at the
    besluit of another team's casus changes nothing there."""
    from zicht.assessment.models import Besluit

    besluit_b = Besluit.objects.get(beoordeling__melding=wereld.b.melding)
    voor = (besluit_b.status, besluit_b.version if hasattr(besluit_b, "version") else None)
    login_verified(client, wereld.voorsteller)
    client.post(
        reverse("assessment:beoordeling", args=[wereld.a.melding.pk]),
        {"actie": "terugsturen", "besluit": besluit_b.pk, "versie": 1, "reden": "x"},
    )
    besluit_b.refresh_from_db()
    assert (besluit_b.status, besluit_b.version if hasattr(besluit_b, "version") else None) == voor
    # And the melding page of B itself: 404
    assert (
        client.post(reverse("assessment:beoordeling", args=[wereld.b.melding.pk]), {}).status_code
        == 404
    )


def test_pip_audit_script_reports_and_fails_only_on_fixable_vulnerabilities(tmp_path):
    script = ROOT / "scripts" / "pip-audit.sh"
    assert script.exists()
    rapport = tmp_path / "audit.json"
    import json

    def dep(naam: str, versie: str, *vulns: tuple[str, list[str]]) -> dict[str, object]:
        return {
            "name": naam,
            "version": versie,
            "vulns": [{"id": i, "fix_versions": fixes, "description": "d"} for i, fixes in vulns],
        }

    rapport.write_text(
        json.dumps(
            {
                "dependencies": [
                    dep("a", "1.0", ("V-1", ["1.1"])),
                    dep("b", "2.0", ("V-2", [])),
                    dep("c", "3.0"),
                ]
            }
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "PIP_AUDIT_JSON": str(rapport)}
    result = subprocess.run(
        ["bash", str(script)], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "a 1.0: V-1 (opgelost in 1.1)" in result.stdout
    assert "b 2.0: V-2 (nog geen oplossing)" in result.stdout
    rapport.write_text(json.dumps({"dependencies": [dep("b", "2.0", ("V-2", []))]}))
    result = subprocess.run(
        ["bash", str(script)], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "V-2" in result.stdout


#: Places where markup is deliberately output unescaped, each with why it is safe.
VEILIG_ONGEESCAPED = {
    # The QR code SVG is generated server-side by `qrcode` from the TOTP URI (no user text).
    "accounts/templates/accounts/otp_enrol.html",
    # A text/plain e-mail body: no HTML is rendered, so HTML escaping would only garble it.
    "diensten/templates/diensten/terugkoppeling_email.txt",
}


def test_nothing_switches_autoescaping_off_except_the_listed_places():
    """Script in any free-text field is rendered escaped everywhere because no template or
    code path turns Django's autoescaping off (apart from the listed, user-text-free ones)."""
    patroon = re.compile(r"\|\s*safe\b|autoescape\s+off|mark_safe\(|SafeString\(|\|\s*safeseq")
    gevonden = set()
    for path in [*SRC.rglob("*.html"), *SRC.rglob("*.py"), *SRC.rglob("*.txt")]:
        if "/tests/" in str(path) or "/migrations/" in str(path):
            continue
        if patroon.search(path.read_text(encoding="utf-8", errors="replace")):
            gevonden.add(str(path.relative_to(SRC)))
    assert gevonden <= VEILIG_ONGEESCAPED, gevonden - VEILIG_ONGEESCAPED


@pytest.mark.django_db
def test_tampered_hidden_team_field_cannot_assign_another_teams_work_to_oneself(wereld, make_user):
    """The work-distribution form posts a hidden ``team``: a teamleider of team A who points it
    (and the selected work) at team B's casus gets 404, and nobody is assigned to B."""
    from zicht.accounts.permissions import Perm
    from zicht.casework.access import casus_scope
    from zicht.casework.models import Casus, CasusMedewerker
    from zicht.diensten.models import Dienst

    dienst = Dienst.objects.get(casus=wereld.b.casus)
    leider = make_user(
        "leider",
        perms=(Perm.CASUS_INZIEN, Perm.WERK_VERDELEN, Perm.WERKVOORRAAD_INZIEN),
        teams=[wereld.team_a],
    )
    client = login_verified(Client(), leider)
    url = reverse("diensten:toewijzen")
    for team in (wereld.team_b.pk, wereld.team_a.pk):
        response = client.post(
            url, {"team": team, "werk": f"dienst-{dienst.pk}:1", "medewerker": leider.pk}
        )
        assert response.status_code in (400, 403, 404), response.status_code
    assert not CasusMedewerker.objects.filter(casus=wereld.b.casus, user=leider).exists()
    assert not Casus.objects.filter(casus_scope(leider), pk=wereld.b.casus.pk).exists()
