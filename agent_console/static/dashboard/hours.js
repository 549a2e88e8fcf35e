// The service hours section: which agencies serve at each point now, weekly hours (a
// pilot is weekly hours with a validity period) and exceptions (a holiday, a closed day,
// other hours), through the supervisor API (POST /hours, POST /exceptions). What an
// agency's supervisor may change is the API's to decide; a refusal is shown as it says.
import { language, t } from '/console/i18n.js';
import { option, refusal, weekdayName } from './dom.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const value = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ ($(id)).value;

export function initHours() {
  /** @type {any} */
  let catalogue = null;
  /** @type {{role: string, agencies: string[]}|null} */
  let viewer = null;

  /** @param {string} path @param {Record<string, unknown>} body @param {HTMLFormElement} form */
  async function save(path, body, form) {
    const said = $('hours-said');
    const response = await fetch(`/api/supervisor/${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    said.className = response.ok ? '' : 'error';
    said.textContent = response.ok ? t('hours.saved') : t('hours.refused', { error: refusal(form, answer, response.status) });
    if (response.ok) await refresh();
  }

  async function refresh() {
    catalogue = await (await fetch('/api/supervisor/catalogue')).json().catch(() => null);
    draw();
  }

  function draw() {
    if (!catalogue) return;
    const names = Object.fromEntries(catalogue.agencies.map((/** @type {any} */ a) => [a.code, a.names]));
    $('open-now').querySelector('tbody')?.replaceChildren(...catalogue.open_now.map((/** @type {any} */ o) => {
      const tr = document.createElement('tr');
      for (const text of [o.point || '', names[o.agency]?.[language()] || o.agency, o.open ? t('hours.open') : t('hours.closed')]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }));
    // The forms in the page's language, keeping what the user has chosen in them.
    const checked = new Set([...document.querySelectorAll('#weekday-boxes input:checked')].map((b) => /** @type {HTMLInputElement} */ (b).value));
    const boxes = [0, 1, 2, 3, 4, 5, 6].map((n) => { // the API's weekdays: 0 = Monday
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'weekday';
      box.value = String(n);
      box.checked = checked.has(box.value);
      label.append(box, weekdayName(n + 1)); // the API's 0 is Monday
      return label;
    });
    $('weekday-boxes').replaceChildren(...boxes);
    for (const [id, optional] of [['hours', false], ['exception', true]]) {
      const point = /** @type {HTMLSelectElement} */ ($(`${id}-point`));
      const agency = /** @type {HTMLSelectElement} */ ($(`${id}-agency`));
      const chosen = [point.value, agency.value];
      point.replaceChildren(...(optional ? [option('', t('reports.all_points'))] : []),
        ...catalogue.points.map((/** @type {any} */ p) => option(p.name, p.name)));
      const reachable = catalogue.agencies.filter((/** @type {any} */ a) => viewer?.role !== 'supervisor' || viewer.agencies.includes(a.code));
      agency.replaceChildren(...(optional ? [option('', t('costs.all_agencies'))] : []),
        ...reachable.map((/** @type {any} */ a) => option(a.code, a.names[language()] || a.code)));
      if (chosen[0] && [...point.options].some((o) => o.value === chosen[0])) point.value = chosen[0];
      if (chosen[1] && [...agency.options].some((o) => o.value === chosen[1])) agency.value = chosen[1];
    }
  }

  $('hours-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const weekdays = [...document.querySelectorAll('#weekday-boxes input:checked')].map((b) => Number(/** @type {HTMLInputElement} */ (b).value));
    if (!weekdays.length) {
      $('hours-said').className = 'error';
      $('hours-said').textContent = t('hours.no_weekday');
      return;
    }
    save('hours', {
      point: value('hours-point'), agency: value('hours-agency'), weekdays,
      opens: value('hours-opens'), closes: value('hours-closes'),
      valid_from: value('hours-from') || null, valid_until: value('hours-until') || null,
    }, /** @type {HTMLFormElement} */ ($('hours-form')));
  });
  $('exception-form').addEventListener('submit', (event) => {
    event.preventDefault();
    save('exceptions', {
      day: value('exception-day'), point: value('exception-point') || null, agency: value('exception-agency') || null,
      opens: value('exception-opens') || null, closes: value('exception-closes') || null, note: value('exception-note'),
    }, /** @type {HTMLFormElement} */ ($('exception-form')));
  });

  return {
    /** @param {{role: string, agencies: string[]}} me */
    async load(me) {
      viewer = me;
      await refresh();
    },
    redraw: draw,
  };
}
