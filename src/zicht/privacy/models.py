"""Tables of the privacy app: data-subject requests, retention and destruction lists, the
registers the law asks for (disclosures, complaints, calamities), and audit-chain checks.

Requests and register entries that concern a casus or a person refer to it with a foreign key,
so destroying the casus or person takes them along (``privacy.destruction``). A destruction
list refers to its casussen by id and number only: it must survive their destruction.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from zicht.casework.models import Casus
from zicht.people.models import Persoon


class VerzoekStatus(models.TextChoices):
    ONTVANGEN = "ontvangen", "ontvangen"
    AFGEHANDELD = "afgehandeld", "afgehandeld"
    GEWEIGERD = "geweigerd", "geweigerd"


class InzageVerzoek(models.Model):
    """A request for inzage or a copy of a person's data (AVG art. 15)."""

    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="inzageverzoeken")
    verzoeker = models.CharField(
        "verzoeker",
        max_length=20,
        choices=[
            ("betrokkene", "de betrokkene zelf"),
            ("vertegenwoordiger", "wettelijk vertegenwoordiger"),
        ],
    )
    vertegenwoordiger = models.ForeignKey(
        Persoon,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="wettelijk vertegenwoordiger",
    )
    ontvangen_op = models.DateField("ontvangen op")
    deadline = models.DateField("uiterlijk afhandelen op")
    status = models.CharField(
        max_length=12, choices=VerzoekStatus.choices, default=VerzoekStatus.ONTVANGEN
    )
    oordeel = models.CharField("oordeel", max_length=300, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "inzageverzoek"
        verbose_name_plural = "inzageverzoeken"
        ordering = ["-ontvangen_op", "-id"]

    def __str__(self) -> str:
        return f"inzageverzoek {self.pk}"


class Correctieverzoek(models.Model):
    """A request to correct data (AVG art. 16), recorded on the file with its decision."""

    persoon = models.ForeignKey(
        Persoon, on_delete=models.CASCADE, related_name="correctieverzoeken"
    )
    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, null=True, blank=True, related_name="correctieverzoeken"
    )
    ontvangen_op = models.DateField("ontvangen op")
    deadline = models.DateField("uiterlijk beslissen op")
    verzoek = models.TextField("wat onjuist is en wat het moet zijn")
    besluit = models.CharField(
        "besluit",
        max_length=12,
        blank=True,
        choices=[("toegewezen", "toegewezen"), ("afgewezen", "afgewezen")],
    )
    motivering = models.TextField("motivering", blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "correctieverzoek"
        verbose_name_plural = "correctieverzoeken"
        ordering = ["-ontvangen_op", "-id"]

    def __str__(self) -> str:
        return f"correctieverzoek {self.pk}"


class EigenVerklaring(models.Model):
    """The person's own statement, added to the file (never changes what VT wrote)."""

    persoon = models.ForeignKey(
        Persoon, on_delete=models.CASCADE, related_name="eigen_verklaringen"
    )
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="eigen_verklaringen")
    ontvangen_op = models.DateField("ontvangen op")
    tekst = models.TextField("verklaring van de betrokkene")
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "eigen verklaring"
        verbose_name_plural = "eigen verklaringen"
        ordering = ["-ontvangen_op", "-id"]

    def __str__(self) -> str:
        return f"eigen verklaring {self.pk}"


