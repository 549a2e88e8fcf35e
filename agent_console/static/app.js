// The clerk console: wires the store (state.js), the views that show it, the signalling
// socket and the call's media. A server message is handled in one place, in order:
// the store takes what it says (state.js reduce), then the call's media acts on it;
// call.started the other way round (its connections are made before it is drawn).

import { SignalingSocket, msg } from './signaling.js';
import { Store } from './store.js';
import { INITIAL, callOver, reduce, screen } from './state.js';
import { CallMedia } from './call-media.js';
import { initLogin } from './views/login.js';
import { QueueView } from './views/queue.js';
import { OfferView } from './views/offer.js';
import { CallView } from './views/call.js';
import { DocumentsView } from './views/documents.js';
import { ChatView } from './views/chat.js';
import { InterpreterPanel, InvitationsView } from './views/interpreting.js';
import { Attention } from './attention.js';
import { CallSide } from './views/side.js';
import { DevicesView } from './views/devices.js';
import { LANGUAGES, language, preferredLanguage, t, useLanguage } from './i18n.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** How long a call's view waits for the connection to an offer the kiosk sent ahead (handle). */
const CONNECT_FIRST_MS = 250;

// Words first: every view writes its words as it starts.
await useLanguage(preferredLanguage()).catch(() => useLanguage('fi'));
document.title = t('console.title');

/** @type {Store<import('./state.js').ConsoleState>} */
const store = new Store({ ...INITIAL, language: language() });

const socket = new SignalingSocket({
  onMessage: handle,
  onState: (connection) => store.set({ connection }),
  onUnauthorized: () => store.set({ me: null }),
});

/** Calls this console ended or left, with the message that said so. The socket may have
 * been down (or silently dead) as the clerk pressed End: while `welcome` still names such
 * a call, the server never heard it, so it is said again instead of rejoining. */
const leftCalls = new Map();

/** End or leave the call here at once; the server hears it now or when the socket is back.
 * @param {import('./signaling.js').Message} message */
function leave(message) {
  const { call } = store.get();
  if (!call) return;
  leftCalls.set(call.call_id, message);
  const sent = socket.send(message);
  media.end();
  store.update((s) => callOver(s, sent ? s.error : t('console.offline_ended')));
}

/** The call shown here, if any. */
function callId() {
  return store.get().call?.call_id;
}

const callView = new CallView(store, {
  onEnd: (outcome) => {
    const id = callId();
    if (id) leave(msg.callEnd(id, /** @type {any} */ (outcome)));
  },
  onTransfer: (agency) => { const id = callId(); if (id) socket.send(msg.callTransfer(id, agency)); },
  onMute: (muted) => media.mute(muted),
  onCamera: (off) => media.camera(off),
});
// eslint-disable-next-line no-new
new CallSide(store);
// eslint-disable-next-line no-new
new DevicesView(store, { onChosen: () => media.reopenLocal() });
const documents = new DocumentsView(store);
const media = new CallMedia({ store, socket, callView, documents });

const attention = new Attention();
// eslint-disable-next-line no-new
new QueueView(store);
// eslint-disable-next-line no-new
new OfferView(store, {
  onAccept: (ticket) => { store.set({ accepting: true }); socket.send(msg.callAccept(ticket)); },
  onDecline: (ticket) => {
    store.set({ wantAvailable: false, offer: null });
    socket.send(msg.callDecline(ticket));
  },
  attention,
});
// eslint-disable-next-line no-new
new InvitationsView(store, {
  onAccept: (id) => socket.send(msg.invitationAccept(id)),
  onDecline: (id) => {
    socket.send(msg.invitationDecline(id));
    store.update((s) => ({ ...s, invitations: s.invitations.filter((i) => i.invitation !== id) }));
  },
  attention,
});
// eslint-disable-next-line no-new
new InterpreterPanel(store, {
  onRequest: (language) => { const id = callId(); if (id) socket.send(msg.interpreterRequest(id, language)); },
  onCancel: () => { const id = callId(); if (id) socket.send(msg.interpreterCancel(id)); },
});
// eslint-disable-next-line no-new
new ChatView(store, {
  onSend: (text) => { const id = callId(); return id ? socket.send(msg.chat(id, text)) : false; },
  onDraft: (text) => { const id = callId(); if (id) socket.send(msg.draft(id, text)); },
});

$('leave-call').addEventListener('click', () => {
  const id = callId();
  if (id) leave(msg.callLeave(id));
});
const showFile = /** @type {HTMLInputElement} */ ($('show-file'));
$('show-on-kiosk').addEventListener('click', () => showFile.click());
$('ask-document').addEventListener('click', () => media.askForDocument());
showFile.addEventListener('change', async () => {
  const file = showFile.files && showFile.files[0];
  showFile.value = '';
  if (file) await media.showOnKiosk(file);
});

// The top bar and which screen is shown.
store.subscribe((s) => `${s.connection} ${s.language}`, (_key, s) => {
  $('connection').dataset.state = s.connection;
  $('connection').textContent = t(`connection.${s.connection}`);
});

