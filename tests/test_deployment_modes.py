"""TUKSUK_MODE=portal serves the public site alone; an unknown mode refuses to start."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(mode: str, code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TUKSUK_MODE": mode, "DJANGO_SETTINGS_MODULE": "tuksuk.settings.test"}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def test_portal_mode_routes_only_the_public_site():
    code = (
        "import django; django.setup(); from django.conf import settings; from django.urls import resolve, Resolver404\n"
        "print(settings.ROOT_URLCONF)\n"
        "print(resolve('/p/').view_name)\n"
        "for path in ('/accounts/login/', '/households/', '/admin/', '/api/v1/stories/', '/audit/'):\n"
        "    try:\n"
        "        resolve(path); print('reachable', path)\n"
        "    except Resolver404:\n"
        "        pass\n"
        "print('session' in ' '.join(settings.MIDDLEWARE))\n"
    )
    result = _run("portal", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["tuksuk.portal.urls_public_only", "portal:home", "False"]


def test_an_unknown_mode_refuses_to_start():
    result = _run("everything", "import django; django.setup()")
    assert result.returncode != 0
    assert "TUKSUK_MODE must be 'full' or 'portal'" in result.stderr
