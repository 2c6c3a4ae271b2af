"""With only DEBUG=False, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL set, `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(extra_env):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SECURE_", "SESSION_", "CSRF_", "DEBUG", "DJANGO_", "EMAIL_", "STATICFILES_",
                                "WHITENOISE_"))}
    env.update({"DEBUG": "False", "SECRET_KEY": "k" * 30 + "-production-secret-" + "z" * 30,
                "ALLOWED_HOSTS": "fuyuan.example.gov.cn", "DATABASE_URL": "sqlite:////tmp/fuyuan-deploy-check.db"})
    env.update(extra_env)
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_settings_pass_check_deploy():
    result = run_check({})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_development_key_is_flagged():
    result = run_check({"SECRET_KEY": ""})
    env_without_key = result  # an empty key falls back to the development key
    assert env_without_key.returncode != 0
    assert "security.W009" in env_without_key.stdout + env_without_key.stderr


def test_plain_http_deployment_can_switch_redirect_off():
    result = run_check({"SECURE_SSL_REDIRECT": "False"})
    assert "security.W008" in result.stdout + result.stderr
