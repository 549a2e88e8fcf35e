// An offer of a customer: who (agency, language, point, how long they waited), a
// countdown to its expiry, a chime, and Accept / Not now.

import { agencyName, formatWait, languageName } from './queue.js';
import { chime } from '../chime.js';
import { interpreterLanguageName } from './interpreting.js';

export class OfferView {
  /** @param {{onAccept: (ticket: string) => void, onDecline: (ticket: string) => void}} options */
  constructor({ onAccept, onDecline }) {
    this.card = /** @type {HTMLElement} */ (document.getElementById('offer'));
    this.text = /** @type {HTMLElement} */ (document.getElementById('offer-text'));
    this.need = /** @type {HTMLElement} */ (document.getElementById('offer-need'));
    this.countdown = /** @type {HTMLElement} */ (document.getElementById('offer-countdown'));
    this.accept = /** @type {HTMLButtonElement} */ (document.getElementById('offer-accept'));
    const decline = /** @type {HTMLButtonElement} */ (document.getElementById('offer-decline'));
    /** @type {string|null} */
    this.ticket = null;
    this.timer = 0;
    this.accept.addEventListener('click', () => { if (this.ticket) { this.accept.disabled = true; onAccept(this.ticket); } });
    decline.addEventListener('click', () => { if (this.ticket) onDecline(this.ticket); this.hide(); });
  }

  /** @param {{entry: import('./queue.js').QueueEntry, expires_at: number, interpreter?: string|null}} offer */
  show(offer) {
    const { entry } = offer;
    this.ticket = entry.ticket;
    const kind = entry.kind === 'walk_in' ? '' : ` (${entry.kind === 'transferred' ? 'transferred' : 'appointment'})`;
    this.text.textContent = `${agencyName(entry.agency)}, ${languageName(entry.language)}, at ${entry.point}${kind}; waited ${formatWait(Date.now() / 1000 - entry.queued_at)}.`;
    // What the customer needs, before the official accepts: an interpreter will be called.
    this.need.textContent = offer.interpreter ? `Needs an interpreter: ${interpreterLanguageName(offer.interpreter)}` : '';
    this.need.hidden = !offer.interpreter;
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
