// The supervisors' and operators' dashboard: who is logged in, which section shows, and
// the live feed's socket. What each section draws is live.js's and costs.js's.
import { initLogin } from '/console/views/login.js';
import { preferredLanguage, t, useLanguage } from '/console/i18n.js';
import { LiveFeed, allowSelfTests, renderLive } from './live.js';
import { initCosts } from './costs.js';
import { initReports } from './reports.js';
import { initBooking } from './booking.js';
import { initKiosks } from './kiosks.js';
import { initHours } from './hours.js';
import { initClerks } from './clerks.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @type {any} */
let lastLive = null;
const feed = new LiveFeed({
  onSnapshot: (snapshot) => { lastLive = snapshot; renderLive(snapshot); },
  onState: (state) => {
    $('feed').dataset.state = state;
    $('feed').textContent = t(`feed.${state}`);
  },
});
const costs = initCosts();
const reports = initReports();
const booking = initBooking();
const kiosks = initKiosks();
const hours = initHours();
const clerks = initClerks();

const SECTIONS = /** @type {const} */ (['live', 'reports', 'costs', 'booking', 'hours', 'clerks', 'kiosks']);
/**
 * What each role finds here (the API decides what each may do; a page it may not use is
 * not shown): a coordinator their point's figures; a clerk books appointments for their
 * agencies' customers; an interpreter nothing.
 * @type {Record<string, typeof SECTIONS[number][]>}
 */
const SECTIONS_FOR = {
  admin: [...SECTIONS],
  supervisor: ['live', 'reports', 'costs', 'booking', 'hours', 'clerks'],
  coordinator: ['live', 'reports', 'costs'],
  clerk: ['booking'],
};

/** @param {{name: string, role: string, agencies: string[], point?: string|null}} me */
function enter(me) {
  $('login-view').hidden = true;
  $('who').textContent = me.name;
  $('logout').hidden = false;
  const sections = SECTIONS_FOR[me.role];
  if (!sections) {
    $('not-for-you').hidden = false;
    return;
  }
  $('tabs').hidden = false;
  for (const section of SECTIONS) $(`tab-${section}`).hidden = !sections.includes(section);
  allowSelfTests(me.role === 'admin' || me.role === 'coordinator'); // a coordinator: their point's
  show(sections[0]);
  const loads = {
    live: () => feed.start(),
    reports: () => reports.load(me),
    costs: () => costs.load(me),
    booking: () => booking.load(me),
    hours: () => hours.load(me),
    clerks: () => clerks.load(me),
    kiosks: () => kiosks.load(),
  };
  for (const section of sections) loads[section]();
}

/** @param {typeof SECTIONS[number]} section */
function show(section) {
  for (const each of SECTIONS) {
    $(`${each}-view`).hidden = each !== section;
    $(`tab-${each}`).setAttribute('aria-pressed', String(each === section));
  }
  if (section === 'reports') reports.redraw(); // the chart takes the width it now has
}

for (const section of SECTIONS) $(`tab-${section}`).addEventListener('click', () => show(section));
$('logout').addEventListener('click', async () => {
  feed.stop();
  await fetch('/api/logout', { method: 'POST' });
  location.reload();
});
const picker = /** @type {HTMLSelectElement} */ ($('language'));
picker.addEventListener('change', async () => {
  await useLanguage(picker.value);
  $('feed').textContent = t(`feed.${$('feed').dataset.state}`);
  if (lastLive) renderLive(lastLive);
  costs.redraw();
  booking.redraw();
  hours.redraw();
  reports.redraw();
});

(async () => {
  const language = preferredLanguage();
  picker.value = language;
  await useLanguage(language);
  $('feed').textContent = t('feed.offline');
  initLogin({
    onLoggedIn: enter,
    texts: () => ({
      unreachable: t('login.unreachable'),
      refused: (status) => t(status === 401 ? 'login.wrong' : 'login.failed', { status }),
    }),
  });
  const response = await fetch('/api/me').catch(() => null);
  if (response && response.ok) enter(await response.json());
  else $('login-view').hidden = false;
})();