// The language: chosen here, remembered in this browser; not changed in a call (the words
// of the call's own screen are the ones it started with).
const picker = /** @type {HTMLSelectElement} */ ($('language'));
picker.value = language();
picker.addEventListener('change', async () => {
  if (!LANGUAGES.includes(/** @type {any} */ (picker.value))) return;
  await useLanguage(picker.value);
  document.title = t('console.title');
  attention.rename(document.title);
  store.set({ language: picker.value });
});
store.subscribe((s) => Boolean(s.call), (inCall) => { picker.disabled = inCall; });
store.subscribe((s) => s.paused, (paused) => { $('service-paused').hidden = !paused; });
store.subscribe((s) => s.me, (me) => {
  $('who').textContent = me ? me.name : '';
  document.body.dataset.role = me?.role || 'clerk';
});
store.subscribe((s) => `${screen(s)} ${s.me?.role}`, (_key, s) => {
  const view = screen(s);
  document.body.dataset.screen = view;
  const interpreting = s.me?.role === 'interpreter';
  $('login-view').hidden = view !== 'login';
  $('queue-view').hidden = view !== 'queue' || interpreting;
  $('invitations-view').hidden = view !== 'queue' || !interpreting;
  $('call-view').hidden = view !== 'call';
  $('logout').hidden = view === 'login';
  $('availability').hidden = view === 'login';
});

const availability = /** @type {HTMLButtonElement} */ ($('availability'));
availability.addEventListener('click', () => {
  const wantAvailable = availability.getAttribute('aria-pressed') !== 'true';
  store.set({ wantAvailable });
  socket.send(msg.clerkStatus(wantAvailable ? 'available' : 'away'));
});
store.subscribe((s) => `${s.status} ${s.me?.role} ${s.language}`, (_key, s) => {
  const interpreting = s.me?.role === 'interpreter';
  availability.setAttribute('aria-pressed', String(s.status !== 'away'));
  availability.dataset.status = s.status;
  availability.textContent = t(`availability.${s.status}${interpreting ? '_interpreter' : ''}`);
});

/** One server message: into the store, then to the call's media (SignalingSocket awaits
 * each before the next). @param {any} m */
async function handle(m) {
  if (m.type === 'call.started') {
    // The kiosk's offer sent ahead is answered and connected before the call is drawn:
    // the answer, its candidates and ICE's events each wait for this page's main thread,
    // which drawing the call holds for some 30 ms (script, style, layout, paint;
    // docs/benchmarks.md, set-up). Drawn once connected, CONNECT_FIRST_MS at most.
    const answered = media.start(m);
    const connected = answered.then(() => media.connectedAhead);
    const bound = new Promise((resolve) => { setTimeout(resolve, CONNECT_FIRST_MS); });
    await Promise.race([connected, bound]).catch(() => {});
    store.update((s) => reduce(s, m));
    await answered;
    return;
  }
  const before = store.get();
  store.update((s) => reduce(s, m));
  const after = store.get();
  if (m.type === 'welcome') resume(m, before.call);
  else if (before.call && !after.call) media.end(); // call.ended
  else await media.handle(m);
}

/**
 * After every (re)connection the server says where this console stands.
 * @param {any} m the welcome @param {import('./state.js').Call|null} call the call shown here
 */
function resume(m, call) {
  if (m.resume === 'in_call' && leftCalls.has(m.call_id)) {
    // Ended here while the socket was down: the server still has it, so say it again.
    socket.send(leftCalls.get(m.call_id));
    store.set({ error: '' });
  } else if (call && !(m.resume === 'in_call' && m.call_id === call.call_id)) {
    media.end(); // the server keeps a call through a short disconnect; anything else it ended
    store.update((s) => callOver(s));
  } else if (!call && m.resume === 'in_call' && m.call_id) {
    socket.send(msg.callRejoin(m.call_id)); // a reloaded page: in its call, no media yet
  }
  if (m.resume !== 'in_call') leftCalls.clear();
  const s = store.get();
  if (s.wantAvailable && !s.call) socket.send(msg.clerkStatus('available'));
}

async function enter(/** @type {{name: string, role?: string}} */ me) {
  store.set({ me: { name: me.name, role: me.role === 'interpreter' ? 'interpreter' : 'clerk' } });
  await media.openLocal();
  socket.connect();
}

initLogin({
  onLoggedIn: (me) => { attention.ask(); return enter(me); },
  texts: () => ({
    unreachable: t('login.unreachable'),
    refused: (status) => t(status === 401 ? 'login.wrong' : 'login.failed', { status }),
  }),
});
$('logout').addEventListener('click', async () => {
  socket.close();
  media.end();
  store.set({ ...INITIAL, language: store.get().language });
  await fetch('/api/logout', { method: 'POST' });
});

(async () => {
  const response = await fetch('/api/me').catch(() => null);
  if (response && response.ok) await enter(await response.json());
})();
