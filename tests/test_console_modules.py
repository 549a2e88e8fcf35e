"""The console's own modules in real Chromium, as the page loads them: what no call test
can pin down on its own (the order in which messages are handled)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from aiohttp.test_utils import TestServer
from playwright.async_api import Page, async_playwright

from signaling.app import create_app
from signaling.config import ServerConfig
from signaling.demo_data import DemoCredentials
from tests.helpers import launch_console, require_loopback_only


@asynccontextmanager
async def console_page(db: Path, tmp_path: Path) -> AsyncIterator[Page]:
    """The console's page, as served by an in-process server, in real Chromium."""
    require_loopback_only()
    server = TestServer(create_app(ServerConfig(port=0, db_url=f"sqlite:///{db}")))
    await server.start_server()
    try:
        async with async_playwright() as pw:
            context = await launch_console(pw, tmp_path / "profile")
            page = context.pages[0] if context.pages else await context.new_page()
            await page.goto(str(server.make_url("/console/")))
            yield page
            await context.close()
    finally:
        await server.close()


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
    async with console_page(test_db[0], tmp_path) as page:
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        assert await page.evaluate(IN_ORDER) == [1, 2, 3, 4]
        assert any("handling test failed" in e and "a handler failed" in e for e in errors)


A_CALL_IN_THE_STORE = """
async () => {
  const { Store } = await import('/console/store.js');
  const { INITIAL, reduce, screen } = await import('/console/state.js');
  await (await import('/console/i18n.js')).useLanguage('en');  // what it says, in English
  const store = new Store(INITIAL);
  const renders = { chat: 0, queue: 0 };
  store.subscribe((s) => s.chat, () => { renders.chat += 1; });
  store.subscribe((s) => s.queue, () => { renders.queue += 1; });
  const seen = [];
  const say = (m) => { store.update((s) => reduce(s, m)); seen.push(screen(store.get())); };
  const entry = {
    ticket: 't-1', agency: 'kela', language: 'fi', point: 'Nurmes', queued_at: 0, kind: 'walk_in',
  };
  const agencies = [{ code: 'kela', names: { en: 'Kela' } }];
  say({ type: 'welcome', role: 'clerk', name: 'Clerk', agencies });
  say({ type: 'queue.snapshot', entries: [entry], queues: [] });
  say({ type: 'call.offer', entry, expires_at: 99 });
  const offered = store.get().offer !== null;
  say({
    type: 'call.started', call_id: 'c-1', you: 'clerk', agency: 'kela', language: 'fi',
    peers: [], ice_servers: [],
  });
  const offerGone = store.get().offer === null;
  say({ type: 'call.offer', entry, expires_at: 99 });
  const noOfferInCall = store.get().offer === null;
  say({ type: 'chat', call_id: 'c-2', from: 'kiosk', role: 'kiosk', text: 'another call', at: 1 });
  say({ type: 'chat', call_id: 'c-1', from: 'kiosk', role: 'kiosk', text: 'hei', at: 1 });
  say({ type: 'chat', call_id: 'c-1', from: 'clerk', role: 'clerk', text: 'moi', at: 2 });
  say({ type: 'call.quality', call_id: 'c-1', member_id: 'kiosk', step: 'reduced' });
  const during = { chat: store.get().chat.map((l) => [l.text, l.mine]), step: store.get().step };
  const drafts = [];
  say({ type: 'chat.draft', call_id: 'c-1', from: 'kiosk', role: 'kiosk', text: 'kyl' });
  say({ type: 'chat.draft', call_id: 'c-2', from: 'kiosk', role: 'kiosk', text: 'another call' });
  say({
    type: 'chat.draft', call_id: 'c-1', from: 'interpreter-1', role: 'interpreter', text: 'He',
  });
  drafts.push(store.get().drafts);
  say({ type: 'chat', call_id: 'c-1', from: 'kiosk', role: 'kiosk', text: 'kyllä', at: 3 });
  drafts.push(store.get().drafts);
  say({ type: 'call.peer_left', call_id: 'c-1', member_id: 'interpreter-1' });
  say({ type: 'chat.draft', call_id: 'c-1', from: 'kiosk', role: 'kiosk', text: 'x' });
  say({ type: 'chat.draft', call_id: 'c-1', from: 'kiosk', role: 'kiosk', text: '' });
  drafts.push(store.get().drafts);
  say({ type: 'chat.draft', call_id: 'c-1', from: 'kiosk', role: 'kiosk', text: 'kiitos' });
  say({ type: 'queue.snapshot', entries: [], queues: [] });
  say({ type: 'call.ended', call_id: 'c-1', reason: 'connection_lost' });
  // The browser's last reports on the call crossed its end: refused, and nothing to show.
  say({ type: 'error', code: 'not_found', message: 'no such call', in_reply_to: 'signal' });
  say({ type: 'error', code: 'not_found', message: 'no such call', in_reply_to: 'call.media' });
  const after = store.get();
  const lost = after.error.includes('cut off');
  // What the clerk does next and is refused is shown.
  say({ type: 'error', code: 'service_paused', message: 'paused', in_reply_to: 'clerk.status' });
  const refused = store.get().error !== after.error && store.get().error !== '';
  return { refused, seen, offered, offerGone, noOfferInCall, during, renders, drafts,
           after: { chat: after.chat.length, step: after.step, lost, drafts: after.drafts } };
}
"""


async def test_the_console_state_follows_a_call_and_views_render_only_what_changed(
    test_db: tuple[Path, DemoCredentials], tmp_path: Path
) -> None:
    """The console's one store (agent_console/static/state.js and store.js), as the page
    loads it: a call's messages take the screens from the queue to the call and back, a
    message of another call changes nothing, an offer never shows over a call, and a view
    subscribed to one part is not redrawn when another part changes."""
    async with console_page(test_db[0], tmp_path) as page:
        result = await page.evaluate(A_CALL_IN_THE_STORE)
    assert result["seen"] == ["queue"] * 3 + ["call"] * 15 + ["queue"] * 4
    assert result["offered"] and result["offerGone"] and result["noOfferInCall"]
    assert result["during"] == {"chat": [["hei", False], ["moi", True]], "step": "reduced"}
    # Real-time text: what each other member is writing, until their line or their leaving.
    interpreter_writes = {"interpreter-1": {"role": "interpreter", "text": "He"}}
    assert result["drafts"] == [
        {"kiosk": {"role": "kiosk", "text": "kyl"}, **interpreter_writes},
        interpreter_writes,
        {},
    ]
    # chat: the first render, the call's start (a new empty list), three lines, the end
    assert result["renders"] == {"chat": 6, "queue": 3}
    # Why the call ended stays, through the refusals of the browser's last media reports;
    # a refusal of what the clerk does next replaces it.
    assert result["after"] == {"chat": 0, "step": "full", "lost": True, "drafts": {}}
    assert result["refused"]
