// The benchmark's anchor kiosk: a Chromium page that behaves as our kiosk does, through
// the same server and signalling (token subprotocol, queue.join, the kiosk initiates),
// with the console's own PeerLink. window.anchor is driven by the benchmark.

import { PeerLink } from '/console/peer.js';
import { watchVideo } from '/bench/stamp.js';
import { sendDocument as sendDocumentOn } from '/console/documents.js';
import { MediaWatch } from '/console/health.js';

const bench = /** @type {any} */ (window).__bench;
const video = /** @type {HTMLVideoElement} */ (document.getElementById('remote-video'));
/** @type {WebSocket|null} */
let ws = null;
/** @type {Map<string, PeerLink>} */
const peers = new Map();
/** @type {MediaStream|null} */
let local = null;
let callId = null;
/** @type {RTCIceServer[]} the call's, for members who join it later */
let iceServers = [];
/** @type {RTCDataChannel|null} */
let documents = null;
/** @type {Map<string, MediaWatch>} the console's own stall rule, run on this page too */
const watches = new Map();

/** 5 MB of random bytes, sent by the console's own document sender. */
async function sendDocument(size) {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(data.subarray(i, Math.min(size, i + 65536)));
  const started = performance.now();
  await sendDocumentOn(documents, { name: 'bench.pdf', mime: 'application/pdf', data });
  return performance.now() - started;
}

function send(message) { ws.send(JSON.stringify(message)); }

/** A connection to one member of the call, made as the console makes its own. */
function connectPeer(peer) {
  const link = new PeerLink({
    peerId: peer.member_id,
    initiator: peer.initiator,
    iceServers,
    localStream: local,
    send: (payload) => {
      const base = { type: 'signal', call_id: callId, to: peer.member_id };
      if (payload.description) send({ ...base, description: { type: payload.description.type, sdp: payload.description.sdp } });
      else if (payload.candidate && payload.candidate.candidate) {
        const c = { candidate: payload.candidate.candidate };
        if (payload.candidate.sdpMid != null) c.sdpMid = payload.candidate.sdpMid;
        if (payload.candidate.sdpMLineIndex != null) c.sdpMLineIndex = payload.candidate.sdpMLineIndex;
        send({ ...base, candidate: c });
      } else send({ ...base, end_of_candidates: true });
    },
    // The last member to send a picture is on the screen (an interpreter who joins).
    onTrack: (_track, stream) => { if (video.srcObject !== stream) video.srcObject = stream; },
    onState: (state) => bench.events.push({ type: `pc.${state}`, at: Date.now() }),
  });
  link.pc.addEventListener('iceconnectionstatechange', () =>
    bench.events.push({ type: `ice.${link.pc.iceConnectionState}`, at: Date.now() }));
  watches.set(peer.member_id, new MediaWatch());
  if (peer.initiator) {
    // a channel to every member, as the kiosk opens; the benchmark sends on the clerk's
    const channel = link.pc.createDataChannel('documents');
    if (documents === null) documents = channel;
  }
  peers.set(peer.member_id, link);
}

async function handle(m) {
  bench.events.push({ type: m.type, at: Date.now() });
  if (m.type === 'call.started') {
    callId = m.call_id;
    iceServers = m.ice_servers;
    documents = null;
    for (const peer of m.peers) connectPeer(peer);
  } else if (m.type === 'call.peer_joined' && m.call_id === callId) {
    connectPeer(m.peer);
  } else if (m.type === 'call.peer_left' && m.call_id === callId) {
    const link = peers.get(m.member_id);
    if (link) link.close();
    peers.delete(m.member_id);
    watches.delete(m.member_id);
  } else if (m.type === 'signal') {
    const link = peers.get(m.from);
    if (link) await link.receive(m);
  } else if (m.type === 'call.ended') {
    closePeers();
  }
}

function closePeers() {
  for (const link of peers.values()) link.close();
  peers.clear();
  watches.clear();
  video.srcObject = null;
}

/** Twice a second, as the console does: has media from each peer stopped for 2 s? */
setInterval(async () => {
  for (const [memberId, link] of peers) {
    const watch = watches.get(memberId);
    const change = watch && watch.observe(await link.packetsReceived(), Date.now());
    if (change) bench.events.push({ type: `media.${change}`, at: Date.now() });
  }
}, 500);

window.anchor = {
  async connect(token) {
    if (local === null) {
      local = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      /** @type {HTMLVideoElement} */ (document.getElementById('self-view')).srcObject = local;
      if (window.__benchMeasure !== false) watchVideo(video); // not in the CPU windows
    }
    await new Promise((resolve, reject) => {
      const url = new URL('/ws', location.href);
      url.protocol = 'ws:';
      ws = new WebSocket(url, ['rs-kiosk-token', token]);
      ws.onopen = resolve;
      ws.onerror = reject;
      ws.onmessage = (event) => handle(JSON.parse(event.data));
    });
  },
  /** The window kiosk's picture sizes, so that this page paints as much as it does. */
  layout(width, height, selfWidth, selfHeight) {
    const stage = /** @type {HTMLElement} */ (document.getElementById('stage'));
    const self = /** @type {HTMLElement} */ (document.getElementById('self-view'));
    Object.assign(stage.style, { width: `${width}px`, height: `${height}px` });
    Object.assign(self.style, { width: `${selfWidth}px`, height: `${selfHeight}px` });
  },
  join(agency) {
    bench.firstFrameAt = null;
    send({ type: 'queue.join', agency, language: 'fi' });
  },
  hangUp() { if (callId) send({ type: 'call.end', call_id: callId }); },
  /** Whether the socket is open: over a thin, lossy link the server may have dropped it
   * (a late heartbeat); the aiortc kiosk reconnects by itself, this page only when asked. */
  connected() { return ws !== null && ws.readyState === WebSocket.OPEN; },
  /** After a run whose outage cost this page its socket (it has no reconnection of its
   * own): drop the call's connections and the socket, ready to connect() again. */
  reset() {
    closePeers();
    callId = null;
    if (ws) { ws.onclose = null; ws.close(); ws = null; }
  },
  sendDocument,
  documentsOpen() { return documents !== null && documents.readyState === 'open'; },
  async inbound() {
    const link = peers.values().next().value;
    if (!link) return null;
    return link.inboundVideo();
  },
};
