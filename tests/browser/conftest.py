"""The browser harness: Debian's Chromium driven by Playwright, against the real app on a local port.

Playwright never downloads a browser here (``playwright install`` is not used): it drives the system's
Chromium through ``executable_path``. Without that browser the tests skip on a developer's machine, but fail
in CI, where a skipped browser suite would hide a broken set-up.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import flask
import pytest
from werkzeug.serving import make_server

import famille
from famille.db import get_engine

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium keeps trying to reach Google's services, which a closed network
# refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BROWSER_DIR = Path(__file__).resolve().parent
DEMO_FAMILY_NAME = "Famille Démo-Tremblay"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser/ as a browser test, so `-m "not browser"` leaves them out."""
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


def running_in_ci() -> bool:
    """Whether we run under CI, where a missing browser is a failure rather than a reason to skip."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def find_chromium() -> Path | None:
    """Debian's Chromium, unless FAMILLE_CHROMIUM names another binary; else `chromium` on PATH."""
    override = os.environ.get("FAMILLE_CHROMIUM")
    if override:
        return Path(override)
    if DEBIAN_CHROMIUM.exists():
        return DEBIAN_CHROMIUM
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return Path(found) if found else None


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """The Chromium binary to drive; skips (outside CI) or fails (in CI) when there is none."""
    path = find_chromium()
    if path is None or not path.exists():
        reason = (
            f"Chromium not found at {DEBIAN_CHROMIUM}: install Debian's `chromium` package "
            "(`make test` does) or set FAMILLE_CHROMIUM"
        )
        if running_in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Browser]:
    """One headless Chromium for the whole session (one per xdist worker)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open pages in fresh browser contexts (own cookies); ``new_page(locale="fr-CA")``."""
    contexts: list[BrowserContext] = []

    def open_page(**context_options: Any) -> Page:
        context = browser.new_context(**context_options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def demo_family_name() -> str:
    """The family name the live server is configured with (the home page's title shows it)."""
    return DEMO_FAMILY_NAME


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[str]:
    """The real app with the demo family in a fresh SQLite database, served on a free local port.

    Yields the base URL, e.g. ``http://127.0.0.1:54321``.
    """
    app = famille.create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'famille.sqlite'}",
            "LOAD_DEMO": False,
            "FAMILY_NAME": DEMO_FAMILY_NAME,
            "SECRET_KEY": "browser-tests-secret-key",
        }
    )
    run_cli(app, "db", "upgrade")
    run_cli(app, "demo")

    # Port 0: the system picks a free port, so parallel workers never collide.
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        get_engine(app).dispose()


def run_cli(app: flask.Flask, *args: str) -> None:
    """Run a `famille` command in-process against ``app``, failing the test with its output if it fails."""
    result = app.test_cli_runner().invoke(cli=famille_cli(app), args=list(args))
    assert result.exit_code == 0, f"famille {' '.join(args)} failed:\n{result.output}\n{result.exception!r}"


def famille_cli(app: flask.Flask) -> click.Command:
    """The `famille` command group (it also reaches commands registered on ``app.cli``), else ``app.cli``."""
    try:
        from famille.cli import main
    except ImportError:
        return app.cli
    return main if isinstance(main, click.Group) else app.cli
