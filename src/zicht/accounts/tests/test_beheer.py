"""The functioneel beheerder manages users, teams and roles; others may not."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import Team, User
from zicht.accounts.permissions import Perm, has_permission
from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(make_user, verified_client):
    user = make_user("beheerder", perms=[Perm.GEBRUIKERS_BEHEREN])
    return verified_client(user), user


def test_default_roles_exist_as_data_with_their_permissions():
    # given the roles loaded by the data migration, when we look at two of them
    vertrouwensarts = Group.objects.get(name="Vertrouwensarts")
    codes = set(vertrouwensarts.permissions.values_list("codename", flat=True))
    # then only the vertrouwensarts holds medical notes
    assert Perm.MEDISCHE_NOTITIE.value in codes
    others = Group.objects.exclude(name="Vertrouwensarts")
    assert not others.filter(permissions__codename=Perm.MEDISCHE_NOTITIE.value).exists()
    assert Group.objects.count() >= 11


def test_permissions_come_from_roles(make_user):
    user = make_user("x", perms=[Perm.CASUS_INZIEN])
    assert has_permission(user, Perm.CASUS_INZIEN)
    assert not has_permission(user, Perm.GEBRUIKERS_BEHEREN)
    user.is_active = False
    assert not has_permission(user, Perm.CASUS_INZIEN)


@pytest.mark.parametrize(
    "url", ["/beheer/gebruikers/", "/beheer/gebruikers/nieuw/", "/beheer/teams/", "/beheer/rollen/"]
)
def test_others_get_403(make_user, verified_client, url):
    client = verified_client(make_user("casemanager", perms=[Perm.CASUS_INZIEN]))
    assert client.get(url).status_code == 403


def test_create_user_with_team_and_role_is_audited(beheerder):
    client, actor = beheerder
    team = Team.objects.create(naam="Team Alkmaar")
    role = Group.objects.get(name="Casemanager / onderzoeker")
    response = client.post(
        "/beheer/gebruikers/nieuw/",
        {
            "username": "sbakker",
            "first_name": "Sanne",
            "last_name": "Bakker",
            "email": "s.bakker@example.org",
            "teams": [team.pk],
            "rollen": [role.pk],
            "is_active": "on",
            "wachtwoord": "Een-heel-sterk-wachtwoord-9",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="sbakker")
    assert list(user.teams.all()) == [team]
    assert has_permission(user, Perm.DIENST_UITVOEREN)
    assert user.check_password("Een-heel-sterk-wachtwoord-9")
    event = AuditEvent.objects.get(event=Event.GEBRUIKER_AANGEMAAKT)
    assert event.actor == actor
    assert event.target_id == str(user.pk)
    assert "Bakker" not in str(event.data)


def test_invalid_user_form_keeps_input_and_saves_nothing(beheerder):
    client, _ = beheerder
    User.objects.create_user(username="bestaat")
    response = client.post(
        "/beheer/gebruikers/nieuw/",
        {
            "username": "bestaat",
            "first_name": "Piet",
            "email": "geen-email",
            "wachtwoord": "kort",
            "gemeente_code": "GMabcd",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Er bestaat al een gebruiker met deze gebruikersnaam." in body
    assert "Vul een geldig e-mailadres in." in body
    assert "Een gemeentecode heeft de vorm GM gevolgd door 4 cijfers." in body
    assert 'value="Piet"' in body
    assert User.objects.filter(username="bestaat").count() == 1
    assert not AuditEvent.objects.filter(event=Event.GEBRUIKER_AANGEMAAKT).exists()


def test_concurrent_edit_is_detected(beheerder):
    client, _actor = beheerder
    target = User.objects.create_user(username="doel", first_name="Oud")
    form = {"username": "doel", "first_name": "Nieuw", "is_active": "on", "version": target.version}
    # someone else saves first
    User.objects.filter(pk=target.pk).update(version=target.version + 1)
    response = client.post(f"/beheer/gebruikers/{target.pk}/", form)
    assert response.status_code == 400
    assert "Iemand anders heeft deze gegevens intussen gewijzigd" in response.content.decode()
    target.refresh_from_db()
    assert target.first_name == "Oud"


def test_edit_user_and_reset_second_factor(beheerder, make_user):
    client, _ = beheerder
    target = make_user("doel2")
    response = client.post(
        f"/beheer/gebruikers/{target.pk}/",
        {"username": "doel2", "first_name": "Ander", "is_active": "", "version": target.version},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.first_name, target.is_active, target.version) == ("Ander", False, 2)
    assert AuditEvent.objects.get(event=Event.GEBRUIKER_GEWIJZIGD).data["velden"] == [
        "first_name",
        "is_active",
    ]
    client.post(f"/beheer/gebruikers/{target.pk}/tweede-factor-resetten/")
    assert not TOTPDevice.objects.filter(user=target).exists()


def test_team_and_role_management(beheerder):
    client, _ = beheerder
    assert (
        client.post("/beheer/teams/nieuw/", {"naam": "Team Hoorn", "actief": "on"}).status_code
        == 302
    )
    duplicate = client.post("/beheer/teams/nieuw/", {"naam": "Team Hoorn"})
    assert "Er bestaat al een team met deze naam." in duplicate.content.decode()
    response = client.post(
        "/beheer/rollen/nieuw/",
        {"name": "Stagiair", "rechten": [Perm.CASUS_INZIEN.value]},
    )
    assert response.status_code == 302
    role = Group.objects.get(name="Stagiair")
    assert list(role.permissions.values_list("codename", flat=True)) == ["casus_inzien"]
    clash = client.post("/beheer/rollen/nieuw/", {"name": "stagiair"})
    assert "Er bestaat al een rol met deze naam." in clash.content.decode()
    assert AuditEvent.objects.filter(event=Event.ROL_AANGEMAAKT).count() == 1
    assert AuditEvent.objects.filter(event=Event.TEAM_AANGEMAAKT).count() == 1
    listing = client.get("/beheer/rollen/")
    assert "Stagiair" in listing.content.decode()


def test_user_list_query_count_is_constant(beheerder, django_assert_max_num_queries):
    client, _ = beheerder
    team = Team.objects.create(naam="T")
    for i in range(5):
        User.objects.create_user(username=f"a{i}").teams.add(team)
    with django_assert_max_num_queries(12) as small:
        client.get("/beheer/gebruikers/")
    for i in range(40):
        User.objects.create_user(username=f"b{i}").teams.add(team)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/beheer/gebruikers/")
