"""Demo mode: demo users per role with pre-provisioned second factors."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import User
from zicht.accounts.otp import current_code
from zicht.demo.koppeling import KOPPELING_GEBRUIKER
from zicht.demo.organisation import USERS

pytestmark = pytest.mark.django_db


def test_demo_data_creates_one_user_per_role_and_is_idempotent():
    call_command("demo-data", "--schaal", "0.01", stdout=StringIO())
    call_command("demo-data", "--schaal", "0.01", stdout=StringIO())
    # one login per role, plus the service user of the demo API client (no login of its own)
    assert User.objects.exclude(username=KOPPELING_GEBRUIKER).count() == len(USERS)
    assert not User.objects.get(username=KOPPELING_GEBRUIKER).has_usable_password()
    for spec in USERS:
        user = User.objects.get(username=spec.username)
        assert list(user.groups.values_list("name", flat=True)) == [spec.role]
        assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1


def test_demo_data_als_leeg_skips_a_filled_database():
    User.objects.create_user(username="iemand")
    out = StringIO()
    call_command("demo-data", "--als-leeg", "--schaal", "0.01", stdout=out)
    assert "niet opnieuw geladen" in out.getvalue()
    assert User.objects.count() == 1


def test_demo_code_only_in_demo_mode():
    call_command("demo-data", "--schaal", "0.01", stdout=StringIO())
    with pytest.raises(CommandError, match="alleen in demomodus"):
        call_command("demo-code", "voordeur", stdout=StringIO())


@override_settings(ZICHT_DEMO=True)
def test_demo_code_prints_the_valid_current_code():
    call_command("demo-data", "--schaal", "0.01", stdout=StringIO())
    out = StringIO()
    call_command("demo-code", "voordeur", stdout=out)
    device = TOTPDevice.objects.get(user__username="voordeur")
    assert out.getvalue().strip() == current_code(device)
    assert device.verify_token(out.getvalue().strip())
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("demo-code", "niemand", stdout=StringIO())
