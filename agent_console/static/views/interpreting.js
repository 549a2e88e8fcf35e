// Interpreters in the console: the invitations an interpreter may accept, and the
// clerk's panel to ask for one during a call and follow the request.

import { INTERPRETER_LANGUAGES, agencyName, interpreterLanguageName } from '../names.js';
import { chime } from '../chime.js';

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
    const who = inv.requested_by === 'kiosk' ? 'asked for by the customer' : 'asked for by the official';
    text.textContent = `${interpreterLanguageName(inv.language)} · ${agencyName(agencies, inv.agency)} · ${who}`;
    const left = document.createElement('span');
    left.className = 'countdown';
    const accept = document.createElement('button');
    accept.className = 'primary';
    accept.textContent = 'Accept and join';
    accept.addEventListener('click', () => { accept.disabled = true; this.onAccept(inv.invitation); });
    const decline = document.createElement('button');
    decline.textContent = 'Not now';
    decline.addEventListener('click', () => this.onDecline(inv.invitation));
    item.append(text, left, accept, decline);
    return item;
  }

  tick() {
    for (const item of /** @type {NodeListOf<HTMLElement>} */ (this.list.querySelectorAll('.invitation'))) {
      const seconds = Math.max(0, Math.ceil(Number(item.dataset.expiresAt) - Date.now() / 1000));
      /** @type {HTMLElement} */ (item.querySelector('.countdown')).textContent = `${seconds} s left`;
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
    this.select.replaceChildren(...INTERPRETER_LANGUAGES.map((code) => new Option(interpreterLanguageName(code), code)));
    this.request.addEventListener('click', () => onRequest(this.select.value));
    this.cancel.addEventListener('click', () => onCancel());
    store.subscribe((s) => s.interpreter, (status) => (status ? this.show(status) : this.reset()));
  }

  reset() {
    this.status.textContent = '';
    this.status.dataset.state = '';
    this.request.textContent = 'Ask for an interpreter';
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
    this.request.textContent = status.state === 'timed_out' ? 'Keep waiting' : 'Ask for an interpreter';
    this.status.textContent = {
      requested: status.invited
        ? `Interpreter (${name}) asked for: ${status.invited} invited, waiting for one to accept…`
        : `Interpreter (${name}) asked for: none is available right now; waiting for one…`,
      joined: `The ${name} interpreter joined the call.`,
      left: `The ${name} interpreter left the call.`,
      timed_out: `No ${name} interpreter took the call in time. Keep waiting, or go on without.`,
      cancelled: `Interpreter request (${name}) cancelled.`,
    }[status.state] || status.state;
  }
}
