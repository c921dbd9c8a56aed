"""Production settings: `check --deploy` is clean and demo mode is refused."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"ZICHT_DEMO", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    base.update(
        {
            "DJANGO_SETTINGS_MODULE": "zicht.conf.production",
            "SECRET_KEY": "x" * 64 + "-productie-sleutel-voor-de-test",
            "ALLOWED_HOSTS": "zicht.example.nl",
            "DATABASE_URL": "sqlite:////tmp/zicht-deploy-check.sqlite3",
        }
    )
    base.update(env)
    return subprocess.run(
        [sys.executable, "-m", "zicht", *args],
        env=base,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_production_check_deploy_has_no_warnings():
    result = _run("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_demo_mode():
    result = _run("check", ZICHT_DEMO="1")
    assert result.returncode != 0
    assert "ZICHT_DEMO=1 is not allowed with production settings" in result.stderr


def test_production_requires_secret_key():
    result = _run("check", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_dutch_and_amsterdam():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ


@pytest.mark.django_db
def test_sqlite_is_configured_for_concurrent_use():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-specific configuration; this run uses PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_logging_redacts_bsn(caplog):
    import logging

    from zicht.core.logging import RedactPersonalData, redact

    assert redact("BSN 123456782 en 123.456.782") == "BSN [geredigeerd] en [geredigeerd]"
    logger = logging.getLogger("zicht.test")
    logger.addFilter(RedactPersonalData())
    with caplog.at_level(logging.INFO, logger="zicht.test"):
        logger.info("persoon %s gevonden", "111222333")
    assert "111222333" not in caplog.text
