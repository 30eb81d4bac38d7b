"""Screenshots of the HTML view of the example notes, for the README (docs/*.png).

Builds examples/notes into a temporary store, writes three pages with
``kg export html`` and photographs them in Debian's headless Chromium with the
network cut off (fonts-noto-cjk makes the Chinese readable):

- docs/html-overview.png   the whole graph
- docs/html-focus.png      LoRA's neighbourhood, LoRA focused, its card open
- docs/html-prereqs.png    BLIP-2's prerequisites top-down, Q-Former focused

    python scripts/html-screenshots.py
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1440, "height": 820}

SHOTS = [
    ("html-overview.png", [], None),
    ("html-focus.png", ["--around", "LoRA", "--depth", "2", "--with-related"], "lora"),
    ("html-prereqs.png", ["--prereqs-of", "BLIP2"], "q-former"),
]


def kg(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "kg", *args], cwd=REPO, check=True, capture_output=True, text=True)


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        store = Path(folder) / "store"
        kg("build", "examples/notes", "--store", str(store))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for name, options, focus in SHOTS:
            page_path = Path(folder) / name.replace(".png", ".html")
            kg("export", "html", "--store", str(store), *options, "-o", str(page_path), "--max", "40")
            url = page_path.as_uri()
            page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
            page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
            page.goto(url)
            while not page.evaluate("window.kgReady === true"):
                time.sleep(0.05)
            if focus:
                page.evaluate("(id) => kgFocus(id)", focus)
            page.wait_for_timeout(1200)  # the focus animation, and labels sized for its zoom
            page.screenshot(path=str(DOCS / name))
            page.close()
            print(f"wrote {DOCS / name}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
