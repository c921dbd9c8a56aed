"""URL patterns of the work pages (added to ``diensten.urls``; namespace ``diensten``)."""

from django.urls import URLPattern, path

from zicht.diensten import werk_views as v

werk_urlpatterns: list[URLPattern] = [
    path("werk/", v.mijn_werk_view, name="mijn-werk"),
    path("werkverdeling/", v.werkverdeling_view, name="werkverdeling"),
    path(
        "werkverdeling/onderzoek.svg",
        v.werkverdeling_grafiek_view,
        name="werkverdeling-grafiek",
    ),
    path("werkverdeling/toewijzen/", v.toewijzen_view, name="toewijzen"),
    path("huisverboden/", v.huisverboden_view, name="huisverboden"),
    path("huisverboden/<int:pk>/", v.huisverbod_view, name="huisverbod"),
    path(
        "huisverboden/<int:pk>/verlengen/",
        v.huisverbod_verlengen_view,
        name="huisverbod-verlengen",
    ),
    path(
        "huisverboden/<int:pk>/beeindigen/",
        v.huisverbod_beeindigen_view,
        name="huisverbod-beeindigen",
    ),
    path("casus/<int:pk>/huisverbod/", v.huisverbod_nieuw_view, name="huisverbod-nieuw"),
    path("casus/<int:pk>/uren/", v.casus_uren_view, name="casus-uren"),
    path("voorlichtingen/", v.voorlichtingen_view, name="voorlichtingen"),
    path("voorlichtingen/<int:pk>/", v.voorlichting_wijzigen_view, name="voorlichting"),
    path("uren/", v.uren_view, name="uren"),
    path("uren/<int:pk>/corrigeren/", v.uren_corrigeren_view, name="uren-corrigeren"),
]
