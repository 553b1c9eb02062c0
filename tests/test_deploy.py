"""Production: Django's deployment checklist, gunicorn, the files operators expect."""

import os
import re
import runpy
import subprocess
import sys

import pytest
from django.conf import settings

from moderation.detectors import arabic_names, names, places


@pytest.mark.parametrize("with_redis", [False, True], ids=["embedded", "redis"])
def test_manage_py_check_deploy_is_clean_in_production_mode(tmp_path, with_redis):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": "a-production-secret-" + "x" * 50,
        "ALLOWED_HOSTS": "metoo.example",
        "VAR_DIR": str(tmp_path),
    }
    env.pop("REDIS_URL", None)
    if with_redis:
        if not settings.REDIS_URL:
            pytest.skip("REDIS_URL is not set")
        env["REDIS_URL"] = settings.REDIS_URL
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def settings_read_from_the_environment() -> set[str]:
    names = set()
    for path in (settings.BASE_DIR / "config").glob("*.py"):
        if path.name in ("test_settings.py", "bench_settings.py"):
            continue
        text = path.read_text()
        names |= set(re.findall(r"""env(?:\.\w+)?\(\s*["']([A-Z_]+)["']""", text))
        names |= set(re.findall(r"""os\.environ\.get\(\s*["']([A-Z_]+)["']""", text))
    return names


def test_env_example_names_every_setting_read_from_the_environment():
    example = (settings.BASE_DIR / ".env.example").read_text()
    named = set(re.findall(r"^#?([A-Z_]+)=", example, flags=re.MULTILINE))
    read = settings_read_from_the_environment()
    assert {"SECRET_KEY", "DATABASE_URL", "GUNICORN_BIND", "METRICS_TOKEN"} <= read
    assert read - named == set()


def test_gunicorn_listens_on_loopback_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    monkeypatch.setenv("PORT", "8123")
    conf = runpy.run_path(str(settings.BASE_DIR / "config" / "gunicorn.conf.py"))
    assert conf["bind"] == "127.0.0.1:8123"
    monkeypatch.setenv("GUNICORN_BIND", "unix:/run/metoo/web.sock")
    conf = runpy.run_path(str(settings.BASE_DIR / "config" / "gunicorn.conf.py"))
    assert conf["bind"] == "unix:/run/metoo/web.sock"


def test_each_web_worker_loads_the_detectors_before_its_first_request():
    loaders = (
        names.given_names,
        names.more_given_names,
        places.gazetteer,
        arabic_names.given_names,
    )
    for loader in loaders:
        loader.cache_clear()
    conf = runpy.run_path(str(settings.BASE_DIR / "config" / "gunicorn.conf.py"))

    conf["post_worker_init"](worker=None)

    assert [loader.cache_info().currsize for loader in loaders] == [1, 1, 1, 1]


def test_the_licence_is_the_agpl_version_3_or_later():
    licence = (settings.BASE_DIR / "LICENSE").read_text()
    assert licence.lstrip().startswith("GNU AFFERO GENERAL PUBLIC LICENSE")
    assert "Version 3, 19 November 2007" in licence
    assert 'license = "AGPL-3.0-or-later"' in (settings.BASE_DIR / "pyproject.toml").read_text()
