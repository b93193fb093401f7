"""Serve an output folder with `newsfacts serve` and render its main pages to PNG with headless Chromium.

    .venv/bin/python scripts/screenshots.py [--out data/out] [--to docs/img]

Needs Debian's `chromium` (or any `chromium`/`google-chrome` on PATH); says so and exits 1 without it.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

log = logging.getLogger("screenshots")
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
PAGES = {
    "database": "/newsfacts",
    "articles": "/newsfacts/articles",
    "article-facts": "/newsfacts/article_facts?article_id=807f6138de5be82e",
    "officials-by-region": "/newsfacts/officials_by_region?code=RU-VGG",
    "largest-amounts": "/newsfacts/largest_amounts?currency=",
    "entity-across-languages": "/newsfacts/entity_across_languages?entity=Русских",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback only
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the server did not answer at {url}")


def shoot(browser: str, url: str, target: Path) -> None:
    """One page → one PNG, 1280 pixels wide."""
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    command += ["--window-size=1280,1000", f"--screenshot={target}", url]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    log.info("%s → %s", url, target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("data/out"), help="output folder of a run")
    parser.add_argument("--to", type=Path, default=Path("docs/img"), help="folder for the PNG files")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        log.error("no Chromium found (apt-get install chromium): no screenshots rendered")
        return 1
    args.to.mkdir(parents=True, exist_ok=True)
    port = free_port()
    newsfacts = Path(sys.executable).with_name("newsfacts")
    with subprocess.Popen([newsfacts, "serve", "--out", str(args.out), "--port", str(port)]) as server:
        try:
            wait_for(f"http://127.0.0.1:{port}/-/versions.json")
            for name, path in PAGES.items():
                shoot(browser, f"http://127.0.0.1:{port}{path}", args.to / f"datasette-{name}.png")
        finally:
            server.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
