// The clerk console: wires login, the signalling socket, the queue and the call.

import { SignalingSocket, msg } from './signaling.js';
import { PeerLink } from './peer.js';
import { initLogin } from './views/login.js';
import { QueueView, setAgencies } from './views/queue.js';
import { CallView } from './views/call.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @type {MediaStream|null} */
let localStream = null;
/** @type {{call_id: string, agency: string, language: string} | null} */
let call = null;
/** @type {Map<string, PeerLink>} */
const peers = new Map();
let statsTimer = 0;

function show(/** @type {'login'|'queue'|'call'} */ view) {
  $('login-view').hidden = view !== 'login';
  $('queue-view').hidden = view !== 'queue';
  $('call-view').hidden = view !== 'call';
  $('logout').hidden = view === 'login';
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

const queue = new QueueView({ onTake: (ticket) => socket.send(msg.callAccept(ticket)) });
const callView = new CallView({
  onEnd: () => {
    if (call) socket.send(msg.callEnd(call.call_id, 'handled'));
    endCall();
  },
  onMute: (muted) => localStream?.getAudioTracks().forEach((t) => { t.enabled = !muted; }),
});

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
      // After a reconnect the server has already ended any call this console was in.
      if (call) endCall();
      $('who').textContent = m.name;
      setAgencies(m.agencies);
      break;
    case 'queue.snapshot':
      queue.render(m.entries);
      break;
    case 'call.started':
      await startCall(m);
      break;
    case 'signal': {
      const link = peers.get(m.from);
      if (link && call && m.call_id === call.call_id) await link.receive(m);
      break;
    }
    case 'call.ended':
      if (call && m.call_id === call.call_id) endCall();
      break;
    case 'error':
      queue.showError(m.message);
      break;
    default:
      break;
  }
}

/** @param {any} started */
async function startCall(started) {
  call = started;
  const local = await openLocalMedia();
  callView.open(started, local);
  show('call');
  for (const peer of started.peers) {
    const link = new PeerLink({
      peerId: peer.member_id,
      initiator: peer.initiator,
      iceServers: started.ice_servers,
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
    peers.set(peer.member_id, link);
  }
  statsTimer = window.setInterval(async () => {
    const first = peers.values().next().value;
    if (first) callView.showStats(await first.inboundVideo());
  }, 500);
}

function endCall() {
  clearInterval(statsTimer);
  for (const link of peers.values()) link.close();
  peers.clear();
  call = null;
  callView.close();
  queue.showError('');
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
