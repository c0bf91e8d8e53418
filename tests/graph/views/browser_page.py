"""A view opened in headless Chromium, with everything the page did recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Opened:
    page: Any
    url: str
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, context: Any, path: Path, timeout_ms: int = 120_000) -> Opened:
        page = context.new_page()
        opened = cls(page, Path(path).resolve().as_uri())
        page.on("console", lambda m: opened.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("dialog", opened._dialog)
        # Anything but the file itself is refused (and recorded by the listener above).
        context.route("**/*", opened._route)
        page.goto(opened.url)
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=timeout_ms)
        return opened

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def shown(self) -> dict[str, int]:
        """Nodes and edges the network object draws now."""
        return self.js("allegraph.shown()")

    def problems(self) -> list[Any]:
        """Console errors and warnings, page errors, requests other than the file, dialogs."""
        return [
            *[m for m in self.console if m[0] in ("error", "warning")],
            *self.errors,
            *[r for r in self.requests if r != self.url],
            *[("dialog", d) for d in self.dialogs],
        ]

    def node_point(self, node_id: str) -> dict[str, float]:
        """Where a node is drawn, in page coordinates."""
        box = self.page.locator("#network").bounding_box()
        spot = self.page.evaluate(
            "id => allegraph.network.canvasToDOM(allegraph.network.getPositions([id])[id])", node_id
        )
        return {"x": box["x"] + spot["x"], "y": box["y"] + spot["y"]}
