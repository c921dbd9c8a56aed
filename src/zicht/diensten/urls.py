from django.urls import URLPattern, URLResolver, path

from zicht.diensten import views

app_name = "diensten"

urlpatterns: list[URLPattern | URLResolver] = [
    path("besluit/<int:pk>/bevestigen/", views.besluit_bevestigen_view, name="besluit-bevestigen"),
    path(
        "terugkoppeling/<int:pk>/brief.pdf",
        views.terugkoppeling_brief_view,
        name="terugkoppeling-brief",
    ),
    path(
        "terugkoppeling/<int:pk>/versturen/",
        views.terugkoppeling_versturen_view,
        name="terugkoppeling-versturen",
    ),
    path(
        "melding/<int:pk>/brief-gezin/<int:betrokkene>.pdf",
        views.gezinsbrief_view,
        name="gezinsbrief",
    ),
]

# Mijn werk, werkverdeling, huisverbod, voorlichting, uren (diensten.werk_urls).
from zicht.diensten.werk_urls import werk_urlpatterns  # noqa: E402

urlpatterns += werk_urlpatterns

# The dienst pages: overdracht, V&V, Onderzoek, monitoring (diensten.inhoud_urls).
from zicht.diensten.inhoud_urls import inhoud_urlpatterns  # noqa: E402

urlpatterns += inhoud_urlpatterns
