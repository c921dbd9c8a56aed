"""``GET /healthz``: liveness and a real database round trip, without login."""

from __future__ import annotations

import time

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

import zicht


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    started = time.perf_counter()
    database: dict[str, object] = {"vendor": connection.vendor}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database["status"] = "ok"
    except Exception as error:
        database["status"] = "fout"
        database["fout"] = error.__class__.__name__
    database["ms"] = round((time.perf_counter() - started) * 1000, 2)
    healthy = database["status"] == "ok"
    body = {
        "status": "ok" if healthy else "fout",
        "versie": getattr(zicht, "__version__", "0.1.0"),
        "database": database,
    }
    return JsonResponse(body, status=200 if healthy else 503)
