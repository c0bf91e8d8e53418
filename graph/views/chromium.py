"""How to open a view in Debian's headless Chromium (tests and bench/views.py).

The flags keep Chromium off the network it would otherwise try at start
(updates, sync, QUIC), which a closed or air-gapped machine refuses.
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
