from django.urls import path

from zicht.api import beheer_views

app_name = "api-beheer"

urlpatterns = [
    path("", beheer_views.client_list_view, name="client-list"),
    path("nieuw/", beheer_views.client_new_view, name="client-new"),
    path("<int:pk>/", beheer_views.client_edit_view, name="client-edit"),
    path("<int:pk>/token/", beheer_views.client_token_view, name="client-token"),
    path("<int:pk>/intrekken/", beheer_views.client_revoke_view, name="client-revoke"),
]
