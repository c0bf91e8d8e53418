"""The caveat of a claim resting on evidence nobody has authenticated, read from the
side panel and tooltip of the view in a real headless Chromium (issue 17)."""

from __future__ import annotations

import pytest

from allegraph.demo import run_demo
from allegraph.evidence import set_status
from allegraph.views import view_selection, whole

pytestmark = pytest.mark.browser


def tooltip_of(opened, node_id: str) -> str:
    """Hover a node: the tooltip's text."""
    page = opened.page
    point = opened.node_point(node_id)
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector("#tooltip:not([hidden])")
    return page.locator("#tooltip").inner_text()


def panel_of(opened, words: str, node_id: str) -> tuple[str, str]:
    """Find a node with the page's search box and open it: the side panel's kind and text."""
    page = opened.page
    page.fill("#search", words)
    page.locator("#search-results button").first.click()
    assert opened.js("allegraph.network.getSelectedNodes()") == [node_id]
    details = page.locator("#details")
    return details.locator(".kind").inner_text(), details.inner_text()


def test_the_demo_shows_the_unresolved_video_and_its_caveat(embedded, open_view, tmp_path):
    path = run_demo(embedded, tmp_path / "demo").outputs["view"]  # what `allegraph demo` writes
    opened = open_view(path)
    kind, details = panel_of(opened, "unidentified individual striking", "c-garage-video")
    assert kind == "Claim · disputed · evidence not verified"
    assert "caveat\nevidence not verified" in details
    assert "evidence not verified" in tooltip_of(opened, "c-garage-video")
    kind, _ = panel_of(opened, "video shown at the baku", "video-garage")
    assert kind == "Evidence · unresolved"
    assert opened.problems() == []

    # authenticated, the video counts like an independent source: no caveat
    set_status(embedded, "video-garage", "authenticated", "A. Analyst", "geolocation")
    again = view_selection(whole(embedded, "after")).save(tmp_path / "after.html")
    kind, details = panel_of(open_view(again), "unidentified individual striking", "c-garage-video")
    assert kind == "Claim · contested"  # two independent sources now, and the dispute
    assert "caveat" not in details
