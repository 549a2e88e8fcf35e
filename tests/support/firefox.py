"""Firefox ESR (Debian's ``firefox-esr``) driven over WebDriver BiDi, the W3C protocol it
speaks itself: no downloaded driver, no patched browser. Just what the console's tests
need: open a page, run script in it, wait for a condition in it.

Firefox starts headless with a fresh profile whose prefs give it fake camera and
microphone without asking, let WebRTC use loopback addresses (the tests' only network),
show real host addresses rather than mDNS names (aiortc cannot resolve them), and keep it
from reaching Mozilla's services (the tests run in a namespace with only loopback
anyway).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import websockets

FIREFOX = "/usr/bin/firefox-esr"
PREFS = {
    "media.navigator.streams.fake": True,
    "media.navigator.permission.disabled": True,
    "media.peerconnection.ice.loopback": True,
    "media.peerconnection.ice.obfuscate_host_addresses": False,
    # every address, not only the one of the default route (netlab.routed_address)
    "media.peerconnection.ice.default_address_only": False,
    "browser.shell.checkDefaultBrowser": False,
    "app.update.auto": False,
    "app.normandy.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "extensions.update.enabled": False,
    "browser.aboutwelcome.enabled": False,
}


class BidiError(RuntimeError):
    """A command Firefox refused, or a script that threw."""


class FirefoxPage:
    """The one tab of a Firefox session."""

    def __init__(self, socket: Any, context: str) -> None:
        self._socket = socket
        self._context = context
        self._ids = itertools.count(10)

    async def command(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        number = next(self._ids)
        await self._socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:  # events arrive in between: not subscribed to, but skipped if any come
            answer = json.loads(await self._socket.recv())
            if answer.get("id") == number:
                if answer.get("type") == "error":
                    raise BidiError(f"{method}: {answer.get('error')}: {answer.get('message')}")
                return dict(answer["result"])

    async def goto(self, url: str) -> None:
        await self.command(
            "browsingContext.navigate", {"context": self._context, "url": url, "wait": "complete"}
        )

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (awaited if a promise), as JSON."""
        result = await self.command(
            "script.callFunction",
            {
                "functionDeclaration": f"async () => JSON.stringify(await ({expression}))",
                "target": {"context": self._context},
                "awaitPromise": True,
            },
        )
        if result.get("type") == "exception":
            details = result.get("exceptionDetails", {})
            raise BidiError(f"{expression}: {details.get('text')}")
        value = result["result"].get("value")
        return None if value is None else json.loads(value)

    async def wait_for(self, condition: str, timeout_s: float) -> None:
        """Until ``condition`` (a JavaScript expression) is true in the page: checked there
        at each animation frame, so nothing here polls."""
        await self.evaluate(
            "new Promise((resolve, reject) => {"
            f" const until = Date.now() + {int(timeout_s * 1000)};"
            " const check = () => {"
            f"  let ok = false; try {{ ok = Boolean({condition}); }} catch (e) {{}}"
            "  if (ok) resolve(true);"
            "  else if (Date.now() > until)"
            f"   reject(new Error('timed out: ' + {json.dumps(condition)}));"
            "  else setTimeout(check, 50);"
            " };"
            " check();"
            "})"
        )

    async def click(self, selector: str) -> None:
        await self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    async def fill(self, selector: str, text: str) -> None:
        await self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            f" e.value = {json.dumps(text)};"
            " e.dispatchEvent(new Event('input', {bubbles: true})); })()"
        )


def _write_profile(profile: Path) -> None:
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "user.js").write_text(
        "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in PREFS.items())
    )


@contextlib.asynccontextmanager
async def firefox_page(profile: Path) -> AsyncIterator[FirefoxPage]:
    """Firefox ESR, headless, with a fresh profile in ``profile``; its one tab."""
    _write_profile(profile)
    process = await asyncio.create_subprocess_exec(
        FIREFOX, "--headless", "--no-remote", "--remote-debugging-port=0",
        "--profile", str(profile), "about:blank",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        assert process.stderr is not None
        url = None
        async with asyncio.timeout(60):
            while url is None:
                line = (await process.stderr.readline()).decode(errors="replace")
                if not line:
                    raise BidiError("Firefox exited before it listened")
                match = re.search(r"WebDriver BiDi listening on (ws://\S+)", line)
                url = match.group(1) if match else None
        async with websockets.connect(f"{url}/session", max_size=None) as socket:
            page = FirefoxPage(socket, "")
            await page.command("session.new", {"capabilities": {}})
            tree = await page.command("browsingContext.getTree", {})
            page._context = tree["contexts"][0]["context"]
            yield page
            with contextlib.suppress(BidiError, websockets.ConnectionClosed):
                await page.command("session.end", {})
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 15)
            except TimeoutError:
                process.kill()
                await process.wait()
