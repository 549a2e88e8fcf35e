// The call screen: the customer's video large, the clerk's own small, status, controls.

import { agencyName, languageName } from '../names.js';
import { t } from '../i18n.js';
import { chosenDevices, useSpeaker } from '../devices.js';

/** @typedef {import('../state.js').ConsoleState} ConsoleState */

/** The customer's link, step by step: bars out of four (the words: i18n's link.<step>). */
const LINK_BARS = { full: 4, reduced: 3, stills: 2, audio: 1, text: 0, lost: 0 };

export class CallView {
  /**
   * @param {import('../store.js').Store<ConsoleState>} store
   * @param {{onEnd: (outcome: 'handled'|'abandoned'|'connection_lost') => void, onMute: (muted: boolean) => void,
   *          onCamera: (off: boolean) => void, onTransfer: (agency: string) => void}} options
   */
  constructor(store, { onEnd, onMute, onCamera, onTransfer }) {
    this.stage = /** @type {HTMLElement} */ (document.getElementById('stage'));
    this.cameraOff = /** @type {HTMLButtonElement} */ (document.getElementById('camera-off'));
    this.cameraOff.addEventListener('click', () => {
      const off = this.cameraOff.getAttribute('aria-pressed') !== 'true';
      this.cameraOff.setAttribute('aria-pressed', String(off));
      this.cameraOff.textContent = t(off ? 'console.camera_on' : 'console.camera_off');
      onCamera(off);
    });
    this.remote = /** @type {HTMLVideoElement} */ (document.getElementById('remote-video'));
    this.self = /** @type {HTMLVideoElement} */ (document.getElementById('self-video'));
    this.status = /** @type {HTMLElement} */ (document.getElementById('call-status'));
    this.info = /** @type {HTMLElement} */ (document.getElementById('call-info'));
    this.stats = /** @type {HTMLElement} */ (document.getElementById('media-stats'));
    this.tiles = /** @type {HTMLElement} */ (document.getElementById('tiles'));
    this.quality = /** @type {HTMLElement} */ (document.getElementById('link-quality'));
    this.pictureNote = /** @type {HTMLElement} */ (document.getElementById('picture-note'));
    this.mute = /** @type {HTMLButtonElement} */ (document.getElementById('mute'));
    const end = /** @type {HTMLButtonElement} */ (document.getElementById('end-call'));
    this.outcome = /** @type {HTMLSelectElement} */ (document.getElementById('outcome'));
    this.transferTo = /** @type {HTMLSelectElement} */ (document.getElementById('transfer-agency'));
    this.transfer = /** @type {HTMLButtonElement} */ (document.getElementById('transfer'));
    end.addEventListener('click', () => onEnd(/** @type {'handled'|'abandoned'|'connection_lost'} */ (this.outcome.value)));
    /** The clerk chose an outcome themself: the call's health no longer suggests one. */
    this.outcomeChosen = false;
    this.outcome.addEventListener('change', () => { this.outcomeChosen = true; });
    this.transfer.addEventListener('click', () => { if (this.transferTo.value) onTransfer(this.transferTo.value); });
    this.mute.addEventListener('click', () => {
      const muted = this.mute.getAttribute('aria-pressed') !== 'true';
      this.mute.setAttribute('aria-pressed', String(muted));
      this.mute.textContent = t(muted ? 'console.unmute' : 'console.mute');
      onMute(muted);
    });
    store.subscribe((s) => s.call?.call_id, (callId, s) => (callId && s.call ? this.open(s.call, s.agencies) : this.close()));
    store.subscribe((s) => s.step, (step) => this.showQuality(step));
    store.subscribe((s) => s.health, (health, s) => this.showHealth(health, s.notice));
    store.subscribe((s) => s.notice, (notice, s) => this.showHealth(s.health, notice));
    // Chosen between calls (the picker is off in one): what open() wrote, in the new words.
    store.subscribe((s) => s.language, () => this.showQuality(this.step || 'full'));
  }

  /** @param {import('../state.js').Call} call @param {ConsoleState['agencies']} agencies */
  open(call, agencies) {
    this.info.textContent = `${agencyName(agencies, call.agency)} · ${languageName(call.language)}`;
    this.linkLost = false;
    this.showQuality('full');
    this.outcome.value = 'handled';
    this.outcomeChosen = false;
    const others = agencies.map((a) => a.code).filter((code) => code !== call.agency);
    this.transferTo.replaceChildren(...others.map((code) => new Option(agencyName(agencies, code), code)));
    this.transfer.disabled = others.length === 0;
    this.setStatus(t('console.connecting'));
    this.mute.setAttribute('aria-pressed', 'false');
    this.mute.textContent = t('console.mute');
    this.cameraOff.setAttribute('aria-pressed', 'false');
    this.cameraOff.textContent = t('console.camera_off');
    this.setSignCall(false);
    this.stats.textContent = '';
  }

  /** @param {MediaStream} local the clerk's own camera */
  showSelf(local) {
    if (this.self.srcObject !== local) this.self.srcObject = local;
  }

  /** The banner while a connection is down, else a note about the customer's devices,
   * and the outcome the clerk would record if they ended the call now.
   * @param {import('../state.js').Health} health @param {string} notice */
  showHealth(health, notice) {
    const interrupted = health.banner !== '';
    this.setStatus(health.banner || notice || (health.connecting ? t('console.connecting') : ''), interrupted);
    this.setLinkLost(interrupted);
    this.suggestOutcome(interrupted);
    this.setPicturePaused(health.picture);
  }

