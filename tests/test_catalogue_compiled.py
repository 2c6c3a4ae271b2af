"""The compiled Chinese catalogue (django.mo) is the one its source (django.po) compiles to: a page in English
because a merge dropped or staled the .mo is caught here, not by a user."""

import shutil
import subprocess
from pathlib import Path

import pytest

MESSAGES = Path(__file__).resolve().parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES"


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")
def test_the_committed_catalogue_is_compiled_from_its_source(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(MESSAGES / "django.po")], check=True)
    assert (MESSAGES / "django.mo").exists(), "django.mo is missing: run `make messages`"
    assert (MESSAGES / "django.mo").read_bytes() == fresh.read_bytes(), "django.mo is stale: run `make messages`"
