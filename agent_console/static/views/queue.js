// The queues of the clerk's agencies: a summary per queue and everyone waiting, next
// first, with live waiting times. Read-only: customers reach a clerk through offers.

/** @typedef {{ticket: string, agency: string, language: string, point: string, queued_at: number, kind: string}} QueueEntry */
/** @typedef {{agency: string, language?: string, waiting: number, oldest_queued_at?: number}} QueueSummary */

const LANGUAGES = new Intl.DisplayNames(['en'], { type: 'language' });
const KINDS = { transferred: 'Transferred', appointment: 'Appointment', walk_in: 'Walk-in' };

/** Agency names by code, from the welcome message; the console is in English for now. */
const agencyNames = new Map();

/** @param {{code: string, names: Record<string, string>}[]} agencies */
export function setAgencies(agencies) {
  agencyNames.clear();
  for (const a of agencies) agencyNames.set(a.code, a.names.en || a.names.fi || a.code);
}

/** @returns {string[]} the clerk's agency codes */
export function agencyCodes() {
  return [...agencyNames.keys()];
}

/** @param {string} code */
export function agencyName(code) {
  return agencyNames.get(code) || code;
}

/** @param {string} code */
export function languageName(code) {
  return LANGUAGES.of(code) || code;
}

/** @param {number} seconds */
export function formatWait(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export class QueueView {
  constructor() {
    this.table = /** @type {HTMLTableElement} */ (document.getElementById('queue-table'));
    this.body = /** @type {HTMLElement} */ (this.table.querySelector('tbody'));
    this.summary = /** @type {HTMLElement} */ (document.getElementById('queue-summary'));
    this.empty = /** @type {HTMLElement} */ (document.getElementById('queue-empty'));
    this.error = /** @type {HTMLElement} */ (document.getElementById('queue-error'));
    /** @type {QueueEntry[]} */
    this.entries = [];
    /** @type {QueueSummary[]} */
    this.queues = [];
    setInterval(() => this.tick(), 1000);
  }

  /** @param {QueueEntry[]} entries @param {QueueSummary[]} queues */
  render(entries, queues) {
    this.entries = entries;
    this.queues = queues;
    this.body.replaceChildren(...entries.map((entry, i) => this.row(entry, i + 1)));
    this.table.hidden = entries.length === 0;
    this.empty.hidden = entries.length > 0;
    this.tick();
  }

  /** @param {QueueEntry} entry @param {number} place */
  row(entry, place) {
    const tr = document.createElement('tr');
    tr.dataset.ticket = entry.ticket;
    const cells = [String(place), agencyName(entry.agency), languageName(entry.language), entry.point,
      KINDS[/** @type {keyof typeof KINDS} */ (entry.kind)] || entry.kind, ''];
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
    this.entries.forEach((entry, i) => {
      const cell = this.body.children[i]?.querySelector('.wait');
      if (cell) cell.textContent = formatWait(now - entry.queued_at);
    });
    this.summary.replaceChildren(...this.queues.map((q) => {
      const li = document.createElement('li');
      const count = document.createElement('strong');
      count.textContent = String(q.waiting);
      const label = `${agencyName(q.agency)}${q.language ? ` (${languageName(q.language)})` : ''}`;
      const oldest = q.oldest_queued_at ? `, longest ${formatWait(now - q.oldest_queued_at)}` : '';
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
