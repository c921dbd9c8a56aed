"""URLs of the dienst pages (overdracht, V&V, Onderzoek, monitoring), included by
``diensten.urls``."""

from django.urls import URLPattern, URLResolver, path

from zicht.diensten import inhoud_views as v

inhoud_urlpatterns: list[URLPattern | URLResolver] = [
    path("dienst/<int:pk>/", v.dienst_view, name="dienst"),
    path("dienst/<int:pk>/<slug:actie>/", v.dienst_actie_view, name="dienst-actie"),
    path(
        "dienst/<int:pk>/plan/<int:regel_pk>/status/",
        v.planregel_status_view,
        name="planregel-status",
    ),
    path(
        "dienst/<int:pk>/voorwaarde/<int:voorwaarde_pk>/verwijderen/",
        v.voorwaarde_verwijderen_view,
        name="voorwaarde-verwijderen",
    ),
    path("lijst/", v.diensten_lijst_view, {"slug": "vv"}, name="lijsten"),
    path("lijst/<slug:slug>/", v.diensten_lijst_view, name="lijst"),
    path("overdrachten/risico/", v.overdracht_risicos_view, name="overdracht-risicos"),
    path("ketenpartners/", v.ketenpartners_view, name="ketenpartners"),
    path("ketenpartners/nieuw/", v.ketenpartner_form_view, name="ketenpartner-nieuw"),
    path("ketenpartners/<int:pk>/", v.ketenpartner_form_view, name="ketenpartner"),
    path("monitoringsbeleid/", v.monitoringsbeleid_view, name="monitoringsbeleid"),
    path("casus/<int:pk>/dossieroverdracht/", v.dossieroverdracht_view, name="dossieroverdracht"),
]
