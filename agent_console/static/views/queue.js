// The queues of the clerk's agencies: a summary per queue and everyone waiting, next
// first, with live waiting times. Read-only: customers reach a clerk through offers.

import { agencyName, formatWait, languageName } from '../names.js';
import { t } from '../i18n.js';

/** @typedef {import('../state.js').ConsoleState} ConsoleState */

export class QueueView {
  /** @param {import('../store.js').Store<ConsoleState>} store */
  constructor(store) {
    this.table = /** @type {HTMLTableElement} */ (document.getElementById('queue-table'));
    this.body = /** @type {HTMLElement} */ (this.table.querySelector('tbody'));
    this.summary = /** @type {HTMLElement} */ (document.getElementById('queue-summary'));
    this.empty = /** @type {HTMLElement} */ (document.getElementById('queue-empty'));
    this.error = /** @type {HTMLElement} */ (document.getElementById('queue-error'));
    /** @type {ConsoleState['queue']} */
    this.queue = { entries: [], queues: [] };
    /** @type {ConsoleState['agencies']} */
    this.agencies = [];
    store.subscribe((s) => s.queue, (queue, s) => this.render(queue, s.agencies));
    store.subscribe((s) => s.language, (_l, s) => this.render(s.queue, s.agencies));
    store.subscribe((s) => s.error, (error) => this.showError(error));
    setInterval(() => this.tick(), 1000);
  }

  /** @param {ConsoleState['queue']} queue @param {ConsoleState['agencies']} agencies */
  render(queue, agencies) {
    this.queue = queue;
    this.agencies = agencies;
    this.body.replaceChildren(...queue.entries.map((entry, i) => this.row(entry, i + 1)));
    this.table.hidden = queue.entries.length === 0;
    this.empty.hidden = queue.entries.length > 0;
    this.tick();
  }

  /** @param {import('../state.js').QueueEntry} entry @param {number} place */
  row(entry, place) {
    const tr = document.createElement('tr');
    tr.dataset.ticket = entry.ticket;
    const cells = [String(place), agencyName(this.agencies, entry.agency), languageName(entry.language), entry.point,
      t(`kind.${entry.kind}`), ''];
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    /** @type {HTMLElement} */ (tr.children[4]).className = `kind-${entry.kind}`;
    /** @type {HTMLElement} */ (tr.children[5]).className = 'wait';
    return tr;
  }

  tick() {
    const now = Date.now() / 1000;
    this.queue.entries.forEach((entry, i) => {
      const cell = this.body.children[i]?.querySelector('.wait');
      if (cell) cell.textContent = formatWait(now - entry.queued_at);
    });
    this.summary.replaceChildren(...this.queue.queues.map((q) => {
      const li = document.createElement('li');
      const count = document.createElement('strong');
      count.textContent = String(q.waiting);
      const label = `${agencyName(this.agencies, q.agency)}${q.language ? ` (${languageName(q.language)})` : ''}`;
      const oldest = q.oldest_queued_at ? t('console.longest', { wait: formatWait(now - q.oldest_queued_at) }) : '';
      li.append(count, `${label}${oldest}`);
      return li;
    }));
  }

  /** @param {string} text */
  showError(text) {
    this.error.textContent = text;
    this.error.hidden = !text;
  }
}
