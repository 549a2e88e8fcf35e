// The list of customers waiting for the clerk's agencies, with live waiting times.

/** @typedef {{ticket: string, agency: string, language: string, point: string, queued_at: number}} QueueEntry */

const LANGUAGES = new Intl.DisplayNames(['en'], { type: 'language' });

/** @param {number} seconds */
export function formatWait(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Agency names by code, from the welcome message; the console is in English for now. */
const agencyNames = new Map();

/** @param {{code: string, names: Record<string, string>}[]} agencies */
export function setAgencies(agencies) {
  agencyNames.clear();
  for (const a of agencies) agencyNames.set(a.code, a.names.en || a.names.fi || a.code);
}

/** @param {string} code */
export function agencyName(code) {
  return agencyNames.get(code) || code;
}

export class QueueView {
  /** @param {{onTake: (ticket: string) => void}} options */
  constructor({ onTake }) {
    this.onTake = onTake;
    this.table = /** @type {HTMLTableElement} */ (document.getElementById('queue-table'));
    this.body = /** @type {HTMLElement} */ (this.table.querySelector('tbody'));
    this.empty = /** @type {HTMLElement} */ (document.getElementById('queue-empty'));
    this.error = /** @type {HTMLElement} */ (document.getElementById('queue-error'));
    /** @type {QueueEntry[]} */
    this.entries = [];
    setInterval(() => this.tick(), 1000);
  }

  /** @param {QueueEntry[]} entries */
  render(entries) {
    this.entries = entries;
    this.body.replaceChildren(...entries.map((entry) => this.row(entry)));
    this.table.hidden = entries.length === 0;
    this.empty.hidden = entries.length > 0;
    this.tick();
  }

  /** @param {QueueEntry} entry */
  row(entry) {
    const tr = document.createElement('tr');
    tr.dataset.ticket = entry.ticket;
    const cells = [agencyName(entry.agency), LANGUAGES.of(entry.language) || entry.language, entry.point, ''];
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    /** @type {HTMLElement} */ (tr.children[3]).className = 'wait';
    const action = document.createElement('td');
    const take = document.createElement('button');
    take.className = 'primary take';
    take.textContent = 'Take';
    take.addEventListener('click', () => { take.disabled = true; this.onTake(entry.ticket); });
    action.append(take);
    tr.append(action);
    return tr;
  }

  tick() {
    const now = Date.now() / 1000;
    this.entries.forEach((entry, i) => {
      const cell = this.body.children[i]?.querySelector('.wait');
      if (cell) cell.textContent = formatWait(now - entry.queued_at);
    });
  }

  /** @param {string} text */
  showError(text) {
    this.error.textContent = text;
    this.error.hidden = !text;
    for (const button of this.body.querySelectorAll('button')) /** @type {HTMLButtonElement} */ (button).disabled = false;
  }
}