  /** @param {MediaStream} stream */
  showRemote(stream) {
    if (this.remote.srcObject !== stream) this.remote.srcObject = stream;
    useSpeaker(this.remote, chosenDevices().speaker);
  }

  /**
   * Another member's video in a tile of its own (an interpreter; for an interpreter, the
   * official). @param {string} memberId @param {string} label @param {MediaStream} stream
   */
  showTile(memberId, label, stream) {
    let tile = this.tile(memberId);
    if (!tile) {
      tile = document.createElement('figure');
      tile.className = 'tile';
      tile.dataset.member = memberId;
      const video = document.createElement('video');
      video.autoplay = true;
      video.playsInline = true;
      video.setAttribute('aria-label', label);
      const caption = document.createElement('figcaption');
      caption.textContent = label;
      tile.append(video, caption);
      this.tiles.append(tile);
    }
    const video = /** @type {HTMLVideoElement} */ (tile.querySelector('video'));
    if (video.srcObject !== stream) video.srcObject = stream;
    useSpeaker(video, chosenDevices().speaker);
  }

  /** @param {string} memberId */
  tile(memberId) {
    return /** @type {HTMLElement|null} */ (this.tiles.querySelector(`[data-member="${CSS.escape(memberId)}"]`));
  }

  /** A sign-language call: the interpreter's picture is the large one beside the
   * customer's, as on the kiosk. @param {boolean} sign */
  setSignCall(sign) {
    this.stage.dataset.sign = String(sign);
  }

  /** @param {string} memberId */
  removeTile(memberId) {
    this.tile(memberId)?.remove();
  }

  /** Frames decoded from a tile's member, and when the browser counted them (ms), for the
   * tests' frame rates.
   * @param {string} memberId @param {any} report @param {number} frames over the whole call */
  showTileStats(memberId, report, frames) {
    const tile = this.tile(memberId);
    if (!tile || !report) return;
    tile.dataset.framesDecoded = String(frames);
    tile.dataset.framesAt = String(report.timestamp ?? 0);
  }

  /**
   * How much the customer's link carries, in bars and words (media/quality.py's steps).
   * @param {'full'|'reduced'|'stills'|'audio'|'text'} step
   */
  showQuality(step) {
    this.step = step;
    const shown = this.linkLost ? 'lost' : step in LINK_BARS ? step : 'full';
    const bars = LINK_BARS[/** @type {keyof typeof LINK_BARS} */ (shown)];
    this.quality.dataset.step = shown;
    this.quality.querySelector('.bars').textContent = '▮'.repeat(bars) + '▯'.repeat(4 - bars);
    this.quality.querySelector('.words').textContent = t(`link.${shown}`);
  }

  /** While a connection is down the bars say so too, never "good" under the banner.
   * @param {boolean} lost */
  setLinkLost(lost) {
    if (this.linkLost === lost) return;
    this.linkLost = lost;
    this.showQuality(this.step || 'full');
  }

  /**
   * The customer's picture is not live: dimmed, with the reason over it ('' : live).
   * @param {string} reason
   */
  setPicturePaused(reason) {
    const paused = reason !== '';
    if (this.remote.dataset.paused !== String(paused)) this.remote.dataset.paused = String(paused);
    if (this.pictureNote.textContent !== reason) this.pictureNote.textContent = reason;
    this.pictureNote.hidden = !paused;
  }

  /** @param {string} text @param {boolean} interrupted a connection is down (the banner) */
  setStatus(text, interrupted = false) {
    if (this.status.textContent !== text) this.status.textContent = text;
    this.status.dataset.interrupted = String(interrupted);
  }

  /** While the connection is down, ending the call records it as lost to the network,
   * unless the clerk chose otherwise. @param {boolean} interrupted */
  suggestOutcome(interrupted) {
    if (this.outcomeChosen) return;
    this.outcome.value = interrupted ? 'connection_lost' : 'handled';
  }

  /**
   * @param {any} report inbound-rtp video stats, or null @param {string|null} route
   * @param {any} audio inbound-rtp audio stats, or null
   * @param {number} frames decoded over the whole call (replaced connections included)
   */
  showStats(report, route = null, audio = null, frames = 0) {
    if (audio) {
      this.stats.dataset.audioEnergy = String(audio.totalAudioEnergy ?? 0);
      this.stats.dataset.audioSamples = String(audio.totalSamplesReceived ?? 0);
      this.stats.dataset.audioConcealed = String(audio.concealedSamples ?? 0);
    }
    if (!report) return;
    this.stats.dataset.freezes = String(report.freezeCount ?? 0);
    this.stats.dataset.route = route || '';
    this.stats.dataset.framesDecoded = String(frames);
    this.stats.dataset.framesAt = String(report.timestamp ?? 0); // when they were counted, ms
    this.stats.dataset.width = String(report.frameWidth ?? 0);
    this.stats.dataset.height = String(report.frameHeight ?? 0);
    const fps = report.framesPerSecond ? `${Math.round(report.framesPerSecond)} fps` : '';
    const via = route === 'relay' ? ` · ${t('console.via_relay')}` : '';
    const lost = t('console.packets_lost', { n: report.packetsLost ?? 0 });
    this.stats.textContent = `${report.frameWidth ?? '?'}×${report.frameHeight ?? '?'} ${fps} · ${lost}${via}`;
  }

  close() {
    this.setPicturePaused('');
    this.clearPictures();
    this.self.srcObject = null;
  }

  /** No picture of another call's members: before a call's media starts (which may be
   * before open(): CallMedia.start) and after it ends. */
  clearPictures() {
    this.remote.srcObject = null;
    this.tiles.replaceChildren();
  }
}
