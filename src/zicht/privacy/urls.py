from django.urls import URLPattern, URLResolver, path

from zicht.privacy import views

app_name = "privacy"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.overzicht_view, name="overzicht"),
    path("personen/", views.personen_view, name="personen"),
    path("personen/<int:persoon_pk>/", views.persoon_view, name="persoon"),
    path("inzage/<int:verzoek_pk>/inzage.pdf", views.inzage_export_view, name="inzage-export"),
    path(
        "vernietigingsverzoeken/<int:verzoek_pk>/beslissen/",
        views.vernietigingsverzoek_beslissen_view,
        name="vernietigingsverzoek-beslissen",
    ),
    path("vernietiging/", views.vernietiging_view, name="vernietiging"),
    path("vernietiging/proef/", views.proef_view, name="proef"),
    path("vernietiging/<int:lijst_pk>/", views.lijst_view, name="lijst"),
    path("registers/", views.registers_view, name="registers"),
    path(
        "registers/klacht/<int:klacht_pk>/afhandelen/",
        views.klacht_afhandelen_view,
        name="klacht-afhandelen",
    ),
    path(
        "registers/calamiteit/<int:calamiteit_pk>/gemeld/",
        views.calamiteit_gemeld_view,
        name="calamiteit-gemeld",
    ),
    path("audit/", views.audit_view, name="audit"),
    path("audit/export.csv", views.audit_csv_view, name="audit-csv"),
]
