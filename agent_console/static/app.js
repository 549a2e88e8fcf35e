// The clerk console: wires login, the signalling socket, availability, offers, the
// queues and the call.

import { SIGN_LANGUAGES, SignalingSocket, msg } from './signaling.js';
import { PeerLink } from './peer.js';
import { initLogin } from './views/login.js';
import { QueueView, setAgencies } from './views/queue.js';
import { OfferView } from './views/offer.js';
import { CallView } from './views/call.js';
import { DocumentsView } from './views/documents.js';
import { DocumentInbox, sendDocument } from './documents.js';
import { ChatView } from './views/chat.js';
import { InterpreterPanel, InvitationsView, interpreterLanguageName } from './views/interpreting.js';
import { MediaWatch, RESTART_AFTER_MS, callBanner } from './health.js';
import { officialVideoPaused, pictureNote } from './quality.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @type {MediaStream|null} */
let localStream = null;
/** @type {{call_id: string, agency: string, language: string} | null} */
let call = null;
/** @type {Map<string, PeerLink>} */
const peers = new Map();
/**
 * What we know of each other member: who they are in the call, whether their signalling
 * is online, whether their media reaches us, and when we last asked for a new connection.
 * @type {Map<string, {peer: any, label: string, online: boolean, offlineSince: number, watch: MediaWatch,
 *                     askedAt: number, framesBefore: number, framesLastConnection: number}>}
 */
const members = new Map();
let statsTimer = 0;
/** What the clerk asked for; re-sent after every reconnect (the server starts us away). */
let wantAvailable = false;
/** 'clerk' or 'interpreter': an interpreter's console lists invitations, not queues. */
let role = 'clerk';

function setRole(/** @type {string} */ value) {
  role = value === 'interpreter' ? 'interpreter' : 'clerk';
  document.body.dataset.role = role;
}

function show(/** @type {'login'|'queue'|'call'} */ view) {
  $('login-view').hidden = view !== 'login';
  $('queue-view').hidden = view !== 'queue' || role === 'interpreter';
  $('invitations-view').hidden = view !== 'queue' || role !== 'interpreter';
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
    if (call) leave(msg.callEnd(call.call_id, outcome));
  },
  onTransfer: (agency) => { if (call) socket.send(msg.callTransfer(call.call_id, agency)); },
  onMute: (muted) => localStream?.getAudioTracks().forEach((t) => { t.enabled = !muted; }),
});

const documents = new DocumentsView();
const invitations = new InvitationsView({
  onAccept: (id) => socket.send(msg.invitationAccept(id)),
  onDecline: (id) => socket.send(msg.invitationDecline(id)),
});
const interpreterPanel = new InterpreterPanel({
  onRequest: (language) => { if (call) socket.send(msg.interpreterRequest(call.call_id, language)); },
  onCancel: () => { if (call) socket.send(msg.interpreterCancel(call.call_id)); },
});
const chat = new ChatView({ onSend: (text) => (call ? socket.send(msg.chat(call.call_id, text)) : false) });
$('leave-call').addEventListener('click', () => {
  if (call) leave(msg.callLeave(call.call_id));
});

/** Calls this console ended or left, with the message that said so. The socket may have
 * been down (or silently dead) as the clerk pressed End: while `welcome` still names such
 * a call, the server never heard it, so it is said again instead of rejoining. */
const leftCalls = new Map();

/** End or leave the call here at once; the server hears it now or when the socket is back.
 * @param {import('./signaling.js').Message} message */
function leave(message) {
  if (!call) return;
  leftCalls.set(call.call_id, message);
  const sent = socket.send(message);
  endCall();
  if (!sent) queue.showError('Offline: the call is ended here, and the server is told as soon as the connection is back.');
}

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
  const interpreting = role === 'interpreter';
  availability.textContent = {
    available: interpreting ? 'Available – waiting for invitations' : 'Available – waiting for customers',
    offered: interpreting ? 'Invited to a call' : 'Customer offered',
    busy: 'In a call',
    away: interpreting ? 'Away – press to be invited' : 'Away – press to take customers',
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
  /** @type {HTMLVideoElement} */ ($('interpreter-preview')).srcObject = localStream;
  return localStream;
}

