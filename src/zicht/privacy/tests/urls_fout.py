"""The project's URLs plus one view that fails with personal data in its exception (tests)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from zicht.conf.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def kapot(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("Verwerking mislukt voor BSN 111222333 (test)")


urlpatterns = [*urlpatterns, path("test-fout/", kapot)]
