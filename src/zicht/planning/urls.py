from django.urls import URLPattern, URLResolver, path

from zicht.planning import views

app_name = "planning"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.begroting_view, name="begroting"),
    path("parameters/", views.parameters_view, name="parameters"),
    path("parameters/nieuw-jaar/", views.parameters_jaar_view, name="parameters-jaar"),
    path("realisatie/", views.realisatie_view, name="realisatie"),
    path("simulatie/", views.simulatie_view, name="simulatie"),
    path("simulatie/<int:pk>/", views.simulatierun_view, name="simulatierun"),
    path("risicos/", views.risicos_view, name="risicos"),
    path("risicos/<int:pk>/", views.risico_wijzigen_view, name="risico-wijzigen"),
]
