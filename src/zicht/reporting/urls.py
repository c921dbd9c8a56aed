from django.urls import path

from zicht.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.index_view, name="index"),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("cbs/", views.cbs_view, name="cbs"),
    path("gemeente/", views.gemeente_view, name="gemeente"),
    path("bestuur/", views.bestuur_view, name="bestuur"),
    path("jaarverslag/", views.jaarverslag_view, name="jaarverslag"),
    path("exports/<int:pk>/", views.export_view, name="export"),
    path("exports/<int:pk>/download/", views.download_view, name="download"),
]
