"""The numbered catalogue of audit events.

0xx accounts and system, 1xx people and dossiers, 2xx intake, 3xx assessment,
4xx diensten, 5xx planning, 6xx reporting, 7xx privacy, 8xx radar, 9xx API.
A code is never reused or renumbered; add new members at the end of their range.
"""

from enum import IntEnum, StrEnum


class Event(IntEnum):
    # 0xx accounts and system
    LOGIN_GESLAAGD = 1
    LOGIN_MISLUKT = 2
    ACCOUNT_GEBLOKKEERD = 3
    TWEEDE_FACTOR_MISLUKT = 4
    UITGELOGD = 5
    TWEEDE_FACTOR_GEKOPPELD = 6
    GEBRUIKER_AANGEMAAKT = 10
    GEBRUIKER_GEWIJZIGD = 11
    TEAM_AANGEMAAKT = 12
    TEAM_GEWIJZIGD = 13
    ROL_AANGEMAAKT = 14
    ROL_GEWIJZIGD = 15
    API_TOKEN_AANGEMAAKT = 16
    API_TOKEN_INGETROKKEN = 17
    REFERENTIEDATA_GEWIJZIGD = 50
    DEMODATA_GELADEN = 90
    # 1xx people and dossiers
    PERSOON_INGEZIEN = 100
    PERSOON_AANGEMAAKT = 101
    PERSOON_GEWIJZIGD = 102
    RELATIE_VASTGELEGD = 103
    GEZAG_VASTGELEGD = 104
    ADRES_VASTGELEGD = 105
    CASUS_INGEZIEN = 150
    CASUS_AANGEMAAKT = 151
    CASUS_GEWIJZIGD = 152
    BETROKKENE_TOEGEVOEGD = 153
    JOURNAAL_TOEGEVOEGD = 154
    BIJLAGE_TOEGEVOEGD = 155
    BIJLAGE_GEDOWNLOAD = 156
    TAAK_AANGEMAAKT = 157
    TAAK_AFGEROND = 158
    TERMIJN_OPGESCHORT = 159
    TERMIJN_VERLENGD = 160
    CASUS_MEDEWERKER_TOEGEWEZEN = 161
    CASUS_GESLOTEN = 162
    # 2xx intake (advies, melding, CORV inbox, informants, drafts)
    ADVIES_GEREGISTREERD = 200
    ADVIES_INGEZIEN = 201
    MELDING_GEREGISTREERD = 210
    MELDING_INGEZIEN = 211
    ADVIES_OMGEZET = 212
    AMBTSHALVE_MELDING = 213
    CORV_ONTVANGEN = 220
    CORV_NIET_HGKM = 221
    CORV_OMGEZET = 222
    CORV_INGEZIEN = 223
    INFORMANT_VASTGELEGD = 230
    CONCEPT_OPGESLAGEN = 240
    CONCEPT_VERWIJDERD = 241
    EERDERE_BETROKKENHEID_GEZOCHT = 250
    # 3xx assessment (triage instrument, Veiligheidsbeoordeling, besluit proposals)
    BEOORDELING_INGEZIEN = 300
    BEOORDELING_GESTART = 301
    TRIAGE_VASTGELEGD = 302
    BESLUIT_VOORGESTELD = 303
    BESLUIT_TERUGGESTUURD = 304
    BESLUIT_BEVESTIGD = 305
    INSTRUMENT_GEPUBLICEERD = 310
    # 4xx diensten
    DIENST_AANGEMAAKT = 400
    WETTELIJKE_MELDING_VASTGELEGD = 401
    TERUGKOPPELING_AANGEMAAKT = 402
    TERUGKOPPELINGSBRIEF_GEMAAKT = 403
    # 5xx planning
    PLANNINGPARAMETERS_VASTGELEGD = 500
    REALISATIE_VASTGELEGD = 501
    SIMULATIE_GESTART = 502
    SIMULATIE_AFGEROND = 503
    RISICO_GEWIJZIGD = 504
    # 7xx privacy
    AUDITLOG_INGEZIEN = 700


class Reden(StrEnum):
    """Coded reasons for access. Free text may add detail, never names."""

    BEHANDELING = "behandeling"
    NOODTOEGANG = "noodtoegang"
    TOETSING = "toetsing"
    BEHEER = "beheer"
    RAPPORTAGE = "rapportage"
    INZAGEVERZOEK = "inzageverzoek"
    SYSTEEM = "systeem"
