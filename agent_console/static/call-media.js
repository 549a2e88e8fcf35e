// The call's media on this console: one PeerLink per other member, whether media from each
// still arrives, new connections when it stops, how much video each link may carry, and
// the documents over the kiosk's data channels. What the clerk should read about it (the
// banner, the paused picture) goes into the store; the pictures themselves go straight
// to the call view's video elements, since a MediaStream is not state to render.

import { SIGN_LANGUAGES, msg } from './signaling.js';
import { PeerLink } from './peer.js';
import { DocumentInbox, sendDocument } from './documents.js';
import { MediaWatch, RESTART_AFTER_MS, callBanner } from './health.js';
import { officialVideoPaused, pictureNote } from './quality.js';
import { interpreterLanguageName } from './names.js';
import { chosenDevices, openDevices } from './devices.js';
import { t } from './i18n.js';

/** @typedef {import('./state.js').ConsoleState} ConsoleState */
/** @typedef {{member_id: string, role: string, initiator: boolean, language?: string, offer?: RTCSessionDescriptionInit}} Peer */
/** @typedef {{call_id: string, peers: Peer[], ice_servers: RTCIceServer[], ice_transport_policy?: string}} StartedCall */
/**
 * What we know of each other member: who they are in the call, whether their signalling
 * is online, whether their media reaches us, and when we last asked for a new connection.
 * @typedef {{peer: Peer, label: string, online: boolean, offlineSince: number, watch: MediaWatch,
 *            askedAt: number, framesBefore: number, framesLastConnection: number, step: string}} Member
 */

export class CallMedia {
  /**
   * @param {{store: import('./store.js').Store<ConsoleState>, socket: import('./signaling.js').SignalingSocket,
   *          callView: import('./views/call.js').CallView, documents: import('./views/documents.js').DocumentsView}} parts
   */
  constructor({ store, socket, callView, documents }) {
    this.store = store;
    this.socket = socket;
    this.callView = callView;
    this.documents = documents;
    /** @type {MediaStream|null} */
    this.localStream = null;
    /** @type {Map<string, PeerLink>} */
    this.peers = new Map();
    /** @type {Map<string, Member>} */
    this.members = new Map();
    this.statsTimer = 0;
    /** The connections answering offers sent ahead have found a path (start()). */
    this.connectedAhead = Promise.resolve(/** @type {unknown} */ (undefined));
  }

  /** The call as the store has it (null between calls). */
  get call() {
    return this.store.get().call;
  }

  get role() {
    return this.store.get().me?.role || 'clerk';
  }

  /** Camera and microphone are opened once after login, so taking a call costs no wait:
   * the ones chosen in the device check, or what works of them (devices.js). */
  async openLocal() {
    if (this.localStream) return this.localStream;
    const opened = await openDevices(chosenDevices());
    this.localStream = opened.stream;
    this.store.set({ devices: { missing: opened.missing, denied: opened.denied } });
    for (const id of ['self-preview', 'interpreter-preview']) {
      /** @type {HTMLVideoElement} */ (document.getElementById(id)).srcObject = this.localStream;
    }
    return this.localStream;
  }

  /** Other devices chosen (between calls): let the old ones go and open the new. */
  async reopenLocal() {
    if (this.call) return;
    this.localStream?.getTracks().forEach((track) => track.stop());
    this.localStream = null;
    await this.openLocal();
  }

  /** @param {boolean} muted */
  mute(muted) {
    this.localStream?.getAudioTracks().forEach((t) => { t.enabled = !muted; });
  }

  /** The clerk's camera off (the others see black) or on again. @param {boolean} off */
  camera(off) {
    this.localStream?.getVideoTracks().forEach((t) => { t.enabled = !off; });
  }

  /**
   * Connect to everyone in a call that just started, from its call.started, and answer an
   * offer the kiosk sent ahead while its customer queued (`peer.offer`). Called before the
   * store holds the call (app.js), so that the answer's steps and ICE do not wait for the
   * drawing of the call's view. Resolves once answered; `connectedAhead` once those
   * connections found a path (or gave up).
   * @param {StartedCall} call
   */
  async start(call) {
    const local = this.localStream || await this.openLocal();
    this.callView.clearPictures();
    /** @type {Promise<void>[]} */
    const answering = [];
    /** @type {Promise<unknown>[]} */
    const settling = [];
    for (const peer of call.peers) {
      this.connectPeer(peer, 1, call);
      const link = this.peers.get(peer.member_id);
      if (!peer.offer || !link) continue;
      answering.push(link.receive({ description: peer.offer }));
      settling.push(link.iceSettled());
    }
    this.connectedAhead = Promise.all(settling);
    this.callView.showSelf(local);
    this.statsTimer = window.setInterval(() => this.sample(), 500);
    await Promise.all(answering);
  }

