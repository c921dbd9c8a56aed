"""require_any_permission: one of several rights will do; the refusal says why, in Dutch."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from zicht.accounts.permissions import Perm
from zicht.casework.access import require_any_permission

pytestmark = pytest.mark.django_db

WERK = (Perm.DIENST_UITVOEREN, Perm.WERKVOORRAAD_INZIEN)


@pytest.mark.parametrize("recht", WERK)
def test_one_of_the_rights_is_enough(make_user, recht):
    # given a user holding only one of the two rights
    gebruiker = make_user(perms=(recht,))
    # then nothing is raised
    require_any_permission(gebruiker, WERK)
    require_any_permission(gebruiker, iter(WERK))  # any iterable, read once


def test_none_of_the_rights_is_refused_naming_them_in_dutch(make_user):
    gebruiker = make_user(perms=(Perm.CASUS_INZIEN,))
    with pytest.raises(PermissionDenied) as fout:
        require_any_permission(gebruiker, WERK)
    assert str(fout.value) == (
        "Hiervoor is het recht ‘Diensten uitvoeren (overdracht, V&V, onderzoek, monitoren)’ "
        "of ‘Werkvoorraad, wachtlijst en caseload inzien’ nodig."
    )


def test_three_rights_are_listed_with_commas_and_of(make_user):
    gebruiker = make_user(perms=(Perm.CASUS_INZIEN,))
    rechten = (Perm.AUDIT_INZIEN, Perm.NOODTOEGANG_TOETSEN, Perm.VERNIETIGING_BEHEREN)
    with pytest.raises(PermissionDenied) as fout:
        require_any_permission(gebruiker, rechten)
    assert str(fout.value) == (
        "Hiervoor is het recht ‘Auditlog inzien’, ‘Noodtoegang achteraf toetsen’ "
        "of ‘Bewaartermijnen en vernietiging beheren’ nodig."
    )


def test_single_right_reads_like_require_permission(make_user):
    gebruiker = make_user(perms=(Perm.CASUS_INZIEN,))
    with pytest.raises(PermissionDenied) as fout:
        require_any_permission(gebruiker, (Perm.CASUS_BEWERKEN,))
    assert (
        str(fout.value) == "Hiervoor is het recht ‘Dossiers bewerken en journaal bijhouden’ nodig."
    )


def test_the_callers_reason_replaces_the_default(make_user):
    gebruiker = make_user(perms=(Perm.CASUS_INZIEN,))
    with pytest.raises(PermissionDenied) as fout:
        require_any_permission(gebruiker, WERK, reden="Alleen voor de privacy officer.")
    assert str(fout.value) == "Alleen voor de privacy officer."


def test_inactive_and_anonymous_users_hold_no_right(make_user):
    inactief = make_user(perms=WERK, is_active=False)
    for gebruiker in (inactief, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            require_any_permission(gebruiker, WERK)


def test_an_empty_list_of_rights_is_a_programming_error(make_user):
    with pytest.raises(ValueError, match="at least one permission"):
        require_any_permission(make_user(perms=WERK), ())
