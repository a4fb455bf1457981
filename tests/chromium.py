"""A tiny Chrome DevTools Protocol client over ``--remote-debugging-pipe`` (standard library
only), to test the HTML report in a real headless Chromium: console messages, network
requests, layout of the charts, screenshots and printing.

Run as a script to refresh the screenshots in ``docs/``:
``python tests/chromium.py docs`` (from the repository root, with allyeval installed).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
    "--remote-debugging-pipe",
]  # fmt: skip


@dataclass
class Page:
    """What happened while a page loaded."""

    console: list[str] = field(default_factory=list)
    """Console messages, JavaScript exceptions and browser log entries (CSP violations)."""
    requests: list[str] = field(default_factory=list)
    """Every URL requested, the document's own included."""
    dialogs: list[str] = field(default_factory=list)


class Chromium:
    """One headless Chromium, driven over its DevTools pipe."""

    def __init__(self) -> None:
        if CHROMIUM is None:
            raise RuntimeError("Chromium is not installed")
        self._profile = tempfile.TemporaryDirectory()
        to_browser_read, self._write = os.pipe()
        self._read, from_browser_write = os.pipe()

        def wire() -> None:  # the browser reads commands on fd 3 and answers on fd 4
            os.dup2(to_browser_read, 100)  # out of the way first: either may be fd 3 or 4
            os.dup2(from_browser_write, 101)
            os.dup2(100, 3)
            os.dup2(101, 4)
            os.close(100)
            os.close(101)

        self._process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            preexec_fn=wire,
            close_fds=False,  # closing would happen after wire() and take fds 3 and 4 too
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        self._session: str | None = None

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.send("Browser.close", session=False)
        except (OSError, RuntimeError):
            pass
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._write)
        os.close(self._read)
        self._profile.cleanup()

    def _message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed its DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(self, method: str, params: dict[str, Any] | None = None, *,
             session: bool = True) -> dict[str, Any]:  # fmt: skip
        """Send a command and return its result; events that arrive meanwhile are kept."""
        self._next_id += 1
        command: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self._session:
            command["sessionId"] = self._session
        os.write(self._write, json.dumps(command).encode() + b"\0")
        while True:
            message = self._message()
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self._events.append(message)

    def wait_for(self, event: str) -> None:
        while not any(e.get("method") == event for e in self._events):
            self._events.append(self._message())

    def open(self, url: str, *, width: int = 1000, height: int = 800) -> Page:
        """Load *url* in a fresh tab and record what it logs and requests."""
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.send(
            "Target.attachToTarget",
            {"targetId": target["targetId"], "flatten": True},
            session=False,
        )
        self._session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self.send("Emulation.setDeviceMetricsOverride", metrics)
        self._events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        page = Page()
        for event in self._events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled":
                page.console.append(" ".join(str(a.get("value")) for a in params["args"]))
            elif method == "Runtime.exceptionThrown":
                page.console.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Log.entryAdded":
                page.console.append(params["entry"]["text"])
            elif method == "Network.requestWillBeSent":
                page.requests.append(params["request"]["url"])
            elif method == "Page.javascriptDialogOpening":
                page.dialogs.append(params["message"])
        return page

    def evaluate(self, expression: str) -> Any:
        options = {"expression": expression, "returnByValue": True, "awaitPromise": True}
        reply = self.send("Runtime.evaluate", options)
        return reply["result"].get("value")

    def screenshot(self, path: Path, *, height: int | None = None) -> None:
        """A PNG of the page from the top: *height* pixels, or the whole page."""
        metrics = self.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": metrics["width"], "scale": 1,
                "height": min(metrics["height"], height or metrics["height"])}  # fmt: skip
        options = {"format": "png", "clip": clip, "captureBeyondViewport": True}
        shot = self.send("Page.captureScreenshot", options)
        path.write_bytes(base64.b64decode(shot["data"]))

    def media(self, media: str) -> None:
        """Lay the page out for *media* (``print`` or ``screen``)."""
        self.send("Emulation.setEmulatedMedia", {"media": media})

    def pdf(self) -> bytes:
        """The page printed as the browser prints it (its own @page size)."""
        reply = self.send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
        return base64.b64decode(reply["data"])


SHOTS = {
    "score": ["score", "examples/nato.yaml"],
    "compare": ["compare", "examples/us-japan.yaml", "examples/aukus.yaml", "examples/quad.yaml"],
    "robustness": ["robustness", "examples/nato.yaml", "examples/aukus.yaml", "examples/quad.yaml",
                   "examples/warsaw-pact.yaml", "examples/csto.yaml"],
    "trend": ["trend", "examples/nato-series/nato-1989.yaml", "examples/nato-series/nato-1999.yaml",
              "examples/nato-series/nato-2014.yaml", "examples/nato.yaml"],
}  # fmt: skip


def main(folder: str) -> None:
    """Write ``html-<kind>.png`` for each report kind into *folder*."""
    with tempfile.TemporaryDirectory() as work, Chromium() as browser:
        for kind, args in SHOTS.items():
            report = Path(work) / f"{kind}.html"
            subprocess.run([sys.executable, "-m", "allyeval", *args, "-f", "html", "-o",
                            str(report)], check=True)  # fmt: skip
            browser.open(report.as_uri(), width=960)
            browser.screenshot(Path(folder) / f"html-{kind}.png", height=1100)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs")
