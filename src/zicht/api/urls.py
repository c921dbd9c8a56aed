from django.urls import include, path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from zicht.api import views
from zicht.api.resources import besluiten, dossiers, inhoud, intake, planning, rapporten, werk

app_name = "api"


class IdConverter:
    """A database id: 1 to 18 digits (a longer number cannot exist; never an overflow)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

v1 = [
    path("ik/", views.CurrentUserView.as_view(), name="ik"),
    path("teams/", views.TeamListView.as_view(), name="teams"),
    path("adviezen/", intake.AdviezenView.as_view(), name="adviezen"),
    path("adviezen/<id:pk>/", intake.AdviesView.as_view(), name="advies"),
    path("meldingen/", intake.MeldingenView.as_view(), name="meldingen"),
    path("meldingen/<id:pk>/", intake.MeldingView.as_view(), name="melding"),
    path("corv-berichten/", intake.CorvBerichtenView.as_view(), name="corv-berichten"),
    path("corv-berichten/<id:pk>/", intake.CorvBerichtView.as_view(), name="corv-bericht"),
    path(
        "corv-berichten/<id:pk>/niet-hgkm/",
        intake.CorvNietHgkmView.as_view(),
        name="corv-bericht-niet-hgkm",
    ),
    path("casussen/", dossiers.CasussenView.as_view(), name="casussen"),
    path("casussen/<id:pk>/", dossiers.CasusView.as_view(), name="casus"),
    path("personen/", dossiers.PersonenView.as_view(), name="personen"),
    path("personen/<id:pk>/", dossiers.PersoonView.as_view(), name="persoon"),
    path(
        "veiligheidsbeoordelingen/",
        besluiten.BeoordelingenView.as_view(),
        name="veiligheidsbeoordelingen",
    ),
    path(
        "veiligheidsbeoordelingen/<id:pk>/",
        besluiten.BeoordelingView.as_view(),
        name="veiligheidsbeoordeling",
    ),
    path("besluiten/", besluiten.BesluitenView.as_view(), name="besluiten"),
    path("besluiten/<id:pk>/", besluiten.BesluitView.as_view(), name="besluit"),
    path(
        "besluiten/<id:pk>/bevestiging/",
        besluiten.BesluitBevestigingView.as_view(),
        name="besluit-bevestiging",
    ),
    path(
        "besluiten/<id:pk>/terugsturing/",
        besluiten.BesluitTerugsturingView.as_view(),
        name="besluit-terugsturing",
    ),
    path("diensten/", besluiten.DienstenView.as_view(), name="diensten"),
    path("diensten/<id:pk>/", besluiten.DienstView.as_view(), name="dienst"),
    # The content of a dienst (resources/inhoud.py): If-Match = the dienst's ETag.
    path(
        "diensten/<id:pk>/voorwaarden/",
        inhoud.DienstVoorwaardenView.as_view(),
        name="dienst-voorwaarden",
    ),
    path(
        "diensten/<id:pk>/voorwaarden/<id:vid>/",
        inhoud.DienstVoorwaardeView.as_view(),
        name="dienst-voorwaarde",
    ),
    path(
        "diensten/<id:pk>/planregels/",
        inhoud.DienstPlanRegelsView.as_view(),
        name="dienst-planregels",
    ),
    path(
        "diensten/<id:pk>/planregels/<id:rid>/",
        inhoud.DienstPlanRegelView.as_view(),
        name="dienst-planregel",
    ),
    path(
        "diensten/<id:pk>/opschortingen/",
        inhoud.DienstOpschortingenView.as_view(),
        name="dienst-opschortingen",
    ),
    path(
        "diensten/<id:pk>/verlengingen/",
        inhoud.DienstVerlengingenView.as_view(),
        name="dienst-verlengingen",
    ),
    path("diensten/<id:pk>/start/", inhoud.DienstStartView.as_view(), name="dienst-start"),
    path(
        "diensten/<id:pk>/bevindingen/",
        inhoud.DienstBevindingenView.as_view(),
        name="dienst-bevindingen",
    ),
    path(
        "diensten/<id:pk>/afronding/",
        inhoud.DienstAfrondingView.as_view(),
        name="dienst-afronding",
    ),
    path(
        "diensten/<id:pk>/escalatie/",
        inhoud.DienstEscalatieView.as_view(),
        name="dienst-escalatie",
    ),
    path(
        "planning/evaluaties/",
        planning.PlanningEvaluatieView.as_view(),
        name="planning-evaluatie",
    ),
    path("overdrachten/", werk.OverdrachtenView.as_view(), name="overdrachten"),
    path("overdrachten/<id:pk>/", werk.OverdrachtView.as_view(), name="overdracht"),
    path(
        "overdrachten/<id:pk>/acceptatie/",
        werk.OverdrachtAcceptatieView.as_view(),
        name="overdracht-acceptatie",
    ),
    path(
        "overdrachten/<id:pk>/weigering/",
        werk.OverdrachtWeigeringView.as_view(),
        name="overdracht-weigering",
    ),
    path(
        "overdrachten/<id:pk>/aanbieding/",
        inhoud.OverdrachtAanbiedingView.as_view(),
        name="overdracht-aanbieding",
    ),
    path(
        "monitoring-contacten/",
        werk.MonitoringContactVastleggenView.as_view(),
        name="monitoring-contacten",
    ),
    path(
        "monitoring-contacten/<id:pk>/",
        werk.MonitoringContactView.as_view(),
        name="monitoring-contact",
    ),
    path("huisverboden/", werk.HuisverbodenSchrijfView.as_view(), name="huisverboden"),
    path("huisverboden/<id:pk>/", werk.HuisverbodView.as_view(), name="huisverbod"),
    path(
        "huisverboden/<id:pk>/verlenging/",
        werk.HuisverbodVerlengingView.as_view(),
        name="huisverbod-verlenging",
    ),
    path(
        "huisverboden/<id:pk>/beeindiging/",
        werk.HuisverbodBeeindigingView.as_view(),
        name="huisverbod-beeindiging",
    ),
    path("tijdboekingen/", werk.TijdboekingenView.as_view(), name="tijdboekingen"),
    path("tijdboekingen/<id:pk>/", werk.TijdboekingView.as_view(), name="tijdboeking"),
    path(
        "tijdboekingen/<id:pk>/correctie/",
        werk.TijdboekingCorrectieView.as_view(),
        name="tijdboeking-correctie",
    ),
    path("toewijzingen/", werk.ToewijzingenView.as_view(), name="toewijzingen"),
    path(
        "toewijzingen/diensten/<id:pk>/",
        werk.DienstToewijzingView.as_view(),
        name="toewijzing-dienst",
    ),
    path("toewijzingen/taken/<id:pk>/", werk.TaakToewijzingView.as_view(), name="toewijzing-taak"),
    path("voorlichtingen/", werk.VoorlichtingenView.as_view(), name="voorlichtingen"),
    path("voorlichtingen/<id:pk>/", werk.VoorlichtingView.as_view(), name="voorlichting"),
    path("rapporten/", rapporten.RapportenView.as_view(), name="rapporten"),
    path("rapporten/<id:pk>/", rapporten.RapportView.as_view(), name="rapport"),
    path(
        "rapporten/<id:pk>/bestand/",
        rapporten.RapportBestandView.as_view(),
        name="rapport-bestand",
    ),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    # The split view serves its start-up script from a URL, so our strict CSP needs no inline JS.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:v1:schema"), name="docs"),
]

urlpatterns = [path("v1/", include((v1, "v1"), namespace="v1"))]
