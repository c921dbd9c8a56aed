from django.urls import path

from zicht.radar.register import views

urlpatterns = [
    path("gezond", views.gezond, name="gezond"),
    path(
        "v1/betrokkenheden/<uuid:referentie>",
        views.betrokkenheid,
        name="betrokkenheid",
    ),
    path("v1/signalen", views.signalen, name="signalen"),
    path("v1/overeenkomsten", views.overeenkomsten, name="overeenkomsten"),
]
