"""Root URL configuration."""

from django.urls import include, path

from zicht.accounts import views as account_views
from zicht.accounts.kalender_views import kalender_urlpatterns
from zicht.core.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", account_views.home_view, name="home"),
    path("", include("zicht.accounts.urls")),
    path("beheer/kalender/", include(kalender_urlpatterns)),
    path("beheer/api-clients/", include("zicht.api.beheer_urls")),
    path("beheer/", include("zicht.core.urls")),
    path("audit/", include("zicht.audit.urls")),
    path("personen/", include("zicht.people.urls")),
    path("dossiers/", include("zicht.casework.urls")),
    path("intake/", include("zicht.intake.urls")),
    path("beoordeling/", include("zicht.assessment.urls")),
    path("diensten/", include("zicht.diensten.urls")),
    path("planning/", include("zicht.planning.urls")),
    path("rapportage/", include("zicht.reporting.urls")),
    path("privacy/", include("zicht.privacy.urls")),
    path("radar/", include("zicht.radar.urls")),
    path("api/", include("zicht.api.urls")),
]

handler400 = "zicht.core.errors.bad_request"
handler403 = "zicht.core.errors.permission_denied"
handler404 = "zicht.core.errors.page_not_found"
handler500 = "zicht.core.errors.server_error"
