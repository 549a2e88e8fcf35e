// The clerk console: wires login, the signalling socket, availability, offers, the
// queues and the call.

import { SignalingSocket, msg } from './signaling.js';
import { PeerLink } from './peer.js';
import { initLogin } from './views/login.js';
import { QueueView, setAgencies } from './views/queue.js';
import { OfferView } from './views/offer.js';
import { CallView } from './views/call.js';
import { DocumentsView } from './views/documents.js';
import { DocumentInbox, sendDocument } from './documents.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @type {MediaStream|null} */
let localStream = null;
/** @type {{call_id: string, agency: string, language: string} | null} */
let call = null;
/** @type {Map<string, PeerLink>} */
const peers = new Map();
let statsTimer = 0;
/** What the clerk asked for; re-sent after every reconnect (the server starts us away). */
let wantAvailable = false;

function show(/** @type {'login'|'queue'|'call'} */ view) {
  $('login-view').hidden = view !== 'login';
  $('queue-view').hidden = view !== 'queue';
  $('call-view').hidden = view !== 'call';
  $('logout').hidden = view === 'login';
  $('availability').hidden = view === 'login';
  if (view !== 'queue') offer.hide();
}

const socket = new SignalingSocket({
  onMessage: handle,
  onState: (state) => {
    const pill = $('connection');
    pill.dataset.state = state;
    pill.textContent = state;
  },
  onUnauthorized: () => { $('who').textContent = ''; show('login'); },
});

const queue = new QueueView();
const offer = new OfferView({
  onAccept: (ticket) => socket.send(msg.callAccept(ticket)),
  onDecline: (ticket) => { wantAvailable = false; socket.send(msg.callDecline(ticket)); },
});
const callView = new CallView({
  onEnd: (outcome) => {
    if (call) socket.send(msg.callEnd(call.call_id, outcome));
    endCall();
  },
  onTransfer: (agency) => { if (call) socket.send(msg.callTransfer(call.call_id, agency)); },
  onMute: (muted) => localStream?.getAudioTracks().forEach((t) => { t.enabled = !muted; }),
});

const documents = new DocumentsView();

const showFile = /** @type {HTMLInputElement} */ ($('show-file'));
$('show-on-kiosk').addEventListener('click', () => showFile.click());
$('ask-document').addEventListener('click', () => {
  // The kiosk opens its document camera screen for the customer.
  const channel = peers.get('kiosk')?.inboxChannel;
  if (channel && channel.readyState === 'open') channel.send(JSON.stringify({ t: 'request' }));
});
showFile.addEventListener('change', async () => {
  const file = showFile.files && showFile.files[0];
  const kiosk = peers.get('kiosk');
  showFile.value = '';
  if (!file || !kiosk) return;
  // A channel of its own, so the customer's documents and the clerk's never interleave.
  if (!kiosk.shown || kiosk.shown.readyState === 'closed') kiosk.shown = kiosk.pc.createDataChannel('shown');
  try {
    documents.progress.textContent = `Showing ${file.name} on the kiosk…`;
    await sendDocument(kiosk.shown, { name: file.name, mime: file.type, data: new Uint8Array(await file.arrayBuffer()) });
    documents.progress.textContent = `${file.name} is shown on the kiosk.`;
  } catch (err) {
    documents.showProblem(/** @type {Error} */ (err).message);
  }
});

const availability = /** @type {HTMLButtonElement} */ ($('availability'));
availability.addEventListener('click', () => {
  wantAvailable = availability.getAttribute('aria-pressed') !== 'true';
  socket.send(msg.clerkStatus(wantAvailable ? 'available' : 'away'));
});

/** @param {'available'|'away'|'offered'|'busy'} status */
function showStatus(status) {
  const on = status !== 'away';
  availability.setAttribute('aria-pressed', String(on));
  availability.dataset.status = status;
  availability.textContent = {
    available: 'Available – waiting for customers',
    offered: 'Customer offered',
    busy: 'In a call',
    away: 'Away – press to take customers',
  }[status];
  if (status === 'away') wantAvailable = false;
}

/** Camera and microphone are opened once after login, so taking a call costs no wait. */
async function openLocalMedia() {
  if (localStream) return localStream;
  try {
    localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
  } catch (err) {
    queue.showError(`Camera or microphone unavailable: ${/** @type {Error} */ (err).message}`);
    localStream = new MediaStream();
  }
  /** @type {HTMLVideoElement} */ ($('self-preview')).srcObject = localStream;
  return localStream;
}

