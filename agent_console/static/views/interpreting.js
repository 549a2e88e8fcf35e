// Interpreters in the console: the invitations an interpreter may accept, and the
// clerk's panel to ask for one during a call and follow the request.

import { INTERPRETER_LANGUAGES, agencyName, interpreterLanguageName } from '../names.js';
import { chime } from '../chime.js';
import { t } from '../i18n.js';

/** @typedef {import('../state.js').ConsoleState} ConsoleState */

export class InvitationsView {
  /**
   * @param {import('../store.js').Store<ConsoleState>} store
   * @param {{onAccept: (id: string) => void, onDecline: (id: string) => void,
   *   attention: import('../attention.js').Attention}} options
   */
  constructor(store, { onAccept, onDecline, attention }) {
    this.attention = attention;
    this.list = /** @type {HTMLElement} */ (document.getElementById('invitations'));
    this.empty = /** @type {HTMLElement} */ (document.getElementById('invitations-empty'));
    this.error = /** @type {HTMLElement} */ (document.getElementById('invitations-error'));
    this.onAccept = onAccept;
    this.onDecline = onDecline;
    this.timer = window.setInterval(() => this.tick(), 500);
    store.subscribe((s) => s.invitations, (invitations, s) => this.render(invitations, s.agencies));
    store.subscribe((s) => (s.me?.role === 'interpreter' ? s.error : ''), (error) => {
      this.error.textContent = error;
      this.error.hidden = !error;
    });
  }

  /** Items stay as they are (an accepted one keeps its disabled button); new ones chime.
   * @param {import('../state.js').Invitation[]} invitations @param {ConsoleState['agencies']} agencies */
  render(invitations, agencies) {
    const wanted = new Set(invitations.map((inv) => inv.invitation));
    for (const item of /** @type {NodeListOf<HTMLElement>} */ (this.list.querySelectorAll('.invitation'))) {
      if (!wanted.has(item.dataset.invitation || '')) item.remove();
    }
    let added = false;
    for (const inv of invitations) {
      if (this.list.querySelector(`[data-invitation="${CSS.escape(inv.invitation)}"]`)) continue;
      this.list.append(this.item(inv, agencies));
      added = true;
    }
    this.tick();
    if (added) {
      chime();
      const newest = invitations[invitations.length - 1];
      this.attention.call(
        /** @type {HTMLElement} */ (document.getElementById('invitations-title')).textContent || '',
        `${interpreterLanguageName(newest.language)} · ${agencyName(agencies, newest.agency)}`,
      );
    } else if (!invitations.length) {
      this.attention.calm();
    }
  }

  /** @param {import('../state.js').Invitation} inv @param {ConsoleState['agencies']} agencies */
  item(inv, agencies) {
    const item = document.createElement('li');
    item.className = 'invitation';
    item.dataset.invitation = inv.invitation;
    item.dataset.expiresAt = String(inv.expires_at);
    const text = document.createElement('p');
    const who = t(inv.requested_by === 'kiosk' ? 'console.asked_by_customer' : 'console.asked_by_official');
    text.textContent = `${interpreterLanguageName(inv.language)} · ${agencyName(agencies, inv.agency)} · ${who}`;
    const left = document.createElement('span');
    left.className = 'countdown';
    const accept = document.createElement('button');
    accept.className = 'primary';
    accept.textContent = t('console.accept_join');
    accept.addEventListener('click', () => { accept.disabled = true; this.onAccept(inv.invitation); });
    const decline = document.createElement('button');
    decline.textContent = t('console.not_now');
    decline.addEventListener('click', () => this.onDecline(inv.invitation));
    item.append(text, left, accept, decline);
    return item;
  }

  tick() {
    for (const item of /** @type {NodeListOf<HTMLElement>} */ (this.list.querySelectorAll('.invitation'))) {
      const seconds = Math.max(0, Math.ceil(Number(item.dataset.expiresAt) - Date.now() / 1000));
      /** @type {HTMLElement} */ (item.querySelector('.countdown')).textContent = t('console.seconds_left', { n: seconds });
    }
    this.empty.hidden = this.list.children.length > 0;
  }
}

/** The clerk's request controls in the call view. */
export class InterpreterPanel {
  /**
   * @param {import('../store.js').Store<ConsoleState>} store
   * @param {{onRequest: (language: string) => void, onCancel: () => void}} options
   */
  constructor(store, { onRequest, onCancel }) {
    this.select = /** @type {HTMLSelectElement} */ (document.getElementById('interpreter-language'));
    this.request = /** @type {HTMLButtonElement} */ (document.getElementById('request-interpreter'));
    this.cancel = /** @type {HTMLButtonElement} */ (document.getElementById('cancel-interpreter'));
    this.status = /** @type {HTMLElement} */ (document.getElementById('interpreter-status'));
    this.request.addEventListener('click', () => onRequest(this.select.value));
    this.cancel.addEventListener('click', () => onCancel());
    store.subscribe((s) => s.language, () => {
      const chosen = this.select.value;
      this.select.replaceChildren(...INTERPRETER_LANGUAGES.map((code) => new Option(interpreterLanguageName(code), code)));
      if (chosen) this.select.value = chosen;
    });
    store.subscribe((s) => s.interpreter, (status) => (status ? this.show(status) : this.reset()));
  }

  reset() {
    this.status.textContent = '';
    this.status.dataset.state = '';
    this.request.textContent = t('console.ask_interpreter');
    this.request.hidden = false;
    this.cancel.hidden = true;
  }

  /** @param {import('../state.js').InterpreterStatus} status */
  show(status) {
    const name = interpreterLanguageName(status.language);
    this.status.dataset.state = status.state;
    this.select.value = status.language;
    this.cancel.hidden = status.state !== 'requested';
    this.request.hidden = status.state === 'requested' || status.state === 'joined';
    this.request.textContent = t(status.state === 'timed_out' ? 'console.keep_waiting' : 'console.ask_interpreter');
    const state = status.state === 'requested' && !status.invited ? 'requested_none' : status.state;
    this.status.textContent = t(`interpreting.${state}`, { language: name, invited: status.invited || 0 });
  }
}
