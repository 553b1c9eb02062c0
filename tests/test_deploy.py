"""The production configuration passes Django's deployment checklist."""

import os
import subprocess
import sys

import pytest
from django.conf import settings


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
