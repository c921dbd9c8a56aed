import pytest
from django.urls import reverse
from zicht.casework.tests.builders import huishouden
from zicht.casework.tests.factories import CasusFactory
from zicht.casework.tests.conftest import *  # noqa

@pytest.mark.django_db
def test_dump(verified_client, medewerker, team):
    casus = CasusFactory(team=team)
    huishouden(casus, kinderen=1, journaal=2, taken=1)
    html = verified_client(medewerker).get(reverse("casework:detail", args=[casus.pk])).content.decode()
    open("/tmp/detail.html", "w").write(html)
