"""Object-level access, for every route of the project (walked from the URL resolver, so routes
added later are covered) and every default role.

World: the users are in team A; casus B (with every kind of row, see ``wereld``) is held by
team B. A route answers with B's ids in every position; whatever comes back must not carry
anything of household B (names, texts, sources, the secret address, the BSN — in HTML, JSON,
CSV and the text of PDFs), and no POST may change any row of B. Objects of casus B answer
404 for a user with every dossier permission (scope before permission)."""

from __future__ import annotations

import itertools

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from zicht.conftest import login_verified
from zicht.privacy import destruction
from zicht.privacy.tests.conftest import ALLE_DOSSIERRECHTEN, rol_gebruikers
from zicht.privacy.tests.helpers import antwoord_tekst, lekken
from zicht.privacy.tests.routes import Route, alle_routes

pytestmark = pytest.mark.django_db

#: Routes that take no object and are not about dossiers; everything else is swept.
#: (The login flow and logout change the session, not data; static/health have no data.)
GEEN_OBJECT = {
    "accounts:logout",  # ends the session of the sweeping client
    "accounts:login",
    "accounts:otp-verify",
    "accounts:otp-enrol",
}

#: The earlier-involvement look-up shows, by design (intake/lookup.py rule 3-4), that a person
#: is known elsewhere: a short label (initial, surname, birth year) and the casus nummer.
LOOKUP = "intake:eerdere-betrokkenheid"


def _waarden(route: Route, ids: list[int], casus_ids: tuple[int, int]) -> list[dict[str, object]]:
    """Keyword combinations to try: every id in every int position; for routes with several
    ids also casus A/B in the first position with B's ids in the others (cross-object
    tampering)."""
    str_vulling = {k: ("json" if k == "format" else "x") for k in route.str_kwargs}
    if not route.int_kwargs:
        return [str_vulling]
    combinaties = []
    eerste, *rest = route.int_kwargs
    for v in ids:
        combinaties.append({**str_vulling, **dict.fromkeys(route.int_kwargs, v)})
    if rest:
        for c, v in itertools.product(casus_ids, ids):
            combinaties.append({**str_vulling, eerste: c, **dict.fromkeys(rest, v)})
    return combinaties


