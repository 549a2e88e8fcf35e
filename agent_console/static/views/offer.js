// An offer of a customer: who (agency, language, point, how long they waited), a
// countdown to its expiry, a chime, and Accept / Not now.

import { agencyName, formatWait, interpreterLanguageName, languageName } from '../names.js';
import { chime } from '../chime.js';
import { t } from '../i18n.js';

/** Keys that answer an offer (shown on its buttons), unless the clerk is typing. */
const ACCEPT_KEY = 'a';
const DECLINE_KEY = 'n';

/** @typedef {import('../state.js').ConsoleState} ConsoleState */

export class OfferView {
  /**
   * @param {import('../store.js').Store<ConsoleState>} store
   * @param {{onAccept: (ticket: string) => void, onDecline: (ticket: string) => void,
   *   attention: import('../attention.js').Attention}} options
   */
  constructor(store, { onAccept, onDecline, attention }) {
    this.attention = attention;
    this.card = /** @type {HTMLElement} */ (document.getElementById('offer'));
    this.text = /** @type {HTMLElement} */ (document.getElementById('offer-text'));
    this.need = /** @type {HTMLElement} */ (document.getElementById('offer-need'));
    this.countdown = /** @type {HTMLElement} */ (document.getElementById('offer-countdown'));
    this.accept = /** @type {HTMLButtonElement} */ (document.getElementById('offer-accept'));
    const decline = /** @type {HTMLButtonElement} */ (document.getElementById('offer-decline'));
    /** @type {string|null} */
    this.ticket = null;
    this.timer = 0;
    this.accept.addEventListener('click', () => { if (this.ticket) onAccept(this.ticket); });
    decline.addEventListener('click', () => { if (this.ticket) onDecline(this.ticket); });
    document.addEventListener('keydown', (event) => {
      if (!this.ticket || event.repeat || event.ctrlKey || event.altKey || event.metaKey) return;
      const target = /** @type {HTMLElement} */ (event.target);
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      const key = event.key.toLowerCase();
      if (key === ACCEPT_KEY && !this.accept.disabled) this.accept.click();
      else if (key === DECLINE_KEY) decline.click();
      else return;
      event.preventDefault();
    });
    // Offers are shown only beside the queues: never over a call or the login.
    store.subscribe((s) => (s.me && !s.call ? s.offer : null), (offer, s) => this.show(offer, s.agencies));
    store.subscribe((s) => s.language, (_l, s) => { if (s.me && !s.call && s.offer) this.show(s.offer, s.agencies); });
    store.subscribe((s) => s.accepting, (accepting) => { this.accept.disabled = accepting; });
  }

  /**
   * @param {import('../state.js').Offer|null} offer
   * @param {ConsoleState['agencies']} agencies
   */
  show(offer, agencies) {
    clearInterval(this.timer);
    if (!offer) {
      if (this.ticket) this.attention.calm();
      this.ticket = null;
      this.card.hidden = true;
      return;
    }
    const { entry } = offer;
    const fresh = this.ticket !== entry.ticket;
    this.ticket = entry.ticket;
    this.text.textContent = t(`offer.${entry.kind}`, {
      agency: agencyName(agencies, entry.agency),
      language: languageName(entry.language),
      point: entry.point,
      wait: formatWait(Date.now() / 1000 - entry.queued_at),
    });
    // What the customer needs, before the official accepts: an interpreter will be called.
    this.need.textContent = offer.interpreter
      ? t('console.needs_interpreter', { language: interpreterLanguageName(offer.interpreter) }) : '';
    this.need.hidden = !offer.interpreter;
    this.card.hidden = false;
    const update = () => {
      const left = Math.max(0, Math.ceil(offer.expires_at - Date.now() / 1000));
      this.countdown.textContent = String(left);
    };
    update();
    this.timer = window.setInterval(update, 250);
    if (fresh) {
      chime();
      this.attention.call(/** @type {HTMLElement} */ (document.getElementById('offer-title')).textContent || '', this.text.textContent);
      this.accept.focus();
    }
  }
}
