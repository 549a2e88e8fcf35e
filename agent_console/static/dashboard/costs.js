// The cost-sharing section: transactions served per month, point and agency (GET
// /api/supervisor/costs), with the same figures to download as CSV or an Excel workbook.
import { language, number, t } from '/console/i18n.js';
import { accepted, refusal } from './dom.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const FIGURES = ['served', 'handled', 'transferred', 'abandoned', 'no_clerk', 'connection_lost'];

export function initCosts() {
  const form = /** @type {HTMLFormElement} */ ($('costs-form'));
  const from = /** @type {HTMLInputElement} */ ($('costs-from'));
  const to = /** @type {HTMLInputElement} */ ($('costs-to'));
  const agency = /** @type {HTMLSelectElement} */ ($('costs-agency'));
  const lastMonth = new Date();
  lastMonth.setDate(1);
  lastMonth.setMonth(lastMonth.getMonth() - 1);
  const month = `${lastMonth.getFullYear()}-${String(lastMonth.getMonth() + 1).padStart(2, '0')}`;
  from.value = to.value = month;
  /** @type {any} */
  let shown = null;

  function query() {
    const params = new URLSearchParams({ from: from.value, to: to.value });
    if (agency.value) params.set('agency', agency.value);
    return params;
  }

  async function show() {
    $('costs-error').hidden = true;
    const params = query();
    const response = await fetch(`/api/supervisor/costs?${params}`);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      $('costs-error').textContent = t('costs.refused', { error: refusal(form, body, response.status) });
      $('costs-error').hidden = false;
      return;
    }
    accepted(form);
    shown = body;
    draw();
    for (const format of ['csv', 'xlsx']) {
      params.set('format', format);
      /** @type {HTMLAnchorElement} */ ($(`download-${format}`)).href = `/api/supervisor/costs?${params}`;
    }
  }

  function draw() {
    if (!shown) return;
    const rows = shown.rows.map((/** @type {any} */ r) => {
      const tr = document.createElement('tr');
      for (const cell of [r.month, r.point, r.agency.toUpperCase(), ...FIGURES.map((f) => number(r[f]))]) {
        const td = document.createElement('td');
        td.textContent = cell;
        tr.append(td);
      }
      return tr;
    });
    $('costs').querySelector('tbody')?.replaceChildren(...rows);
    $('costs-total').textContent = number(shown.served);
  }

  form.addEventListener('submit', (event) => { event.preventDefault(); show(); });
  return {
    /**
     * The agencies the caller reaches, then last month's figures.
     * @param {{role: string, agencies: string[]}} me  a supervisor chooses among their own
     */
    async load(me) {
      const catalogue = await (await fetch('/api/supervisor/catalogue')).json().catch(() => null);
      for (const entry of catalogue?.agencies || []) {
        if (me.role === 'supervisor' && !me.agencies.includes(entry.code)) continue;
        const option = document.createElement('option');
        option.value = entry.code;
        option.textContent = entry.names[language()] || entry.code;
        agency.append(option);
      }
      await show();
    },
    redraw: draw,
  };
}
