from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from zicht.api import views

app_name = "api"

v1 = [
    path("ik/", views.CurrentUserView.as_view(), name="ik"),
    path("teams/", views.TeamListView.as_view(), name="teams"),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:v1:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:v1:schema"), name="redoc"),
]

urlpatterns = [path("v1/", include((v1, "v1"), namespace="v1"))]
