from django.urls import URLPattern, URLResolver, path

from zicht.assessment import views

app_name = "assessment"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.werklijst_view, name="werklijst"),
    path("melding/<int:pk>/", views.beoordeling_view, name="beoordeling"),
    path("termijnen/", views.termijnen_view, name="termijnen"),
    path("termijnen/grafiek.svg", views.termijnen_grafiek_view, name="termijnen-grafiek"),
    path("instrument/", views.instrument_view, name="instrument"),
]
