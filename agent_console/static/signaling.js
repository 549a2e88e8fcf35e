// The console's signalling: one WebSocket to /ws, message constructors that match
// signaling/protocol.py (the browser tests validate what we send against its schema),
// and reconnection with exponential backoff and jitter.

/** @typedef {{type: string, [key: string]: any}} Message */

/** Sign languages (protocol/messages.py SIGN_LANGUAGES; tests/test_protocol.py checks
 * that the two agree): a call with an interpreter of one keeps its frame rate. */
export const SIGN_LANGUAGES = new Set(['fse', 'fss']);

/** Message constructors: the only place that shapes outgoing JSON. */
export const msg = {
  /** @param {'available'|'away'} status */
  clerkStatus: (status) => ({ type: 'clerk.status', status }),
  /** @param {string} ticket */
  callAccept: (ticket) => ({ type: 'call.accept', ticket }),
  /** @param {string} ticket */
  callDecline: (ticket) => ({ type: 'call.decline', ticket }),
  /** @param {string} callId @param {string} agency */
  callTransfer: (callId, agency) => ({ type: 'call.transfer', call_id: callId, agency }),
  /** @param {string} callId @param {'handled'|'abandoned'|undefined} outcome */
  callEnd: (callId, outcome) => (outcome ? { type: 'call.end', call_id: callId, outcome } : { type: 'call.end', call_id: callId }),
  /** @param {string} callId @param {number} bytes */
  callDocument: (callId, bytes) => ({ type: 'call.document', call_id: callId, bytes }),
  /** @param {string} callId @param {string} language */
  interpreterRequest: (callId, language) => ({ type: 'interpreter.request', call_id: callId, language }),
  /** @param {string} callId */
  interpreterCancel: (callId) => ({ type: 'interpreter.cancel', call_id: callId }),
  /** @param {string} invitation */
  invitationAccept: (invitation) => ({ type: 'invitation.accept', invitation }),
  /** @param {string} invitation */
  invitationDecline: (invitation) => ({ type: 'invitation.decline', invitation }),
  /** @param {string} callId */
  callLeave: (callId) => ({ type: 'call.leave', call_id: callId }),
  /** @param {string} callId */
  callRejoin: (callId) => ({ type: 'call.rejoin', call_id: callId }),
  /** @param {string} callId @param {string} text */
  chat: (callId, text) => ({ type: 'chat.send', call_id: callId, text }),
  /** @param {string} callId @param {string} text */
  draft: (callId, text) => ({ type: 'chat.draft', call_id: callId, text }),
  /** @param {string} callId @param {string} peer @param {'connected'|'interrupted'|'failed'} state */
  callMedia: (callId, peer, state) => ({ type: 'call.media', call_id: callId, peer, state }),
  /** @param {number} seq */
  ping: (seq) => ({ type: 'ping', seq }),
  /**
   * @param {string} callId @param {string} to
   * @param {{description?: RTCSessionDescriptionInit, candidate?: RTCIceCandidateInit|null,
   *          generation?: number, restart?: boolean}} payload
   */
  signal(callId, to, payload) {
    const base = { type: 'signal', call_id: callId, to, generation: payload.generation || 1 };
    if (payload.restart) return { ...base, restart: true };
    if (payload.description) {
      return { ...base, description: { type: payload.description.type, sdp: payload.description.sdp } };
    }
    const c = payload.candidate;
    if (!c || !c.candidate) return { ...base, end_of_candidates: true };
    /** @type {Record<string, any>} */
    const candidate = { candidate: c.candidate };
    if (c.sdpMid != null) candidate.sdpMid = c.sdpMid;
    if (c.sdpMLineIndex != null) candidate.sdpMLineIndex = c.sdpMLineIndex;
    return { ...base, candidate };
  },
};

/** Backoff before reconnect attempt n: min(cap, initial * 2^n), +/- 50 % jitter. */
export function backoffDelay(attempt, initial = 250, cap = 2000) {
  const base = Math.min(cap, initial * 2 ** Math.min(attempt, 16));
  return base * (0.5 + Math.random());
}

/** This tab's id, kept across its reloads (sessionStorage is per tab): a tab whose link
 * dropped and that reconnects before the server noticed takes its call back. Random bytes
 * from getRandomValues, which (unlike randomUUID) a page served over plain HTTP has too. */
export function tabId() {
  let id = sessionStorage.getItem('rs-tab');
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    sessionStorage.setItem('rs-tab', id);
  }
  return id;
}

/** A connection attempt (and the login check after a refused one) gives up after this. */
export const CONNECT_TIMEOUT_MS = 3000;

