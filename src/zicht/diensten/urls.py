from django.urls import URLPattern, URLResolver

app_name = "diensten"

urlpatterns: list[URLPattern | URLResolver] = []
