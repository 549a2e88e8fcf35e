// The side of the call screen: what the clerk should know about the customer (agency,
// language, interpreter need, appointment or walk-in, time in the call) and tabs for the
// chat, the documents and the clerk's own notes (WAI-ARIA tabs: arrows move between them).

import { agencyName, interpreterLanguageName, languageName } from '../names.js';
import { t } from '../i18n.js';

/** @typedef {import('../state.js').ConsoleState} ConsoleState */

const TABS = ['chat', 'documents', 'notes'];

export class CallSide {
  /** @param {import('../store.js').Store<ConsoleState>} store */
  constructor(store) {
    this.store = store;
    this.startedAt = 0;
    this.timer = 0;
    this.notes = /** @type {HTMLTextAreaElement} */ (document.getElementById('call-notes'));
    this.count = /** @type {HTMLElement} */ (document.getElementById('documents-count'));
    this.list = /** @type {HTMLElement} */ (document.getElementById('documents-list'));
    for (const name of TABS) {
      const tab = this.tab(name);
      tab.addEventListener('click', () => this.select(name));
      tab.addEventListener('keydown', (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (!step) return;
        const shown = TABS.filter((n) => this.tab(n).offsetParent !== null); // an interpreter has one
        const next = shown[(shown.indexOf(name) + step + shown.length) % shown.length];
        this.select(next);
        this.tab(next).focus();
        event.preventDefault();
      });
    }
    // A document handed in: counted on its tab; shown at once unless the clerk is writing.
    new MutationObserver(() => this.documentsChanged()).observe(this.list, { childList: true });
    document.getElementById('ask-document')?.addEventListener('click', () => this.select('documents'));
    store.subscribe((s) => s.call?.call_id, (id, s) => (id && s.call ? this.open(s) : this.close()));
    store.subscribe((s) => `${s.language} ${s.interpreter?.state}`, (_key, s) => { if (s.call) this.facts(s); });
  }

  /** @param {string} name */
  tab(name) {
    return /** @type {HTMLButtonElement} */ (document.getElementById(`tab-${name}`));
  }

  /** @param {string} name */
  select(name) {
    for (const each of TABS) {
      const chosen = each === name;
      this.tab(each).setAttribute('aria-selected', String(chosen));
      this.tab(each).tabIndex = chosen ? 0 : -1;
      /** @type {HTMLElement} */ (document.getElementById(each)).hidden = !chosen;
    }
    if (name === 'documents') this.seen = this.list.children.length;
    this.documentsChanged();
  }

  documentsChanged() {
    const all = this.list.children.length;
    const writing = document.activeElement?.closest('#chat, #notes');
    if (all > (this.seen || 0) && !writing && this.tab('documents').getAttribute('aria-selected') !== 'true') {
      this.select('documents');
      return;
    }
    if (this.tab('documents').getAttribute('aria-selected') === 'true') this.seen = all;
    const unseen = all - (this.seen || 0);
    this.count.textContent = String(unseen);
    this.count.hidden = unseen <= 0;
  }

  /** @param {ConsoleState} s */
  open(s) {
    this.startedAt = Date.now();
    this.seen = 0;
    this.notes.value = '';
    this.select('chat');
    this.facts(s);
    clearInterval(this.timer);
    this.timer = window.setInterval(() => this.tick(), 1000);
    this.tick();
  }

  close() {
    clearInterval(this.timer);
    this.notes.value = ''; // never kept: notes can hold what the customer told
  }

  /** @param {ConsoleState} s */
  facts(s) {
    const call = /** @type {import('../state.js').Call} */ (s.call);
    const set = (/** @type {string} */ id, /** @type {string} */ text) => {
      /** @type {HTMLElement} */ (document.getElementById(id)).textContent = text;
    };
    set('fact-agency', agencyName(s.agencies, call.agency));
    set('fact-language', languageName(call.language));
    const wanted = s.interpreter?.language || call.needs || call.interpreting;
    set('fact-interpreter', wanted ? interpreterLanguageName(wanted) : t('console.no_interpreter'));
    set('fact-kind', call.kind ? t(`kind.${call.kind}`) : '–');
  }

  tick() {
    const seconds = Math.floor((Date.now() - this.startedAt) / 1000);
    const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    /** @type {HTMLElement} */ (document.getElementById('fact-time')).textContent = text;
  }
}
