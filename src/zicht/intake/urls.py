import importlib.util

from django.urls import URLPattern, URLResolver, path

from zicht.intake import views

app_name = "intake"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.voordeur_view, name="voordeur"),
    path("melding/nieuw/", views.melding_nieuw_view, name="melding-nieuw"),
    path("melding/<int:pk>/", views.melding_detail_view, name="melding-detail"),
    path("melding/<int:pk>/informant/", views.informant_nieuw_view, name="informant-nieuw"),
    path("advies/nieuw/", views.advies_nieuw_view, name="advies-nieuw"),
    path("advies/<int:pk>/", views.advies_detail_view, name="advies-detail"),
    path("nieuwe-meldingen/", views.nieuwe_meldingen_view, name="nieuwe-meldingen"),
    path("mijn-registraties/", views.mijn_registraties_view, name="mijn-registraties"),
    path("dienstoverdracht/", views.dienstoverdracht_view, name="dienstoverdracht"),
    path("corv/", views.corv_inbox_view, name="corv-inbox"),
    path("corv/<int:pk>/", views.corv_detail_view, name="corv-detail"),
    path("corv/<int:pk>/niet-hgkm/", views.corv_niet_hgkm_view, name="corv-niet-hgkm"),
    path("concept/", views.concept_opslaan_view, name="concept-opslaan"),
    path(
        "concept/<str:token>/verwijderen/",
        views.concept_verwijderen_view,
        name="concept-verwijderen",
    ),
]

# The earlier-involvement look-up pages are built alongside; include them once they exist
# (an error inside that module still surfaces: only a missing module is skipped).
if importlib.util.find_spec("zicht.intake.lookup_views") is not None:
    from zicht.intake.lookup_views import lookup_urlpatterns

    urlpatterns += lookup_urlpatterns
