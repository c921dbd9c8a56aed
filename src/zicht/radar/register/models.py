"""Tables of the radar register. Only pseudonyms, organisations and dates — nothing else about
a person or a case. Installed only by :mod:`zicht.radar.register.settings`."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class Organisatie(models.Model):
    """A Veilig Thuis organisation that takes part; ``sleutel`` is its signing secret (hex)."""

    code = models.SlugField("code", max_length=40, unique=True)
    naam = models.CharField("naam", max_length=200)
    contactregel = models.CharField("contactregel", max_length=250)
    sleutel = models.CharField("ondertekeningssleutel", max_length=128)
    actief = models.BooleanField("actief", default=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Betrokkenheid(models.Model):
    """One pseudonym of one involvement (``referentie``, chosen by the organisation) of an
    organisation with a person, from ``van`` until ``tot`` (open while empty)."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    referentie = models.UUIDField("referentie")
    pseudoniem = models.CharField("pseudoniem", max_length=64)
    van = models.DateField("van")
    tot = models.DateField("tot en met", null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "betrokkenheid"
        verbose_name_plural = "betrokkenheden"
        indexes = [
            # The match: who else holds this pseudonym (and the refusal check for look-ups).
            models.Index(fields=["pseudoniem", "organisatie"], name="radar_pseudoniem_idx"),
            # Ending an involvement and idempotent updates by the organisation's reference.
            models.Index(fields=["organisatie", "referentie"], name="radar_referentie_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "referentie", "pseudoniem"], name="radar_betrokkenheid_uniek"
            ),
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=F("van")), name="radar_tot_na_van"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie_id}/{self.referentie}"


class Signaal(models.Model):
    """A match to be fetched by ``ontvanger``: ``andere`` is (or was) involved with the same
    person. Created in pairs (one for each side) when an involvement is registered."""

    ontvanger = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    andere = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="+")
    pseudoniem = models.CharField("pseudoniem", max_length=64)
    aanleiding_organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="+"
    )
    aanleiding_referentie = models.UUIDField()
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        indexes = [models.Index(fields=["ontvanger", "id"], name="radar_signaal_ontvanger_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["ontvanger", "andere", "aanleiding_organisatie", "aanleiding_referentie"],
                name="radar_signaal_uniek",
            ),
        ]

    def __str__(self) -> str:
        return f"signaal {self.pk}"


class Nonce(models.Model):
    """A nonce seen within the replay window; a second request with it is refused."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64)
    tijd = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "nonce"], name="radar_nonce_uniek")
        ]
        indexes = [models.Index(fields=["tijd"], name="radar_nonce_tijd_idx")]

    def __str__(self) -> str:
        return self.nonce


class Idempotentie(models.Model):
    """The stored answer to a request with an idempotency key; a retry gets it again."""

    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="+")
    sleutel = models.CharField(max_length=64)
    verzoek_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.TextField()
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "sleutel"], name="radar_idempotentie_uniek"
            )
        ]
        indexes = [models.Index(fields=["aangemaakt_op"], name="radar_idempotentie_tijd_idx")]

    def __str__(self) -> str:
        return self.sleutel


class LogSoort(models.TextChoices):
    GEREGISTREERD = "geregistreerd", "betrokkenheid geregistreerd"
    BEEINDIGD = "beeindigd", "betrokkenheid beëindigd"
    INGETROKKEN = "ingetrokken", "betrokkenheid ingetrokken (vergeten)"
    OVEREENKOMST = "overeenkomst", "overeenkomst gesignaleerd"
    OPGEVRAAGD = "opgevraagd", "overeenkomsten opgevraagd"
    GEWEIGERD_HANDTEKENING = "geweigerd_handtekening", "geweigerd: handtekening ongeldig"
    GEWEIGERD_HERHALING = "geweigerd_herhaling", "geweigerd: herhaald verzoek (replay)"
    GEWEIGERD_TIJD = "geweigerd_tijd", "geweigerd: tijdstip buiten het venster"
    GEWEIGERD_ORGANISATIE = "geweigerd_organisatie", "geweigerd: onbekende organisatie"
    GEWEIGERD_NIET_BETROKKEN = "geweigerd_niet_betrokken", "geweigerd: niet zelf betrokken"
    GEWEIGERD_INHOUD = "geweigerd_inhoud", "geweigerd: ongeldige inhoud"


class Logregel(models.Model):
    """What the register did and refused. No pseudonyms, names or case content."""

    moment = models.DateTimeField(auto_now_add=True)
    soort = models.CharField(max_length=32, choices=LogSoort.choices)
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    detail = models.CharField(max_length=250, blank=True)
    adres = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["soort", "moment"], name="radar_log_soort_idx")]

    def __str__(self) -> str:
        return f"{self.moment:%Y-%m-%d %H:%M:%S} {self.soort}"
