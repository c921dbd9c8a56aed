from django.urls import path

from zicht.accounts import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/verificatie/", views.otp_verify_view, name="otp-verify"),
    path("inloggen/koppelen/", views.otp_enrol_view, name="otp-enrol"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("account/", views.account_view, name="account"),
    path("account/tokens/<int:pk>/intrekken/", views.api_token_revoke_view, name="token-revoke"),
    path("beheer/gebruikers/", views.user_list_view, name="user-list"),
    path("beheer/gebruikers/nieuw/", views.user_edit_view, name="user-new"),
    path("beheer/gebruikers/<int:pk>/", views.user_edit_view, name="user-edit"),
    path(
        "beheer/gebruikers/<int:pk>/tweede-factor-resetten/",
        views.user_otp_reset_view,
        name="user-otp-reset",
    ),
    path("beheer/teams/", views.team_list_view, name="team-list"),
    path("beheer/teams/nieuw/", views.team_edit_view, name="team-new"),
    path("beheer/teams/<int:pk>/", views.team_edit_view, name="team-edit"),
    path("beheer/rollen/", views.role_list_view, name="role-list"),
    path("beheer/rollen/nieuw/", views.role_edit_view, name="role-new"),
    path("beheer/rollen/<int:pk>/", views.role_edit_view, name="role-edit"),
]
