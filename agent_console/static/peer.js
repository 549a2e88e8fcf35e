// One RTCPeerConnection to one other call member, with "perfect negotiation"
// (W3C WebRTC 1.0 §10.7, webrtc/samples peer.js): the transport is injected as `send`,
// so this module knows nothing of WebSockets. The kiosk (aiortc, which cannot roll
// back) is always the initiator and impolite; the browser facing it is polite.

export class PeerLink {
  /**
   * @param {{peerId: string, initiator: boolean, iceServers: RTCIceServer[], iceTransportPolicy?: RTCIceTransportPolicy,
   *          localStream: MediaStream, send: (payload: object) => void,
   *          onTrack: (track: MediaStreamTrack, stream: MediaStream) => void,
   *          onState: (state: RTCPeerConnectionState) => void, generation?: number}} options
   */
  constructor({ peerId, initiator, iceServers, iceTransportPolicy = 'all', localStream, send, onTrack, onState, generation = 1 }) {
    this.peerId = peerId;
    this.initiator = initiator;
    this.polite = !initiator;
    this.localStream = localStream;
    /** Which connection of this pair this is; a replacement has the next one (docs/resilience.md). */
    this.generation = generation;
    this.send = (/** @type {object} */ payload) => send({ ...payload, generation: this.generation });
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.tracksAdded = false;
    this.remoteStream = new MediaStream();
    this.pc = new RTCPeerConnection({ iceServers, iceTransportPolicy });
    this.pc.ontrack = ({ track }) => {
      this.remoteStream.addTrack(track);
      onTrack(track, this.remoteStream);
    };
    this.pc.onicecandidate = ({ candidate }) => this.send({ candidate: candidate ? candidate.toJSON() : null });
    this.pc.onconnectionstatechange = () => {
      if (this.pc.connectionState === 'connected') this.preferFrameRate();
      onState(this.pc.connectionState);
    };
    /** @type {(channel: RTCDataChannel) => void} */
    this.onDataChannel = () => {};
    /** @type {RTCDataChannel|null} the channel on which this side shows documents */
    this.shown = null;
    /** @type {RTCDataChannel|null} the channel on which documents come in */
    this.inboxChannel = null;
    this.pc.ondatachannel = ({ channel }) => this.onDataChannel(channel);
    this.pc.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true;
        await this.pc.setLocalDescription();
        this.send({ description: this.pc.localDescription });
      } finally {
        this.makingOffer = false;
      }
    };
    // The initiator offers at once; the other side adds its tracks to the transceivers
    // of the first offer it answers, which avoids a second negotiation round.
    if (initiator) this.addTracks();
  }

  /** Resolves once ICE has found a path or given up (a call's view waits for it: app.js). */
  iceSettled() {
    const settled = () => ['connected', 'completed', 'failed', 'closed'].includes(this.pc.iceConnectionState);
    return new Promise((resolve) => {
      if (settled()) { resolve(undefined); return; }
      const check = () => {
        if (!settled()) return;
        this.pc.removeEventListener('iceconnectionstatechange', check);
        resolve(undefined);
      };
      this.pc.addEventListener('iceconnectionstatechange', check);
    });
  }

  /** New ICE servers (fresh TURN credentials) for what this connection gathers next.
   * @param {RTCIceServer[]} iceServers @param {RTCIceTransportPolicy} iceTransportPolicy */
  useIceServers(iceServers, iceTransportPolicy) {
    if (this.pc.signalingState === 'closed') return;
    this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers, iceTransportPolicy });
  }

  addTracks() {
    if (this.tracksAdded) return;
    this.tracksAdded = true;
    for (const track of this.localStream.getTracks()) this.pc.addTrack(track, this.localStream);
  }

  /** @param {{description?: RTCSessionDescriptionInit, candidate?: RTCIceCandidateInit, end_of_candidates?: boolean}} signal */
  async receive({ description, candidate, end_of_candidates }) {
    if (description) {
      const collision = description.type === 'offer' && (this.makingOffer || this.pc.signalingState !== 'stable');
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) return;
      await this.pc.setRemoteDescription(description);
      if (description.type === 'offer') {
        this.addTracks();
        await this.pc.setLocalDescription();
        this.send({ description: this.pc.localDescription });
      }
    } else if (candidate || end_of_candidates) {
      try {
        await this.pc.addIceCandidate(candidate || null);
      } catch (err) {
        if (!this.ignoreOffer) throw err;
      }
    }
  }

  /**
   * When bandwidth is short, lower the resolution and keep the frame rate: sign language
   * and lip reading need motion more than detail (EN 301 549: at least 20 fps).
   */
  async preferFrameRate() {
    for (const sender of this.pc.getSenders()) {
      if (!sender.track || sender.track.kind !== 'video') continue;
      const parameters = sender.getParameters();
      if (parameters.degradationPreference === 'maintain-framerate') continue;
      parameters.degradationPreference = 'maintain-framerate';
      try {
        await sender.setParameters(parameters);
      } catch { /* an older browser: its default balance applies */ }
    }
  }

  /**
   * Send this peer no more video than its link carries (media/quality.py's steps): half
   * the size from `reduced`, a picture a second for `stills`, none below.
   * @param {'full'|'reduced'|'stills'|'audio'|'text'} step
   * @param {number} share how many browsers share this peer's downlink
   */
  async limitVideo(step, share = 1) {
    for (const sender of this.pc.getSenders()) {
      if (!sender.track || sender.track.kind !== 'video') continue;
      const parameters = sender.getParameters();
      const encoding = parameters.encodings && parameters.encodings[0];
      if (!encoding) continue;
      encoding.active = step !== 'audio' && step !== 'text';
      encoding.scaleResolutionDownBy = step === 'full' ? 1 : 2;
      if (step === 'stills') encoding.maxFramerate = 1; else delete encoding.maxFramerate;
      if (step === 'reduced') encoding.maxBitrate = Math.round(200_000 / share);
      else if (step === 'stills') encoding.maxBitrate = Math.round(60_000 / share);
      else delete encoding.maxBitrate;
      try {
        await sender.setParameters(parameters);
      } catch { /* negotiation in progress: the next change applies it */ }
    }
  }

  /**
   * A pulse of the path from the peer: RTP packets received from it, plus the receiver
   * reports it sends about ours (a member without camera or microphone sends no media,
   * yet its path is alive). During an outage neither grows.
   */
  async packetsReceived() {
    const stats = await this.pc.getStats();
    let total = 0;
    for (const report of stats.values()) {
      if (report.type === 'inbound-rtp') total += report.packetsReceived || 0;
      if (report.type === 'remote-inbound-rtp') total += report.roundTripTimeMeasurements || 0;
    }
    return total;
  }

  /** Inbound video figures for the clerk's quality line (and the tests). */
  async inboundVideo() {
    return this.inbound('video');
  }

  /** @param {'audio'|'video'} kind */
  async inbound(kind) {
    const stats = await this.pc.getStats();
    for (const report of stats.values()) {
      if (report.type === 'inbound-rtp' && report.kind === kind) return report;
    }
    return null;
  }

  /** How the media travels: the local candidate type of the selected pair ('host', 'srflx', 'relay'). */
  async route() {
    const stats = await this.pc.getStats();
    for (const report of stats.values()) {
      if (report.type === 'transport' && report.selectedCandidatePairId) {
        const pair = stats.get(report.selectedCandidatePairId);
        const local = pair && stats.get(pair.localCandidateId);
        return local ? local.candidateType : null;
      }
    }
    return null;
  }

  close() {
    this.pc.close();
  }
}
