"""ZichtBackend reads the same permissions as Django's ModelBackend, in one query."""

from __future__ import annotations

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zicht.accounts.backends import BACKEND, ZichtBackend
from zicht.accounts.models import User
from zicht.accounts.permissions import Perm

pytestmark = pytest.mark.django_db


def _verse(user: User) -> User:
    return User.objects.get(pk=user.pk)  # no permission cache


def test_the_same_permissions_as_model_backend_in_one_query(make_user):
    # given a user with two roles and one permission of their own
    user = make_user(perms=[Perm.CASUS_INZIEN, Perm.MELDING_REGISTREREN])
    user.groups.add(Group.objects.create(name="extra rol"))
    Group.objects.get(name="extra rol").permissions.add(
        Permission.objects.get(content_type__app_label="accounts", codename=Perm.DIENST_UITVOEREN)
    )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="accounts", codename=Perm.CASUS_BEWERKEN)
    )
    verwacht = ModelBackend().get_all_permissions(_verse(user))
    vers = _verse(user)
    with CaptureQueriesContext(connection) as queries:
        gelezen = ZichtBackend().get_all_permissions(vers)
        ZichtBackend().get_all_permissions(vers)  # cached on the user object
    assert gelezen == verwacht
    assert {
        f"accounts.{p}"
        for p in (
            Perm.CASUS_INZIEN,
            Perm.MELDING_REGISTREREN,
            Perm.DIENST_UITVOEREN,
            Perm.CASUS_BEWERKEN,
        )
    } <= gelezen
    assert len(queries.captured_queries) == 1


def test_inactive_superuser_and_object_permissions(make_user):
    user = make_user(perms=[Perm.CASUS_INZIEN])
    user.is_active = False
    assert ZichtBackend().get_all_permissions(user) == set()
    assert not ZichtBackend().has_perm(user, f"accounts.{Perm.CASUS_INZIEN}")
    baas = User.objects.create_superuser("baas", password="x" * 20)
    assert ZichtBackend().get_all_permissions(_verse(baas)) == ModelBackend().get_all_permissions(
        _verse(baas)
    )
    assert ZichtBackend().get_all_permissions(_verse(make_user()), obj=object()) == set()


def test_the_settings_use_it(settings):
    assert settings.AUTHENTICATION_BACKENDS[-1] == BACKEND
    assert "django.contrib.auth.backends.ModelBackend" not in settings.AUTHENTICATION_BACKENDS
