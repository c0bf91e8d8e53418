"""Fixtures for the view tests."""

from __future__ import annotations

import pytest

from allegraph.views.chromium import CHROMIUM_ARGS
from tests.conftest import require_chromium
from tests.graph.views.browser_page import Opened
from tests.graph.views.hostile_case import HOSTILE_RECORDS, load_records


@pytest.fixture
def hostile(embedded, tmp_path):
    """An embedded store holding HOSTILE_RECORDS."""
    load_records(embedded, HOSTILE_RECORDS, tmp_path)
    return embedded


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium driven by Playwright; skipped without it (a failure under CI)."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_view(chromium):
    """Open a view file offline; yields a function path -> Opened, closes pages after."""
    contexts = []

    def opener(path, width: int = 1400, height: int = 900) -> Opened:
        context = chromium.new_context(viewport={"width": width, "height": height}, offline=True)
        contexts.append(context)
        return Opened.load(context, path)

    yield opener
    for context in contexts:
        context.close()
