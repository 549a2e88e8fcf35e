// An offer of a customer: who (agency, language, point, how long they waited), a
// countdown to its expiry, a chime, and Accept / Not now.

import { agencyName, formatWait, languageName } from './queue.js';

export class OfferView {
  /** @param {{onAccept: (ticket: string) => void, onDecline: (ticket: string) => void}} options */
  constructor({ onAccept, onDecline }) {
    this.card = /** @type {HTMLElement} */ (document.getElementById('offer'));
    this.text = /** @type {HTMLElement} */ (document.getElementById('offer-text'));
    this.countdown = /** @type {HTMLElement} */ (document.getElementById('offer-countdown'));
    this.accept = /** @type {HTMLButtonElement} */ (document.getElementById('offer-accept'));
    const decline = /** @type {HTMLButtonElement} */ (document.getElementById('offer-decline'));
    /** @type {string|null} */
    this.ticket = null;
    this.timer = 0;
    this.accept.addEventListener('click', () => { if (this.ticket) { this.accept.disabled = true; onAccept(this.ticket); } });
    decline.addEventListener('click', () => { if (this.ticket) onDecline(this.ticket); this.hide(); });
  }

  /** @param {{entry: import('./queue.js').QueueEntry, expires_at: number}} offer */
  show(offer) {
    const { entry } = offer;
    this.ticket = entry.ticket;
    const kind = entry.kind === 'walk_in' ? '' : ` (${entry.kind === 'transferred' ? 'transferred' : 'appointment'})`;
    this.text.textContent = `${agencyName(entry.agency)}, ${languageName(entry.language)}, at ${entry.point}${kind}; waited ${formatWait(Date.now() / 1000 - entry.queued_at)}.`;
    this.accept.disabled = false;
    this.card.hidden = false;
    const update = () => {
      const left = Math.max(0, Math.ceil(offer.expires_at - Date.now() / 1000));
      this.countdown.textContent = String(left);
    };
    update();
    clearInterval(this.timer);
    this.timer = window.setInterval(update, 250);
    chime();
    this.accept.focus();
  }

  /** @param {string} [ticket] hide only if this is the offer shown */
  hide(ticket) {
    if (ticket && ticket !== this.ticket) return;
    clearInterval(this.timer);
    this.ticket = null;
    this.card.hidden = true;
  }
}

/** Two short tones: audible in a busy office, not alarming. */
function chime() {
  try {
    const ctx = new AudioContext();
    [880, 1175].forEach((frequency, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.2, ctx.currentTime + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + i * 0.18 + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.18);
      osc.stop(ctx.currentTime + i * 0.18 + 0.17);
    });
    setTimeout(() => ctx.close(), 600);
  } catch {
    // No audio output: the card itself is the notice.
  }
}
