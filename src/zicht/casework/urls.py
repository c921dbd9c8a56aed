from django.urls import URLPattern, URLResolver, path

from zicht.casework import views

app_name = "casework"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.casus_list_view, name="list"),
    path("noodtoegang/", views.noodtoegang_view, name="noodtoegang"),
    path("noodtoegang/toetsing/", views.noodtoegang_toetsing_view, name="noodtoegang-toetsing"),
    path(
        "noodtoegang/<int:noodtoegang_pk>/toetsen/",
        views.noodtoegang_toetsen_view,
        name="noodtoegang-toetsen",
    ),
    path("<int:pk>/medisch/", views.medische_notities_view, name="medisch"),
    path(
        "<int:pk>/medisch/<int:notitie_pk>/vrijgeven/",
        views.medische_notitie_vrijgeven_view,
        name="medisch-vrijgeven",
    ),
    path("<int:pk>/", views.casus_detail_view, name="detail"),
    path("<int:pk>/journaal/nieuw/", views.journaal_add_view, name="journaal-add"),
    path("<int:pk>/taken/nieuw/", views.taak_add_view, name="taak-add"),
    path(
        "<int:pk>/taken/<int:taak_pk>/opschorten/",
        views.taak_opschorten_view,
        name="taak-opschorten",
    ),
    path(
        "<int:pk>/taken/<int:taak_pk>/verlengen/",
        views.taak_verlengen_view,
        name="taak-verlengen",
    ),
    path(
        "<int:pk>/taken/<int:taak_pk>/afronden/",
        views.taak_afronden_view,
        name="taak-afronden",
    ),
    path(
        "<int:pk>/bijlagen/<int:bijlage_pk>/",
        views.bijlage_download_view,
        name="bijlage-download",
    ),
]
