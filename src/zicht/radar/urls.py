from django.urls import URLPattern, URLResolver, path

from zicht.radar import views

app_name = "radar"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.signalen_view, name="signalen"),
    path("<int:pk>/afhandelen/", views.signaal_afhandelen_view, name="afhandelen"),
]