/** @param {any} m */
async function handle(m) {
  switch (m.type) {
    case 'welcome':
      setRole(m.role);
      if (!call) show('queue');
      $('who').textContent = m.name;
      setAgencies(m.agencies);
      if (m.resume === 'in_call' && leftCalls.has(m.call_id)) {
        // Ended here while the socket was down: the server still has it, so say it again.
        socket.send(leftCalls.get(m.call_id));
        queue.showError('');
      } else if (call && !(m.resume === 'in_call' && m.call_id === call.call_id)) {
        endCall(); // the server keeps a call through a short disconnect; anything else it ended
      } else if (!call && m.resume === 'in_call' && m.call_id) {
        socket.send(msg.callRejoin(m.call_id)); // a reloaded page: in its call, no media yet
      }
      if (m.resume !== 'in_call') leftCalls.clear();
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
    case 'signal':
      if (call && m.call_id === call.call_id) await onSignal(m);
      break;
    case 'call.member':
      if (call && m.call_id === call.call_id) {
        const member = members.get(m.member_id);
        if (member) {
          member.online = m.online;
          member.offlineSince = Date.now();
        }
        showHealth();
      }
      break;
    case 'call.ice':
      // Fresh TURN credentials (the last ones expire in minutes): connections up now keep
      // their relay; the ones made or restarted from now on use these.
      if (call && m.call_id === call.call_id) {
        call = { ...call, ice_servers: m.ice_servers, ice_transport_policy: m.ice_transport_policy };
        for (const link of peers.values()) link.useIceServers(m.ice_servers, m.ice_transport_policy || 'all');
      }
      break;
    case 'call.peer_joined':
      if (call && m.call_id === call.call_id) connectPeer(call, m.peer);
      break;
    case 'call.peer_left':
      if (call && m.call_id === call.call_id) dropPeer(m.member_id);
      break;
    case 'interpreter.status':
      if (call && m.call_id === call.call_id) interpreterPanel.show(m);
      break;
    case 'chat':
      if (call && m.call_id === call.call_id) chat.add(m, m.from === call.you);
      break;
    case 'invitation':
      invitations.add(m);
      break;
    case 'invitation.withdrawn':
      invitations.remove(m.invitation);
      break;
    case 'call.quality':
      if (call && m.call_id === call.call_id) {
        if (m.member_id === 'kiosk') callView.showQuality(m.step);
        const member = members.get(m.member_id);
        if (member) member.step = m.step;
        await limitVideoTo(m.member_id);
      }
      break;
    case 'call.notice':
      if (call && m.call_id === call.call_id) {
        callNote = {
          kiosk_camera_lost: 'The customer\'s camera stopped. The call goes on with sound.',
          kiosk_microphone_lost: 'The customer\'s microphone stopped. They can still see and hear you.',
        }[m.code] || m.code;
        showHealth();
      }
      break;
    case 'call.ended':
      if (call && m.call_id === call.call_id) {
        endCall();
        if (m.reason === 'connection_lost') {
          queue.showError('The call was cut off: the connection could not be restored in time. It is recorded as lost to the network; the customer can queue again at the head of the queue.');
        }
      }
      break;
    case 'error':
      if (role === 'interpreter') {
        $('invitations-error').textContent = m.message;
        $('invitations-error').hidden = false;
      }
      queue.showError(m.message);
      offer.accept.disabled = false;
      break;
    default:
      break;
  }
}

/**
 * A signal from another member. Each pair's connection has a generation: an older one's
 * signals are stale; a newer one means the offerer replaced the connection (aiortc has no
 * ICE restart), so this side replaces its own and answers. `restart` asks this side, when
 * it is the pair's offerer, for a new connection (docs/resilience.md).
 * @param {any} m
 */
