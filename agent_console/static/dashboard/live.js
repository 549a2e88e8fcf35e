// The live section: each service point's kiosks, the queues, clerks and interpreters, as
// the server pushes them over a WebSocket (GET /api/supervisor/live upgraded): never polled.
import { clock, minutes, number, t } from '/console/i18n.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const DEVICES = ['camera', 'microphone', 'speaker', 'document_camera'];
/** Whether the viewer may ask kiosks for a self-test (operators: the API's table says). */
let mayTest = false;

/** @param {boolean} allowed */
export function allowSelfTests(allowed) {
  mayTest = allowed;
}

/** Keeps the live socket open, reconnecting after a pause when it drops. */
export class LiveFeed {
  /** @param {{onSnapshot: (s: any) => void, onState: (state: string) => void}} handlers */
  constructor(handlers) {
    this.handlers = handlers;
    /** @type {WebSocket|null} */
    this.ws = null;
    this.stopped = true;
    this.attempt = 0;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    this.ws?.close();
  }

  open() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/api/supervisor/live`);
    this.ws = ws;
    ws.onopen = () => { this.attempt = 0; this.handlers.onState('live'); };
    ws.onmessage = (event) => this.handlers.onSnapshot(JSON.parse(event.data));
    ws.onclose = () => {
      if (this.stopped) return;
      this.handlers.onState('reconnecting');
      const wait = Math.min(5000, 500 * 2 ** this.attempt++);
      setTimeout(() => { if (!this.stopped) this.open(); }, wait);
    };
  }
}

/** Draw a snapshot (LiveSnapshot of the OpenAPI description). @param {any} snapshot */
export function renderLive(snapshot) {
  const rows = snapshot.queues.map((/** @type {any} */ q) => row([
    q.agency.toUpperCase(), number(q.waiting), minutes(q.longest_wait_s),
  ]));
  $('queues').querySelector('tbody')?.replaceChildren(...rows);
  $('no-queue').hidden = rows.length > 0;
  const clerks = snapshot.clerks;
  $('people').textContent = t('live.people', {
    available: number(clerks.available || 0),
    busy: number((clerks.busy || 0) + (clerks.offered || 0)),
    away: number(clerks.away || 0),
    interpreters: number((snapshot.interpreters.available || 0) + (snapshot.interpreters.in_call || 0)),
    calls: number(snapshot.calls),
  });
  $('points').replaceChildren(...snapshot.points.map(point));
}

/** @param {any} p */
function point(p) {
  const card = document.createElement('section');
  card.className = 'card point';
  const title = document.createElement('h3');
  title.textContent = p.name;
  const online = p.kiosks.filter((/** @type {any} */ k) => k.online).length;
  const summary = document.createElement('p');
  summary.className = 'summary';
  summary.textContent = t('live.kiosks_online', { online: number(online), all: number(p.kiosks.length) });
  const table = document.createElement('table');
  const head = document.createElement('thead');
  const titles = [t('live.kiosk'), t('live.state'), t('live.devices'), t('live.self_test')];
  if (mayTest) titles.push(t('live.actions'));
  head.append(row(titles, 'th'));
  const body = document.createElement('tbody');
  body.append(...p.kiosks.map(kiosk));
  table.append(head, body);
  card.append(title, summary, table);
  card.setAttribute('aria-label', p.name);
  return card;
}

/** @param {any} k */
function kiosk(k) {
  const state = document.createElement('span');
  state.className = 'state';
  state.dataset.activity = k.activity;
  state.textContent = t(`activity.${k.activity}`);
  const broken = k.devices ? DEVICES.filter((d) => ['failed', 'missing'].includes(k.devices[d])) : [];
  const devices = broken.length
    ? problem(broken.map((d) => t(`device.${d}`)).join(', '))
    : text(k.devices ? t('live.devices_ok') : '–');
  let tested = text(t('live.never_tested'));
  if (k.self_test) {
    tested = k.self_test.failed.length
      ? problem(t('live.self_test_failed', { at: clock(k.self_test.at), checks: k.self_test.failed.map((/** @type {string} */ c) => t(`check.${c}`)).join(', ') }))
      : text(t('live.self_test_passed', { at: clock(k.self_test.at) }));
  }
  const cells = [k.label, state, devices, tested];
  if (mayTest) cells.push(testButton(k.label));
  const line = row(cells);
  line.dataset.kiosk = k.label;
  return line;
}

/** A button that asks the kiosk for a self-test now (or when it next connects). @param {string} label */
function testButton(label) {
  const button = document.createElement('button');
  button.textContent = t('live.test_now');
  button.setAttribute('aria-label', t('live.test_kiosk', { kiosk: label }));
  button.addEventListener('click', async () => {
    button.disabled = true;
    const response = await fetch(`/api/supervisor/kiosks/${encodeURIComponent(label)}/self-test`, { method: 'POST' });
    const body = await response.json().catch(() => ({}));
    button.textContent = !response.ok ? t('live.test_refused')
      : body.connected ? t('live.test_asked') : t('live.test_when_back');
  });
  return button;
}

/** @param {(string|Node)[]} cells @param {'td'|'th'} [tag] */
function row(cells, tag = 'td') {
  const tr = document.createElement('tr');
  for (const content of cells) {
    const cell = document.createElement(tag);
    cell.append(content);
    tr.append(cell);
  }
  return tr;
}

/** @param {string} words */
function text(words) {
  const span = document.createElement('span');
  span.textContent = words;
  return span;
}

/** @param {string} words */
function problem(words) {
  const span = text(words);
  span.className = 'problem';
  return span;
}