class Vernietigingsverzoek(models.Model):
    """A request to destroy the file (decided within 3 months, reasoned; DOMAIN §4, §6)."""

    persoon = models.ForeignKey(
        Persoon, on_delete=models.CASCADE, related_name="vernietigingsverzoeken"
    )
    ontvangen_op = models.DateField("schriftelijk verzoek ontvangen op")
    deadline = models.DateField("uiterlijk beslissen op")
    besluit = models.CharField(
        "besluit",
        max_length=12,
        blank=True,
        choices=[("toegewezen", "toegewezen"), ("afgewezen", "afgewezen")],
    )
    motivering = models.TextField("motivering", blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    besloten_op = models.DateTimeField(null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "vernietigingsverzoek"
        verbose_name_plural = "vernietigingsverzoeken"
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return f"vernietigingsverzoek {self.pk}"


class LijstStatus(models.TextChoices):
    CONCEPT = "concept", "wacht op goedkeuring"
    GOEDGEKEURD = "goedgekeurd", "goedgekeurd door twee personen"
    UITGEVOERD = "uitgevoerd", "uitgevoerd"


class Vernietigingslijst(models.Model):
    """A list of casussen to destroy, prepared by the system, approved by two different
    people, then executed. Survives the destruction (ids and numbers only)."""

    opgesteld_op = models.DateTimeField("opgesteld op")
    peildatum = models.DateField("peildatum")
    aanleiding = models.CharField(
        max_length=20,
        default="bewaartermijn",
        choices=[
            ("bewaartermijn", "bewaartermijn verstreken"),
            ("verzoek", "verzoek van betrokkene"),
        ],
    )
    status = models.CharField(
        max_length=12, choices=LijstStatus.choices, default=LijstStatus.CONCEPT
    )
    uitgevoerd_op = models.DateTimeField(null=True, blank=True)
    uitgevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "vernietigingslijst"
        verbose_name_plural = "vernietigingslijsten"
        ordering = ["-opgesteld_op", "-id"]

    def __str__(self) -> str:
        return f"vernietigingslijst {self.pk}"


class VernietigingslijstRegel(models.Model):
    lijst = models.ForeignKey(Vernietigingslijst, on_delete=models.CASCADE, related_name="regels")
    casus_id_waarde = models.BigIntegerField("casus-id")
    casus_nummer = models.CharField("casusnummer", max_length=16)
    gesloten_op = models.DateField("gesloten op", null=True, blank=True)
    vernietigen_vanaf = models.DateField("vernietigen vanaf")
    rijen = models.JSONField("rijen per tabel", default=dict, blank=True)
    vernietigd = models.BooleanField(default=False)

    class Meta:
        verbose_name = "regel van een vernietigingslijst"
        verbose_name_plural = "regels van vernietigingslijsten"
        ordering = ["vernietigen_vanaf", "casus_nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["lijst", "casus_id_waarde"], name="vernietiging_regel_uniek"
            ),
        ]

    def __str__(self) -> str:
        return self.casus_nummer


class VernietigingGoedkeuring(models.Model):
    lijst = models.ForeignKey(
        Vernietigingslijst, on_delete=models.CASCADE, related_name="goedkeuringen"
    )
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField()

    class Meta:
        verbose_name = "goedkeuring van een vernietigingslijst"
        verbose_name_plural = "goedkeuringen van vernietigingslijsten"
        constraints = [
            # The same person approving twice is refused by the database too.
            models.UniqueConstraint(
                fields=["lijst", "door"], name="vernietiging_goedkeuring_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"goedkeuring {self.pk}"


class Grondslag(models.TextChoices):
    WETTELIJKE_PLICHT = "wettelijke_plicht", "wettelijke plicht (Wmo 2015 art. 4.1.1, 5.2.6)"
    MELDRECHT = "meldrecht", "meldrecht/verstrekking zonder toestemming (Wmo 2015 art. 5.2.6)"
    TOESTEMMING = "toestemming", "toestemming van de betrokkene"
    RECHTERLIJK_BEVEL = "rechterlijk_bevel", "rechterlijk bevel of vordering"
    VITAAL_BELANG = "vitaal_belang", "vitaal belang"


class Verstrekking(models.Model):
    """A disclosure of data to a third party: what, to whom, on which ground (DOMAIN §6)."""

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, null=True, blank=True, related_name="verstrekkingen"
    )
    persoon = models.ForeignKey(
        Persoon, on_delete=models.CASCADE, null=True, blank=True, related_name="verstrekkingen"
    )
    op = models.DateField("verstrekt op")
    ontvanger = models.CharField("aan wie (organisatie/functie)", max_length=200)
    wat = models.TextField("welke gegevens")
    grondslag = models.CharField("grondslag", max_length=24, choices=Grondslag.choices)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "verstrekking aan derden"
        verbose_name_plural = "verstrekkingen aan derden"
        ordering = ["-op", "-id"]

    def __str__(self) -> str:
        return f"verstrekking {self.pk}"


class Klacht(models.Model):
    """A complaint (Wmo 2015 art. 4.2.2; handled within the configurable term, Awb 9:11)."""

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, null=True, blank=True, related_name="klachten"
    )
    ontvangen_op = models.DateField("ontvangen op")
    deadline = models.DateField("afhandelen uiterlijk")
    onderwerp = models.TextField("waarover")
    afgehandeld_op = models.DateField("afgehandeld op", null=True, blank=True)
    uitkomst = models.TextField("uitkomst", blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "klacht"
        verbose_name_plural = "klachten"
        ordering = ["-ontvangen_op", "-id"]
        indexes = [
            models.Index(
                fields=["deadline"],
                condition=Q(afgehandeld_op__isnull=True),
                name="klacht_open_idx",
            )
        ]

    def __str__(self) -> str:
        return f"klacht {self.pk}"


class Calamiteit(models.Model):
    """A calamity or violence to be reported to the inspectorate at once (DOMAIN §6)."""

    casus = models.ForeignKey(
        Casus, on_delete=models.CASCADE, null=True, blank=True, related_name="calamiteiten"
    )
    bekend_op = models.DateField("bekend geworden op")
    deadline = models.DateField("melden bij de inspectie uiterlijk")
    omschrijving = models.TextField("wat er gebeurde")
    gemeld_op = models.DateField("gemeld bij de inspectie op", null=True, blank=True)
    kenmerk_inspectie = models.CharField("kenmerk inspectie", max_length=60, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "calamiteit"
        verbose_name_plural = "calamiteiten"
        ordering = ["-bekend_op", "-id"]

    def __str__(self) -> str:
        return f"calamiteit {self.pk}"


class AuditControle(models.Model):
    """The result of one verification of the audit chain (nightly, or by hand)."""

    op = models.DateTimeField("gecontroleerd op")
    ok = models.BooleanField("keten heel")
    gecontroleerd = models.PositiveBigIntegerField("rijen gecontroleerd")
    eerste_breuk = models.BigIntegerField("eerste breuk (volgnummer)", null=True, blank=True)
    uitleg = models.TextField("uitleg")

    class Meta:
        verbose_name = "controle van de auditketen"
        verbose_name_plural = "controles van de auditketen"
        ordering = ["-op", "-id"]

    def __str__(self) -> str:
        return f"controle {self.op:%Y-%m-%d %H:%M}"