def _url(route: Route, kwargs: dict[str, object]) -> str | None:
    try:
        return reverse(route.naam, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def _toestand(casus_id: int) -> dict[str, list[tuple]]:
    """Every value of every row of casus B (to prove no POST changed anything)."""
    plan = destruction.plan_maken([casus_id])
    return {
        m._meta.label: sorted(
            (tuple(map(str, r)) for r in m._base_manager.filter(pk__in=list(pks)).values_list()),
        )
        for m, pks in plan.rijen.items()
    }


def _ids_van_b(casus_id: int) -> list[int]:
    plan = destruction.plan_maken([casus_id])
    ids = {int(pk) for pks in plan.rijen.values() for pk in pks if str(pk).isdigit()}
    return sorted(ids)


def test_every_route_with_ids_of_another_teams_casus_leaks_nothing(wereld, make_user, client):
    routes = alle_routes()
    assert len(routes) > 30  # the resolver walk found the project's routes
    b = wereld.b
    ids = _ids_van_b(b.casus.pk)
    assert b.casus.pk in ids
    assert b.melding.pk in ids
    alles = make_user("alles", perms=ALLE_DOSSIERRECHTEN, teams=[wereld.team_a])
    login_verified(client, alles)
    voor = _toestand(b.casus.pk)
    lekkages = []
    gezien = 0
    for route in routes:
        if route.naam in GEEN_OBJECT:
            continue
        for kwargs in _waarden(route, ids, (wereld.a.casus.pk, b.casus.pk)):
            url = _url(route, kwargs)
            if url is None:
                continue
            for methode in ("get", "post"):
                response = getattr(client, methode)(url)
                gezien += 1
                if methode == "get" and response.status_code in (403, 404):
                    break  # the same fetch guards the POST (checked by the CSRF sweep too)
                if response.status_code >= 400 or response.status_code in (301, 302, 303):
                    continue
                markers = b.markers
                if route.naam == LOOKUP:
                    markers = [m for m in markers if m != f"Achter{'Bever'}"]
                gevonden = lekken(antwoord_tekst(response), markers)
                if gevonden:
                    lekkages.append((methode, url, response.status_code, gevonden))
    assert gezien > 100
    assert lekkages == []
    assert _toestand(b.casus.pk) == voor, "a request changed a row of another team's casus"


def test_objects_of_another_teams_casus_answer_404_for_a_user_with_every_permission(
    wereld, make_user, client
):
    """Scope before permission: for each route that takes a casus (``pk`` under /dossiers/,
    melding routes, ...), B's own object id gives 404."""
    alles = make_user("alles", perms=ALLE_DOSSIERRECHTEN, teams=[wereld.team_a])
    login_verified(client, alles)
    b = wereld.b
    from zicht.casework.models import Bijlage, MedischeNotitie, Taak

    taak = Taak.objects.filter(casus=b.casus).first()
    bijlage = Bijlage.objects.filter(journaal_item__casus=b.casus).first()
    notitie = MedischeNotitie.objects.filter(casus=b.casus).first()
    betrokkene = b.casus.betrokkenen.filter(rol="vermoedelijk_pleger").first()
    verwacht = [
        reverse("casework:detail", args=[b.casus.pk]),
        reverse("casework:journaal-add", args=[b.casus.pk]),
        reverse("casework:taak-add", args=[b.casus.pk]),
        reverse("casework:taak-opschorten", args=[b.casus.pk, taak.pk]),
        reverse("casework:taak-verlengen", args=[b.casus.pk, taak.pk]),
        reverse("casework:bijlage-download", args=[b.casus.pk, bijlage.pk]),
        reverse("casework:medisch", args=[b.casus.pk]),
        reverse("casework:medisch-vrijgeven", args=[b.casus.pk, notitie.pk]),
        reverse("intake:melding-detail", args=[b.melding.pk]),
        reverse("intake:informant-nieuw", args=[b.melding.pk]),
        reverse("assessment:beoordeling", args=[b.melding.pk]),
        reverse("diensten:gezinsbrief", args=[b.melding.pk, betrokkene.pk]),
        # Cross-object tampering: casus A in the path, B's task / attachment / note after it.
        reverse("casework:taak-opschorten", args=[wereld.a.casus.pk, taak.pk]),
        reverse("casework:bijlage-download", args=[wereld.a.casus.pk, bijlage.pk]),
    ]
    from zicht.audit.catalogue import Event
    from zicht.audit.models import AuditEvent

    fout = {}
    for url in verwacht:
        status = client.get(url).status_code
        if status == 405:  # a POST-only route
            status = client.post(url).status_code
        if status != 404:
            fout[url] = status
    assert fout == {}
    # Guessing is refused and audited
    geweigerd = AuditEvent.objects.filter(
        event=Event.TOEGANG_GEWEIGERD, actor=alles, target_id=str(b.casus.pk)
    )
    assert geweigerd.count() >= 8


def test_every_role_sees_nothing_of_another_team_on_any_page(wereld, make_user):
    """Each default role (rollen.json), a member of team A: every page without an object and
    every object page with B's casus/melding ids shows nothing of household B."""
    routes = alle_routes()
    b = wereld.b
    lekkages = []
    for rol, user in rol_gebruikers(make_user, wereld.team_a).items():
        client = login_verified(Client(), user)
        # Roles without dossier access (management, beheer, privacy officer, gemeente) may
        # not see household A either, although they are members of team A.
        zonder_dossiers = not user.has_perm("accounts.casus_inzien") or user.gemeente_code
        ids = sorted({b.casus.pk, b.melding.pk, wereld.a.casus.pk, wereld.a.melding.pk})
        for route in routes:
            if route.naam in GEEN_OBJECT:
                continue
            for kwargs in _waarden(route, ids, (wereld.a.casus.pk, b.casus.pk))[:4]:
                url = _url(route, kwargs)
                if url is None:
                    continue
                response = client.get(url)
                if response.status_code != 200:
                    continue
                # The privacy officer handles requests about people in every team: the
                # privacy pages (audited) show names; nothing else does.
                eigen_werk = route.naam.startswith("privacy:") and user.has_perm(
                    "accounts.audit_inzien"
                )
                strikt = zonder_dossiers and not eigen_werk
                markers = [*b.markers, *(wereld.a.markers if strikt else [])]
                if eigen_werk:
                    markers = []
                if route.naam == LOOKUP:
                    markers = [m for m in markers if m != "AchterBever"]
                gevonden = lekken(antwoord_tekst(response), markers)
                if gevonden:
                    lekkages.append((rol, url, gevonden))
    assert lekkages == [], lekkages


def test_lookup_of_a_person_in_another_team_shows_only_what_the_rules_allow(wereld, make_user):
    from zicht.accounts.permissions import Perm

    user = make_user(
        "voordeur3", perms=(Perm.MELDING_REGISTREREN, Perm.CASUS_INZIEN), teams=[wereld.team_a]
    )
    client = login_verified(Client(), user)
    response = client.get(reverse(LOOKUP), {"bsn": "123456782"})
    assert response.status_code == 200
    tekst = antwoord_tekst(response)
    assert wereld.b.casus.nummer in tekst  # that it exists: the CBS classification needs it
    assert lekken(tekst, [m for m in wereld.b.markers if m != "AchterBever"]) == []
    assert f"/dossiers/{wereld.b.casus.pk}/" not in tekst


def test_csrf_is_enforced_on_every_state_changing_route(wereld, make_user):
    """Every route, POSTed without a CSRF token by a logged-in user, is refused (403)."""
    alles = make_user("alles", perms=ALLE_DOSSIERRECHTEN, teams=[wereld.team_a])
    client = login_verified(Client(enforce_csrf_checks=True), alles)
    ids = [wereld.a.casus.pk]
    zonder = []
    for route in alle_routes():
        for kwargs in _waarden(route, ids, (wereld.a.casus.pk, wereld.a.casus.pk))[:1]:
            url = _url(route, kwargs)
            if url is None:
                continue
            if url.startswith("/api/"):
                # The API reads JSON only (a cross-site form post gets 415 anyway): the CSRF
                # check is proven with a JSON body on the logged-in session.
                status = client.post(url, "{}", content_type="application/json").status_code
            else:
                status = client.post(url, {"x": "1"}).status_code
            if status != 403:
                zonder.append((url, status))
    # The API's bearer-token routes authenticate without cookies and so need no CSRF token; a
    # browser session on /api/ is CSRF-checked by DRF's session authentication (403 above).
    assert zonder == []
    # ... and the refusals are in the audit trail
    from zicht.audit.catalogue import Event
    from zicht.audit.models import AuditEvent

    csrf = AuditEvent.objects.filter(event=Event.TOEGANG_GEWEIGERD, data__reden="csrf")
    assert csrf.filter(actor=alles).count() > 20
