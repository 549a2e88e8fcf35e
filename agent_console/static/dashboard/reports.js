// The reports section: a period's use of remote service at a point, for an agency, as the
// usage report counts it (GET /api/supervisor/report): key figures, contacts per day (a
// uPlot chart) and per hour of the week (a table shaded by count: is an extended evening
// used?), and feedback.
import uPlot from '/console/vendor/uplot/uPlot.esm.js';
import { language, minutes, number, t } from '/console/i18n.js';
import { accepted, isoDay, option, refusal, weekdayName } from './dom.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** The hours the week's table shows: when service points may be open. */
const HOURS = Array.from({ length: 14 }, (_, n) => n + 7);

export function initReports() {
  const form = /** @type {HTMLFormElement} */ ($('reports-form'));
  const from = /** @type {HTMLInputElement} */ ($('reports-from'));
  const to = /** @type {HTMLInputElement} */ ($('reports-to'));
  const point = /** @type {HTMLSelectElement} */ ($('reports-point'));
  const agency = /** @type {HTMLSelectElement} */ ($('reports-agency'));
  const today = new Date();
  const first = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  const next = new Date(today.getFullYear(), today.getMonth(), 1);
  from.value = isoDay(first);
  to.value = isoDay(next);
  /** @type {any} */
  let shown = null;
  /** @type {uPlot|null} */
  let chart = null;

  async function show() {
    $('reports-error').hidden = true;
    const params = new URLSearchParams({ from: from.value, to: to.value });
    if (point.value) params.set('point', point.value);
    if (agency.value) params.set('agency', agency.value);
    const response = await fetch(`/api/supervisor/report?${params}`);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      $('reports-error').textContent = t('costs.refused', { error: refusal(form, body, response.status) });
      $('reports-error').hidden = false;
      return;
    }
    accepted(form);
    shown = body;
    draw();
  }

  function draw() {
    if (!shown) return;
    const r = shown;
    const outcomes = r.by_outcome;
    const interpreting = Object.values(r.interpreting).reduce((sum, i) => sum + /** @type {any} */ (i).minutes, 0);
    const figures = [
      ['reports.contacts', number(r.contacts)],
      ['reports.handled', number((outcomes.handled || 0) + (outcomes.transferred || 0))],
      ['reports.abandoned', number((outcomes.abandoned || 0) + (outcomes.no_clerk || 0))],
      ['reports.lost', number(outcomes.connection_lost || 0)],
      ['reports.median_wait', r.median_wait_s == null ? '–' : minutes(r.median_wait_s)],
      ['reports.p90_wait', r.wait_p90_s == null ? '–' : minutes(r.wait_p90_s)],
      ['reports.handling', r.median_handling_s == null ? '–' : minutes(r.median_handling_s)],
      ['reports.documents', number(r.documents)],
      ['reports.interpreting', t('unit.minutes', { n: number(Math.round(interpreting)) })],
    ];
    $('figures').replaceChildren(...figures.map(([key, value]) => {
      const item = document.createElement('div');
      const term = document.createElement('dt');
      term.textContent = t(key);
      const figure = document.createElement('dd');
      figure.textContent = value;
      figure.dataset.figure = key;
      item.append(term, figure);
      return item;
    }));
    drawWeek(r.by_weekday_and_hour);
    chart?.destroy();
    chart = perDay(r.by_day);
    const ratings = Object.entries(r.feedback).map(([code, f]) => t('reports.rating', {
      agency: code.toUpperCase(), mean: number(/** @type {any} */ (f).mean), count: number(/** @type {any} */ (f).count),
    }));
    $('feedback').textContent = ratings.length ? ratings.join(' · ') : t('reports.no_feedback');
    const reasons = Object.entries(r.feedback_reasons).sort(([, a], [, b]) => b - a);
    $('feedback-reasons').hidden = !reasons.length;
    $('feedback-reasons').querySelector('tbody')?.replaceChildren(...reasons.map(([reason, count]) => {
      const tr = row([t(`reason.${reason}`), number(count)]);
      tr.dataset.reason = reason;
      return tr;
    }));
    // Every point with contacts, the worst first: a point whose link cuts calls stands out.
    const share = new Intl.NumberFormat(language(), { style: 'percent', maximumFractionDigits: 1 });
    const points = Object.entries(r.by_point).map(([name, contacts]) => {
      const lost = r.connection_lost_by_point[name] || 0;
      return { name, contacts, lost };
    }).sort((a, b) => b.lost / b.contacts - a.lost / a.contacts || a.name.localeCompare(b.name));
    $('lost-by-point').querySelector('tbody')?.replaceChildren(...points.map((p) => {
      const tr = row([p.name, number(p.lost), number(p.contacts), share.format(p.lost / p.contacts)]);
      tr.dataset.point = p.name;
      return tr;
    }));
  }

  /** @param {Record<string, Record<string, number>>} week */
  function drawWeek(week) {
    const all = Object.values(week).flatMap((hours) => Object.values(hours));
    const most = Math.max(1, ...all);
    const head = document.createElement('tr');
    head.append(cell('th', ''), ...HOURS.map((h) => cell('th', String(h), 'col')));
    const rows = [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
      const tr = document.createElement('tr');
      tr.append(cell('th', weekdayName(weekday), 'row'));
      for (const hour of HOURS) {
        const n = week[String(weekday)]?.[String(hour)] || 0;
        const td = cell('td', number(n));
        td.dataset.level = String(n === 0 ? 0 : Math.ceil((n / most) * 4));
        td.dataset.slot = `${weekday}-${hour}`;
        tr.append(td);
      }
      return tr;
    });
    const table = /** @type {HTMLTableElement} */ ($('week'));
    const caption = document.createElement('caption');
    caption.className = 'muted';
    caption.textContent = t('reports.week_caption');
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    tbody.append(...rows);
    table.replaceChildren(caption, thead, tbody);
  }

  /** @param {Record<string, number>} days */
  function perDay(days) {
    const dates = Object.keys(days);
    const container = $('per-day');
    container.replaceChildren();
    if (!dates.length) return null;
    const x = dates.map((d) => Date.parse(`${d}T12:00:00`) / 1000);
    const y = dates.map((d) => days[d]);
    const width = Math.max(320, container.clientWidth || 800);
    const dayMonth = new Intl.DateTimeFormat(language(), { day: 'numeric', month: 'numeric' });
    return new uPlot({
      width,
      height: 220,
      legend: { show: false },
      scales: { x: { time: true, range: (_u, min, max) => [min - 43200, max + 43200] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      series: [{}, { label: t('reports.contacts'), stroke: '#003580', fill: 'rgba(0,53,128,0.25)', points: { show: false }, paths: uPlot.paths.bars?.({ size: [0.6, 40] }) }],
      axes: [
        { values: (_u, ticks) => ticks.map((v) => dayMonth.format(new Date(v * 1000))) },
        { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500], values: (_u, ticks) => ticks.map((v) => number(v)) },
      ],
    }, [x, y], container);
  }

  form.addEventListener('submit', (event) => { event.preventDefault(); show(); });
  return {
    /**
     * The points and the agencies the caller reaches, then last month's report.
     * @param {{role: string, agencies: string[], point?: string|null}} me  a coordinator
     *   sees their own point, a supervisor chooses among their own agencies
     */
    async load(me) {
      const catalogue = await (await fetch('/api/supervisor/catalogue')).json().catch(() => null);
      if (me.point) point.replaceChildren();
      for (const entry of catalogue?.points || []) {
        if (!me.point || entry.name === me.point) point.append(option(entry.name, entry.name));
      }
      for (const entry of catalogue?.agencies || []) {
        if (me.role === 'supervisor' && !me.agencies.includes(entry.code)) continue;
        agency.append(option(entry.code, entry.names[language()] || entry.code));
      }
      await show();
    },
    redraw: draw,
  };
}

/** A table row: its first cell the row's header. @param {string[]} texts */
function row(texts) {
  const tr = document.createElement('tr');
  tr.append(cell('th', texts[0], 'row'), ...texts.slice(1).map((text) => {
    const figure = cell('td', text);
    figure.className = 'number';
    return figure;
  }));
  return tr;
}

/** @param {'td'|'th'} tag @param {string} text @param {string} [scope] */
function cell(tag, text, scope) {
  const element = document.createElement(tag);
  element.textContent = text;
  if (scope) element.setAttribute('scope', scope);
  return element;
}
