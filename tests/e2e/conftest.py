"""Playwright in the system Chromium (never a downloaded browser) against pytest-django's live server."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import World

SHOTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.fail("Debian's chromium is required for browser tests (apt-get install chromium)")
    return {
        "executable_path": chromium,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1400, "height": 900},
            "timezone_id": "Asia/Shanghai"}


@pytest.fixture(autouse=True)
def contexts_closed(browser):
    """Closes the browser contexts a test opened itself (browser.new_context()) when it ends.

    pytest-playwright closes only the contexts of its `context`/`new_context` fixtures. Left open, a test's pages
    kept their keep-alive connections to the live server, and polling pages their requests, until the browser
    closed at the end of the session: during later tests, and after the live server had stopped.
    """
    yield
    for context in browser.contexts:
        context.close()


@pytest.fixture
def e2e_world(transactional_db, world_rows):
    return World(world_rows)


@pytest.fixture
def shot(request):
    """shot("name"[, of=page]) saves a full-page screenshot under test-artifacts/screenshots/."""
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(name, of=None):
        path = SHOTS / f"{name}.png"
        (of or request.getfixturevalue("page")).screenshot(path=str(path), full_page=True)
        return path

    return take


def sign_in(page, live_server, username, password="Fuyuan#2024"):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
