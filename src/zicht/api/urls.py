from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from zicht.api import views

app_name = "api"

v1 = [
    path("ik/", views.CurrentUserView.as_view(), name="ik"),
    path("teams/", views.TeamListView.as_view(), name="teams"),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    # The split view serves its start-up script from a URL, so our strict CSP needs no inline JS.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:v1:schema"), name="docs"),
]

urlpatterns = [path("v1/", include((v1, "v1"), namespace="v1"))]