  /** Close every connection of the call: it ended, here or at the server. */
  end() {
    clearInterval(this.statsTimer);
    // The next call starts heard and seen, as its buttons say (CallView.open).
    this.mute(false);
    this.camera(false);
    for (const link of this.peers.values()) link.close();
    this.peers.clear();
    this.members.clear();
  }

  /** The server messages about the call's media. @param {any} m */
  async handle(m) {
    const call = this.call;
    if (!call || m.call_id !== call.call_id) return;
    switch (m.type) {
      case 'signal':
        await this.onSignal(m);
        break;
      case 'call.member': {
        const member = this.members.get(m.member_id);
        if (member) {
          member.online = m.online;
          member.offlineSince = Date.now();
        }
        this.showHealth();
        break;
      }
      case 'call.ice':
        // Fresh TURN credentials (the last ones expire in minutes): connections up now keep
        // their relay; the ones made or restarted from now on use these.
        for (const link of this.peers.values()) link.useIceServers(m.ice_servers, m.ice_transport_policy || 'all');
        break;
      case 'call.peer_joined':
        this.connectPeer(m.peer);
        break;
      case 'call.peer_left':
        this.dropPeer(m.member_id);
        break;
      case 'call.quality': {
        const member = this.members.get(m.member_id);
        if (member) member.step = m.step;
        await this.limitVideoTo(m.member_id);
        break;
      }
      case 'call.notice':
        this.showHealth();
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
  async onSignal(m) {
    const generation = m.generation || 1;
    let link = this.peers.get(m.from);
    const member = this.members.get(m.from);
    if (!link || !member) return;
    if (generation < link.generation) return;
    if (generation > link.generation) {
      this.connectPeer(member.peer, generation);
      link = /** @type {PeerLink} */ (this.peers.get(m.from));
    }
    if (m.restart) {
      if (link.initiator && link.pc.connectionState !== 'closed') link.pc.restartIce();
      return;
    }
    await link.receive(m);
  }

  /** Twice a second: the pictures' figures for the clerk's eye (and the tests), then the watch. */
  async sample() {
    for (const [memberId, link] of this.peers) {
      const report = await link.inboundVideo();
      const member = this.members.get(memberId);
      if (report && member) member.framesLastConnection = report.framesDecoded ?? 0;
      // Frames over every connection of the call to this member, replacements included.
      const frames = (member?.framesBefore ?? 0) + (report?.framesDecoded ?? 0);
      if (memberId === 'kiosk') this.callView.showStats(report, await link.route(), await link.inbound('audio'), frames);
      else this.callView.showTileStats(memberId, report, frames);
    }
    await this.watch();
  }

  /** Sample each member's media, tell the server and the clerk when it stops or comes back,
   * and ask for a new connection when it stays away while signalling works. */
  async watch() {
    const call = this.call;
    if (!call) return;
    const now = Date.now();
    for (const [memberId, link] of this.peers) {
      const member = this.members.get(memberId);
      if (!member) continue;
      const packets = await link.packetsReceived();
      if (this.call !== call) return; // the call ended meanwhile: nothing to report on
      const change = member.watch.observe(packets, now);
      if (change) this.socket.send(msg.callMedia(call.call_id, memberId, change));
      const stalled = member.watch.stalledFor(now) >= RESTART_AFTER_MS || link.pc.connectionState === 'failed';
      // Only once signalling has been back a moment: media resumes on the old path the
      // moment the link returns, usually before the socket does.
      const settled = this.socket.openFor(now) >= 1500 && member.online;
      if (stalled && settled && now - member.askedAt >= 4000) {
        member.askedAt = now;
        if (link.initiator && link.pc.connectionState !== 'closed') link.pc.restartIce();
        else this.socket.send(msg.signal(call.call_id, memberId, { restart: true, generation: link.generation }));
      }
    }
    this.showHealth();
  }

  /** The banner and the paused picture, into the store when they change. */
  showHealth() {
    const now = Date.now();
    const present = [...this.members.values()].filter((m) => this.peers.has(m.peer.member_id));
    const kiosk = this.members.get('kiosk');
    const health = {
      banner: callBanner(present, now),
      connecting: present.length > 0 && present.every((m) => m.watch.flow === 'waiting' && m.online),
      picture: kiosk ? pictureNote({
        step: kiosk.step || 'full',
        signCall: this.signCall(),
        role: this.role,
        interrupted: !kiosk.online || kiosk.watch.flow === 'interrupted',
      }) : '',
    };
    const shown = this.store.get().health;
    if (shown.banner !== health.banner || shown.connecting !== health.connecting || shown.picture !== health.picture) {
      this.store.set({ health });
    }
  }

  /** @param {string} memberId */
  dropPeer(memberId) {
    this.peers.get(memberId)?.close();
    this.peers.delete(memberId);
    this.members.delete(memberId);
    this.callView.removeTile(memberId);
  }

  /** A peer connection to one member: the customer large, anyone else in a tile. A higher
   * `generation` replaces the pair's connection that broke (the tile and picture stay).
   * @param {Peer} peer @param {number} generation
   * @param {StartedCall} call the call (the store's, unless it does not hold it yet) */
  connectPeer(peer, generation = 1, call = /** @type {StartedCall} */ (this.call)) {
    const known = this.members.get(peer.member_id);
    if (generation > 1 && this.peers.has(peer.member_id)) {
      this.peers.get(peer.member_id)?.close(); // replaced in place: keep the member and its tile
      this.peers.delete(peer.member_id);
    } else {
      this.dropPeer(peer.member_id); // a member reconnecting replaces its old connection
    }
    const who = t(`who.${peer.role}`);
    const label = peer.role === 'interpreter' && peer.language ? `${who} (${interpreterLanguageName(peer.language)})` : who;
    this.members.set(peer.member_id, {
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
      iceServers: call.ice_servers,
      iceTransportPolicy: /** @type {RTCIceTransportPolicy} */ (call.ice_transport_policy || 'all'),
      localStream: /** @type {MediaStream} */ (this.localStream),
      send: (payload) => this.socket.send(msg.signal(call.call_id, peer.member_id, payload)),
      onTrack: (_track, stream) => {
        if (peer.role === 'kiosk') this.callView.showRemote(stream);
        else this.callView.showTile(peer.member_id, label, stream);
        // The official sees the signer large; the interpreter, the customer they sign with.
        this.callView.setSignCall(this.signCall() && this.role === 'clerk');
      },
      onState: (state) => {
        // Whether media flows is watch()'s to say (WebRTC notices late); a connection
        // that gave up is reported so that the server and the offerer know.
        if (state === 'failed') this.socket.send(msg.callMedia(call.call_id, peer.member_id, 'failed'));
      },
    });
    if (peer.role === 'kiosk') {
      link.onDataChannel = (channel) => {
        if (channel.label !== 'documents') return;
        link.inboxChannel = channel;
        // eslint-disable-next-line no-new
        new DocumentInbox(channel, {
          onDocument: (doc) => {
            this.documents.add(doc);
            this.socket.send(msg.callDocument(call.call_id, doc.size));
          },
          onProgress: (got, total) => this.documents.showProgress(got, total),
          onRefused: (reason) => this.documents.showProblem(reason),
        });
      };
    }
    this.peers.set(peer.member_id, link);
    if (this.members.get(peer.member_id)?.step !== 'full') this.limitVideoTo(peer.member_id);
  }

  /** A sign-language interpreter is in the call: another member, or this console's own. */
  signCall() {
    if (SIGN_LANGUAGES.has(this.call?.interpreting || '')) return true;
    return [...this.members.values()].some((m) => m.peer.role === 'interpreter' && SIGN_LANGUAGES.has(m.peer.language || ''));
  }

  /**
   * Send a member no more video than its link carries. Towards the kiosk every browser in
   * the call shares the kiosk's downlink: with a sign-language interpreter the customer
   * watches the signer, so the interpreter keeps the step and the official sends no picture
   * (quality.js, officialVideoPaused); otherwise the browsers split it.
   * @param {string} memberId
   */
  async limitVideoTo(memberId) {
    const link = this.peers.get(memberId);
    const member = this.members.get(memberId);
    if (!link || !member) return;
    let step = member.step || 'full';
    let share = 1;
    if (memberId === 'kiosk' && step !== 'full') {
      const others = [...this.members.values()].filter((m) => m.peer.role !== 'kiosk');
      if (officialVideoPaused(step, this.signCall()) && this.role === 'clerk') step = 'audio';
      // The signer's picture shares the kiosk's downlink with two voices (the official's
      // and the signer's own): it takes about two thirds of what it would alone.
      else if (this.signCall()) share = 1.5;
      else share = others.length + 1;
    }
    await link.limitVideo(/** @type {any} */ (step), share);
  }

  /** The kiosk opens its document camera screen for the customer. */
  askForDocument() {
    const channel = this.peers.get('kiosk')?.inboxChannel;
    if (channel && channel.readyState === 'open') channel.send(JSON.stringify({ t: 'request' }));
  }

  /** Show a file of the clerk's on the kiosk's screen. @param {File} file */
  async showOnKiosk(file) {
    const kiosk = this.peers.get('kiosk');
    if (!kiosk) return;
    // A channel of its own, so the customer's documents and the clerk's never interleave.
    if (!kiosk.shown || kiosk.shown.readyState === 'closed') kiosk.shown = kiosk.pc.createDataChannel('shown');
    try {
      this.documents.showNote(t('console.showing', { name: file.name }));
      await sendDocument(kiosk.shown, { name: file.name, mime: file.type, data: new Uint8Array(await file.arrayBuffer()) });
      this.documents.showNote(t('console.shown', { name: file.name }));
    } catch (err) {
      this.documents.showProblem(/** @type {Error} */ (err).message);
    }
  }
}
