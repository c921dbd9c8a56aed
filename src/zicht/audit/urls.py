from django.urls import URLPattern, URLResolver, path

from zicht.audit import views

app_name = "audit"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.event_list_view, name="list"),
]
