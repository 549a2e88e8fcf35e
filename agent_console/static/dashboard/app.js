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
const ROLES = ['supervisor', 'coordinator', 'admin'];
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

/** @param {{name: string, role: string, agencies: string[], point?: string|null}} me */
function enter(me) {
  $('login-view').hidden = true;
  $('who').textContent = me.name;
  $('logout').hidden = false;
  if (!ROLES.includes(me.role)) {
    $('not-for-you').hidden = false;
    return;
  }
  $('tabs').hidden = false;
  allowSelfTests(me.role === 'admin' || me.role === 'coordinator'); // a coordinator: their point's
  show('live');
  feed.start();
  costs.load(me);
  reports.load(me);
  $('tab-booking').hidden = me.role === 'coordinator'; // booking is an agency's
  if (me.role !== 'coordinator') booking.load(me);
  $('tab-hours').hidden = me.role === 'coordinator';
  if (me.role !== 'coordinator') hours.load(me);
  $('tab-clerks').hidden = me.role === 'coordinator';
  if (me.role !== 'coordinator') clerks.load(me);
  $('tab-kiosks').hidden = me.role !== 'admin'; // enrolling and revoking: operators'
  if (me.role === 'admin') kiosks.load();
}

const SECTIONS = /** @type {const} */ (['live', 'reports', 'costs', 'booking', 'hours', 'clerks', 'kiosks']);

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