/** @param {any} m */
async function handle(m) {
  switch (m.type) {
    case 'welcome':
      $('who').textContent = m.name;
      setAgencies(m.agencies);
      // The server keeps a call through a short disconnect; anything else it ended.
      if (call && !(m.resume === 'in_call' && m.call_id === call.call_id)) endCall();
      if (wantAvailable && !call) socket.send(msg.clerkStatus('available'));
      break;
    case 'clerk.state':
      showStatus(m.status);
      break;
    case 'queue.snapshot':
      queue.render(m.entries, m.queues);
      break;
    case 'call.offer':
      if (!call) offer.show(m);
      break;
    case 'call.offer_withdrawn':
      offer.hide(m.ticket);
      if (m.reason === 'expired') queue.showError('The offer expired; you were set away.');
      break;
    case 'call.started':
      offer.hide();
      await startCall(m);
      break;
    case 'signal': {
      const link = peers.get(m.from);
      if (link && call && m.call_id === call.call_id) await link.receive(m);
      break;
    }
    case 'call.member':
      if (call && m.call_id === call.call_id) {
        callView.setStatus(m.online ? '' : 'The customer\'s kiosk lost its connection. Waiting for it to come back…');
      }
      break;
    case 'call.notice':
      if (call && m.call_id === call.call_id) {
        callView.setStatus({
          kiosk_camera_lost: 'The customer\'s camera stopped. The call goes on with sound.',
          kiosk_microphone_lost: 'The customer\'s microphone stopped. They can still see and hear you.',
        }[m.code] || m.code);
      }
      break;
    case 'call.ended':
      if (call && m.call_id === call.call_id) endCall();
      break;
    case 'error':
      queue.showError(m.message);
      offer.accept.disabled = false;
      break;
    default:
      break;
  }
}

/** @param {any} started */
async function startCall(started) {
  call = started;
  queue.showError('');
  const local = await openLocalMedia();
  callView.open(started, local);
  show('call');
  for (const peer of started.peers) {
    const link = new PeerLink({
      peerId: peer.member_id,
      initiator: peer.initiator,
      iceServers: started.ice_servers,
      iceTransportPolicy: started.ice_transport_policy || 'all',
      localStream: local,
      send: (payload) => socket.send(msg.signal(started.call_id, peer.member_id, payload)),
      onTrack: (_track, stream) => callView.showRemote(stream),
      onState: (state) => {
        if (state === 'connected') callView.setStatus('');
        if (state === 'disconnected') callView.setStatus('Connection interrupted, reconnecting…');
        if (state === 'connected' || state === 'failed') socket.send(msg.callMedia(started.call_id, peer.member_id, state));
        if (state === 'failed') callView.setStatus('The connection to the customer failed.');
      },
    });
    link.onDataChannel = (channel) => {
      if (channel.label !== 'documents') return;
      link.inboxChannel = channel;
      // eslint-disable-next-line no-new
      new DocumentInbox(channel, {
        onDocument: (doc) => {
          documents.add(doc);
          socket.send(msg.callDocument(started.call_id, doc.size));
        },
        onProgress: (got, total) => documents.showProgress(got, total),
        onRefused: (reason) => documents.showProblem(reason),
      });
    };
    peers.set(peer.member_id, link);
  }
  statsTimer = window.setInterval(async () => {
    const first = peers.values().next().value;
    if (first) callView.showStats(await first.inboundVideo(), await first.route());
  }, 500);
}

function endCall() {
  clearInterval(statsTimer);
  for (const link of peers.values()) link.close();
  peers.clear();
  call = null;
  callView.close();
  documents.clear();
  show('queue');
}

async function enter(/** @type {{name: string}} */ me) {
  $('who').textContent = me.name;
  show('queue');
  await openLocalMedia();
  socket.connect();
}

initLogin({ onLoggedIn: enter });
$('logout').addEventListener('click', async () => {
  wantAvailable = false;
  socket.close();
  if (call) endCall();
  await fetch('/api/logout', { method: 'POST' });
  show('login');
});

(async () => {
  const response = await fetch('/api/me').catch(() => null);
  if (response && response.ok) await enter(await response.json());
  else show('login');
})();
