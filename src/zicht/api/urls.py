from django.urls import include, path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from zicht.api import views
from zicht.api.resources import besluiten, dossiers, intake, planning, rapporten, werk

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