async function onSignal(m) {
  const generation = m.generation || 1;
  let link = peers.get(m.from);
  const member = members.get(m.from);
  if (!link || !member || !call) return;
  if (generation < link.generation) return;
  if (generation > link.generation) {
    connectPeer(call, member.peer, generation);
    link = /** @type {PeerLink} */ (peers.get(m.from));
  }
  if (m.restart) {
    if (link.initiator && link.pc.connectionState !== 'closed') link.pc.restartIce();
    return;
  }
  await link.receive(m);
}

/** A note from the server about the call (a device the customer lost), shown while the
 * connection itself is fine. */
let callNote = '';

/** The banner, and the outcome the clerk would record if they ended the call now. */
function showHealth() {
  const now = Date.now();
  const present = [...members.values()].filter((m) => peers.has(m.peer.member_id));
  const banner = callBanner(present, now);
  const connecting = present.length > 0 && present.every((m) => m.watch.flow === 'waiting' && m.online);
  callView.setStatus(banner || callNote || (connecting ? 'Connecting…' : ''), banner !== '');
  callView.setLinkLost(banner !== '');
  callView.suggestOutcome(banner !== '');
  const kiosk = members.get('kiosk');
  callView.setPicturePaused(kiosk ? pictureNote({
    step: kiosk.step || 'full',
    signCall: signCall(),
    role,
    interrupted: !kiosk.online || kiosk.watch.flow === 'interrupted',
  }) : '');
}

/** Twice a second: sample each member's media, tell the server and the clerk when it stops
 * or comes back, and ask for a new connection when it stays away while signalling works. */
async function watchMedia() {
  if (!call) return;
  const now = Date.now();
  for (const [memberId, link] of peers) {
    const member = members.get(memberId);
    if (!member) continue;
    const change = member.watch.observe(await link.packetsReceived(), now);
    if (change) socket.send(msg.callMedia(call.call_id, memberId, change));
    const stalled = member.watch.stalledFor(now) >= RESTART_AFTER_MS || link.pc.connectionState === 'failed';
    // Only once signalling has been back a moment: media resumes on the old path the
    // moment the link returns, usually before the socket does.
    const settled = socket.openFor(now) >= 1500 && member.online;
    if (stalled && settled && now - member.askedAt >= 4000) {
      member.askedAt = now;
      if (link.initiator && link.pc.connectionState !== 'closed') link.pc.restartIce();
      else socket.send(msg.signal(call.call_id, memberId, { restart: true, generation: link.generation }));
    }
  }
  showHealth();
}

/** @param {any} started */
async function startCall(started) {
  call = started;
  queue.showError('');
  invitations.clear();
  interpreterPanel.reset();
  chat.clear();
  const local = await openLocalMedia();
  callView.open(started, local);
  show('call');
  for (const peer of started.peers) connectPeer(started, peer);
  statsTimer = window.setInterval(async () => {
    for (const [memberId, link] of peers) {
      const report = await link.inboundVideo();
      const member = members.get(memberId);
      if (report && member) member.framesLastConnection = report.framesDecoded ?? 0;
      // Frames over every connection of the call to this member, replacements included.
      const frames = (member?.framesBefore ?? 0) + (report?.framesDecoded ?? 0);
      if (memberId === 'kiosk') callView.showStats(report, await link.route(), await link.inbound('audio'), frames);
      else callView.showTileStats(memberId, report, frames);
    }
    await watchMedia();
  }, 500);
}

/** @param {string} memberId */
function dropPeer(memberId) {
  peers.get(memberId)?.close();
  peers.delete(memberId);
  members.delete(memberId);
  callView.removeTile(memberId);
}

/** A peer connection to one member: the customer large, anyone else in a tile. A higher
 * `generation` replaces the pair's connection that broke (the tile and picture stay).
 * @param {any} started @param {{member_id: string, role: string, initiator: boolean, language?: string}} peer
 * @param {number} generation */
