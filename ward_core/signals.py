"""Signals of our own, for what Pelican has no signal for.

``body_replaced``: the preview's worker swapped in a post's new body (its front
matter unchanged) on the content object it keeps in memory from the last full
build. Each plugin that derives something from the body (photos placed in it,
search words) re-derives it for that one object before the page is rendered
again. Sent with ``generators`` (the last build's, which hold the plugins'
state) and ``output`` (the folder being served).
"""

from __future__ import annotations

from blinker import signal

body_replaced = signal("ward-body-replaced")
