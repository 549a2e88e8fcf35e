// The call screen: the customer's video large, the clerk's own small, status, controls.

import { agencyName } from './queue.js';

export class CallView {
  /** @param {{onEnd: () => void, onMute: (muted: boolean) => void}} options */
  constructor({ onEnd, onMute }) {
    this.remote = /** @type {HTMLVideoElement} */ (document.getElementById('remote-video'));
    this.self = /** @type {HTMLVideoElement} */ (document.getElementById('self-video'));
    this.status = /** @type {HTMLElement} */ (document.getElementById('call-status'));
    this.info = /** @type {HTMLElement} */ (document.getElementById('call-info'));
    this.stats = /** @type {HTMLElement} */ (document.getElementById('media-stats'));
    this.mute = /** @type {HTMLButtonElement} */ (document.getElementById('mute'));
    const end = /** @type {HTMLButtonElement} */ (document.getElementById('end-call'));
    end.addEventListener('click', () => onEnd());
    this.mute.addEventListener('click', () => {
      const muted = this.mute.getAttribute('aria-pressed') !== 'true';
      this.mute.setAttribute('aria-pressed', String(muted));
      this.mute.textContent = muted ? 'Unmute' : 'Mute';
      onMute(muted);
    });
  }

  /** @param {{agency: string, language: string}} call @param {MediaStream} local */
  open(call, local) {
    this.info.textContent = `${agencyName(call.agency)} · ${new Intl.DisplayNames(['en'], { type: 'language' }).of(call.language)}`;
    this.self.srcObject = local;
    this.remote.srcObject = null;
    this.setStatus('Connecting…');
    this.mute.setAttribute('aria-pressed', 'false');
    this.mute.textContent = 'Mute';
    this.stats.textContent = '';
  }

  /** @param {MediaStream} stream */
  showRemote(stream) {
    if (this.remote.srcObject !== stream) this.remote.srcObject = stream;
  }

  /** @param {string} text */
  setStatus(text) {
    this.status.textContent = text;
  }

  /** @param {any} report inbound-rtp video stats, or null */
  showStats(report) {
    if (!report) return;
    const frames = report.framesDecoded ?? 0;
    this.stats.dataset.framesDecoded = String(frames);
    this.stats.dataset.width = String(report.frameWidth ?? 0);
    this.stats.dataset.height = String(report.frameHeight ?? 0);
    const fps = report.framesPerSecond ? `${Math.round(report.framesPerSecond)} fps` : '';
    this.stats.textContent = `${report.frameWidth ?? '?'}×${report.frameHeight ?? '?'} ${fps} · lost packets ${report.packetsLost ?? 0}`;
  }

  close() {
    this.remote.srcObject = null;
    this.self.srcObject = null;
  }
}