/** A ping every 2 s; an answer more than 3 s late means the socket is dead. */
export const PING_EVERY_MS = 2000;
export const PONG_LATE_MS = 3000;

export class SignalingSocket {
  /**
   * @param {{onMessage: (m: Message) => void | Promise<void>, onState: (s: string) => void, onUnauthorized: () => void}} handlers
   */
  constructor(handlers) {
    this.handlers = handlers;
    /** The handling of the messages received so far, one after another (see deliver). */
    this.inbox = Promise.resolve();
    /** @type {WebSocket|null} */
    this.ws = null;
    this.attempt = 0;
    this.stopped = false;
    this.seq = 0;
    this.openedAt = 0;
    this.lastPong = 0;
    this.pinger = 0;
  }

  /**
   * A browser cannot see the WebSocket's own pings, and a dead link may leave the socket
   * "open" for minutes: ping, and start again when the answer is late.
   * @param {WebSocket} ws
   */
  keepAlive(ws) {
    clearInterval(this.pinger);
    this.lastPong = Date.now();
    this.pinger = window.setInterval(() => {
      if (this.ws !== ws) { clearInterval(this.pinger); return; }
      if (Date.now() - this.lastPong > PONG_LATE_MS) { this.reconnect(); return; }
      this.send(msg.ping(++this.seq));
    }, PING_EVERY_MS);
  }

  /** Drop this socket now and connect again (its link went silent). */
  reconnect() {
    const ws = this.ws;
    if (!ws || this.stopped) return;
    clearInterval(this.pinger);
    this.ws = null;
    ws.onclose = null;
    ws.close();
    this.handlers.onState('reconnecting');
    setTimeout(() => { if (!this.stopped) this.connect(); }, backoffDelay(this.attempt++));
  }

  connect() {
    this.stopped = false;
    const url = new URL('/ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('tab', tabId());
    const ws = new WebSocket(url);
    this.ws = ws;
    this.handlers.onState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let opened = false;
    // A connection attempt over a dead link waits for TCP's own retries (many seconds
    // after the link is back): give it up and try again, as the kiosk does.
    const giveUp = window.setTimeout(() => {
      if (opened || this.ws !== ws || this.stopped) return;
      ws.onclose = null;
      ws.close();
      this.ws = null;
      setTimeout(() => { if (!this.stopped) this.connect(); }, backoffDelay(this.attempt++));
    }, CONNECT_TIMEOUT_MS);
    ws.onopen = () => {
      opened = true;
      clearTimeout(giveUp);
      this.attempt = 0;
      this.openedAt = Date.now();
      this.keepAlive(ws);
      this.handlers.onState('open');
    };
    ws.onmessage = (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      if (message.type === 'pong') { this.lastPong = Date.now(); return; }
      this.deliver(message);
    };
    ws.onclose = async () => {
      clearTimeout(giveUp);
      if (this.ws !== ws || this.stopped) return;
      clearInterval(this.pinger);
      this.ws = null;
      this.handlers.onState('reconnecting');
      if (!opened && !(await this.stillLoggedIn())) { this.handlers.onUnauthorized(); return; }
      setTimeout(() => { if (!this.stopped) this.connect(); }, backoffDelay(this.attempt++));
    };
  }

  /**
   * Hand a message to the handler once the handler of the one before has finished: a
   * handler may await (opening the camera for call.started), and a signal arriving
   * meanwhile must find the call set up, not race past it. A handler's error is logged
   * with the message's type and does not stop the ones after it.
   * @param {Message} message
   */
  deliver(message) {
    this.inbox = this.inbox
      .then(() => this.handlers.onMessage(message))
      .catch((error) => console.error(`handling ${message.type} failed:`, error));
  }

  /** Whether the session still stands (a refused socket may be a logout elsewhere). Over
   * a dead link the answer never comes: after a moment, assume it does. */
  async stillLoggedIn() {
    try {
      return (await fetch('/api/me', { signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS) })).status !== 401;
    } catch { return true; }
  }

  isOpen() {
    return !!this.ws && this.ws.readyState === WebSocket.OPEN;
  }

  /** How long the socket has been open, ms (0 when it is not). @param {number} now */
  openFor(now) {
    return this.isOpen() ? now - this.openedAt : 0;
  }

  /** @param {Message} message @returns {boolean} whether it went out */
  send(message) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  close() {
    this.stopped = true;
    clearInterval(this.pinger);
    if (this.ws) this.ws.close(1000);
    this.ws = null;
    this.handlers.onState('offline');
  }
}
