"""The console's own modules in real Chromium, as the page loads them: what no call test
can pin down on its own (the order in which messages are handled)."""

from __future__ import annotations

from pathlib import Path

from aiohttp.test_utils import TestServer
from playwright.async_api import async_playwright

from signaling.app import create_app
from signaling.config import ServerConfig
from signaling.demo_data import DemoCredentials
from tests.helpers import launch_console, require_loopback_only

IN_ORDER = """
async () => {
  const { SignalingSocket } = await import('/console/signaling.js');
  const handled = [];
  const socket = new SignalingSocket({
    onMessage: async (m) => {
      // The first message's handler awaits longest (as call.started awaits the camera).
      await new Promise((done) => setTimeout(done, m.wait));
      handled.push(m.n);
      if (m.n === 2) throw new Error('a handler failed');
    },
    onState: () => {},
    onUnauthorized: () => {},
  });
  for (const [n, wait] of [[1, 80], [2, 0], [3, 10], [4, 0]]) {
    socket.deliver({ type: 'test', n, wait });
  }
  await socket.inbox;
  return handled;
}
"""


async def test_messages_are_handled_one_after_another_in_order(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path
) -> None:
    """A signal that overtook call.started (whose handler awaits the camera) found no call
    and was dropped; now each message waits for the one before, and an error in one
    handler is logged without stopping the rest."""
    require_loopback_only()
    server = TestServer(create_app(ServerConfig(port=0, db_url=f"sqlite:///{test_db[0]}")))
    await server.start_server()
    try:
        async with async_playwright() as pw:
            context = await launch_console(pw, tmp_path / "profile")
            page = context.pages[0] if context.pages else await context.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            await page.goto(str(server.make_url("/console/")))
            assert await page.evaluate(IN_ORDER) == [1, 2, 3, 4]
            assert any("handling test failed" in e and "a handler failed" in e for e in errors)
            await context.close()
    finally:
        await server.close()