function connectPeer(started, peer, generation = 1) {
  const known = members.get(peer.member_id);
  if (generation > 1 && peers.has(peer.member_id)) {
    peers.get(peer.member_id)?.close(); // replaced in place: keep the member and its tile
    peers.delete(peer.member_id);
  } else {
    dropPeer(peer.member_id); // a member reconnecting replaces its old connection
  }
  const label = peer.role === 'clerk' ? 'Official'
    : peer.role === 'interpreter' ? `Interpreter${peer.language ? ` (${interpreterLanguageName(peer.language)})` : ''}` : 'Customer';
  members.set(peer.member_id, {
    peer,
    label: peer.role === 'kiosk' ? 'the customer' : label.toLowerCase(),
    online: known ? known.online : true,
    offlineSince: known ? known.offlineSince : 0,
    watch: new MediaWatch(),
    askedAt: Date.now(),
    framesBefore: known && generation > 1 ? known.framesBefore + known.framesLastConnection : 0,
    framesLastConnection: 0,
    // The step this member's link is on (call.quality); a replaced connection keeps it.
    step: known ? known.step : 'full',
  });
  const link = new PeerLink({
    peerId: peer.member_id,
    initiator: peer.initiator,
    generation,
    iceServers: started.ice_servers,
    iceTransportPolicy: started.ice_transport_policy || 'all',
    localStream: /** @type {MediaStream} */ (localStream),
    send: (payload) => socket.send(msg.signal(started.call_id, peer.member_id, payload)),
    onTrack: (_track, stream) => {
      if (peer.role === 'kiosk') callView.showRemote(stream);
      else callView.showTile(peer.member_id, label, stream);
    },
    onState: (state) => {
      // Whether media flows is watchMedia's to say (WebRTC notices late); a connection
      // that gave up is reported so that the server and the offerer know.
      if (state === 'failed') socket.send(msg.callMedia(started.call_id, peer.member_id, 'failed'));
    },
  });
  if (peer.role === 'kiosk') {
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
  }
  peers.set(peer.member_id, link);
  if (members.get(peer.member_id)?.step !== 'full') limitVideoTo(peer.member_id);
}

/**
 * Send a member no more video than its link carries. Towards the kiosk every browser in
 * the call shares the kiosk's downlink: with a sign-language interpreter the customer
 * watches the signer, so the interpreter keeps the step and the official sends no picture
 * (quality.js, officialVideoPaused); otherwise the browsers split it.
 * @param {string} memberId
 */
/** A sign-language interpreter is in the call. */
function signCall() {
  return [...members.values()].some((m) => m.peer.role === 'interpreter' && SIGN_LANGUAGES.has(m.peer.language));
}

async function limitVideoTo(memberId) {
  const link = peers.get(memberId);
  const member = members.get(memberId);
  if (!link || !member) return;
  let step = member.step || 'full';
  let share = 1;
  if (memberId === 'kiosk' && step !== 'full') {
    const others = [...members.values()].filter((m) => m.peer.role !== 'kiosk');
    if (officialVideoPaused(step, signCall()) && role === 'clerk') step = 'audio';
    // The signer's picture shares the kiosk's downlink with two voices (the official's
    // and the signer's own): it takes about two thirds of what it would alone.
    else if (signCall()) share = 1.5;
    else share = others.length + 1;
  }
  await link.limitVideo(/** @type {any} */ (step), share);
}

function endCall() {
  clearInterval(statsTimer);
  callNote = '';
  for (const link of peers.values()) link.close();
  peers.clear();
  members.clear();
  call = null;
  callView.close();
  documents.clear();
  chat.clear();
  interpreterPanel.reset();
  show('queue');
}

async function enter(/** @type {{name: string, role?: string}} */ me) {
  setRole(me.role || 'clerk');
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
