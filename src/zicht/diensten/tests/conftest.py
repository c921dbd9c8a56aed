# ruff: noqa: F401 - fixtures re-used from the assessment tests
"""The assessment fixtures (a registered melding, proposer, colleague, deskundige)."""

from zicht.assessment.tests.conftest import (
    audit_rows,
    beoordelaar,
    collega,
    deskundige,
    medewerker,
    melding,
    nu,
    referentiedata,
    vb_team,
    voordeur_team,
    voorsteller,
)
