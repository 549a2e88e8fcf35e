// What the console shows, as one plain object, and how each server message changes it.
// Pure: no DOM, no sockets, no media (tests/test_console_modules.py runs it in Chromium).
// The call's media (peer connections, their health) is call-media.js's; it writes what
// the clerk should read about it here too, through the same store. What it says to the
// clerk is in their language at the moment it is said (i18n.js).

import { t } from './i18n.js';

/**
 * @typedef {{ticket: string, agency: string, language: string, point: string, queued_at: number, kind: string}} QueueEntry
 * @typedef {{agency: string, language?: string, waiting: number, oldest_queued_at?: number}} QueueSummary
 * @typedef {{entry: QueueEntry, expires_at: number, interpreter?: string|null}} Offer
 * @typedef {{invitation: string, language: string, agency: string, expires_at: number, requested_by: string}} Invitation
 * @typedef {{from: string, role: string, text: string, at: number, mine: boolean}} ChatLine
 * @typedef {Record<string, {role: string, text: string}>} Drafts  what each other member is writing now, by member id
 * @typedef {{state: string, language: string, invited?: number}} InterpreterStatus
 * @typedef {{call_id: string, agency: string, language: string, you: string, peers: any[],
 *            ice_servers: any[], ice_transport_policy?: string, interpreting?: string|null,
 *            kind?: string|null, needs?: string|null}} Call  kind and needs: from the offer accepted
 * @typedef {{banner: string, connecting: boolean, picture: string}} Health
 * @typedef {'full'|'reduced'|'stills'|'audio'|'text'} Step
 */

/**
 * @typedef {{
 *   me: {name: string, role: 'clerk'|'interpreter'} | null,
 *   connection: string,
 *   agencies: {code: string, names: Record<string, string>}[],
 *   status: 'available'|'away'|'offered'|'busy',
 *   wantAvailable: boolean,
 *   queue: {entries: QueueEntry[], queues: QueueSummary[]},
 *   offer: Offer | null,
 *   accepting: boolean,
 *   invitations: Invitation[],
 *   error: string,
 *   call: Call | null,
 *   step: Step,
 *   notice: string,
 *   health: Health,
 *   interpreter: InterpreterStatus | null,
 *   chat: ChatLine[],
 *   drafts: Drafts,
 *   paused: boolean,
 *   language: string,
 *   devices: {missing: string[], denied: boolean},
 * }} ConsoleState
 */

/** @type {Health} */
const HEALTHY = { banner: '', connecting: true, picture: '' };

/** @type {ConsoleState} */
export const INITIAL = {
  me: null,
  connection: 'offline',
  agencies: [],
  status: 'away',
  wantAvailable: false,
  queue: { entries: [], queues: [] },
  offer: null,
  accepting: false,
  invitations: [],
  error: '',
  call: null,
  step: 'full',
  notice: '',
  health: HEALTHY,
  interpreter: null,
  chat: [],
  drafts: {},
  paused: false,
  /** The console's language (i18n.js): views that write words write them again when it changes. */
  language: 'en',
  /** The clerk's own camera and microphone: which could not be opened, and whether the
   * browser refused them (devices.js). */
  devices: { missing: [], denied: false },
};

/** What a device the customer lost means for the clerk (call.notice codes). */

/** @param {ConsoleState} state @param {Call} call */
export function callStarted(state, call) {
  const offer = state.offer;
  return {
    ...state, call: { ...call, kind: offer?.entry.kind ?? null, needs: offer?.interpreter ?? null }, offer: null, accepting: false, invitations: [], error: '', step: /** @type {Step} */ ('full'),
    notice: '', health: HEALTHY, interpreter: null, chat: [], drafts: {},
  };
}

/** The call is over here, whoever ended it. @param {ConsoleState} state @param {string} [error] */
export function callOver(state, error = state.error) {
  return { ...state, call: null, step: /** @type {Step} */ ('full'), notice: '', health: HEALTHY, interpreter: null, chat: [], drafts: {}, error };
}

/** The drafts without ``member``'s. @param {Drafts} drafts @param {string} member */
function withoutDraft(drafts, member) {
  if (!(member in drafts)) return drafts;
  const { [member]: _gone, ...rest } = drafts;
  return rest;
}

/** What call-media.js sends by itself about a call, not at the clerk's hand. */
const MEDIA_REPORTS = new Set(['signal', 'call.media']);

/** @param {ConsoleState} state @param {any} m */
function inThisCall(state, m) {
  return state.call !== null && m.call_id === state.call.call_id;
}

/**
 * The state after one server message (protocol/messages.py names them). Messages about the
 * call's media (signal, call.member, call.peer_*) change nothing here: call-media.js
 * handles them and reports the call's health.
 * @param {ConsoleState} state @param {any} m @returns {ConsoleState}
 */
export function reduce(state, m) {
  switch (m.type) {
    case 'welcome':
      return {
        ...state,
        paused: false, // a server that accepted this connection accepts changes
        me: { name: m.name, role: m.role === 'interpreter' ? 'interpreter' : 'clerk' },
        agencies: m.agencies,
      };
    case 'clerk.state':
      return { ...state, status: m.status, wantAvailable: m.status === 'away' ? false : state.wantAvailable };
    case 'queue.snapshot':
      return { ...state, queue: { entries: m.entries, queues: m.queues } };
    case 'call.offer':
      return state.call ? state : { ...state, offer: m, accepting: false };
    case 'call.offer_withdrawn': {
      const shown = state.offer && state.offer.entry.ticket === m.ticket;
      return {
        ...state,
        offer: shown ? null : state.offer,
        error: m.reason === 'expired' ? t('console.offer_expired') : state.error,
      };
    }
    case 'call.started':
      return callStarted(state, m);
    case 'call.ice':
      return inThisCall(state, m)
        ? { ...state, call: { .../** @type {Call} */ (state.call), ice_servers: m.ice_servers, ice_transport_policy: m.ice_transport_policy } }
        : state;
    case 'interpreter.status':
      return inThisCall(state, m) ? { ...state, interpreter: m } : state;
    case 'chat':
      return inThisCall(state, m)
        ? {
            ...state,
            chat: [...state.chat, { from: m.from, role: m.role, text: m.text, at: m.at, mine: m.from === state.call?.you }],
            drafts: withoutDraft(state.drafts, m.from), // the line is written: no longer a draft
          }
        : state;
    case 'chat.draft':
      if (!inThisCall(state, m)) return state;
      return {
        ...state,
        drafts: m.text ? { ...state.drafts, [m.from]: { role: m.role, text: m.text } } : withoutDraft(state.drafts, m.from),
      };
    case 'call.peer_left':
      return inThisCall(state, m) ? { ...state, drafts: withoutDraft(state.drafts, m.member_id) } : state;
    case 'invitation':
      return state.invitations.some((i) => i.invitation === m.invitation)
        ? state : { ...state, invitations: [...state.invitations, m] };
    case 'invitation.withdrawn':
      return { ...state, invitations: state.invitations.filter((i) => i.invitation !== m.invitation) };
    case 'call.quality':
      return inThisCall(state, m) && m.member_id === 'kiosk' ? { ...state, step: m.step } : state;
    case 'call.notice':
      return inThisCall(state, m)
        ? { ...state, notice: t(`notice.${m.code}`) } : state;
    case 'call.ended':
      if (!inThisCall(state, m)) return state;
      return callOver(state, m.reason === 'connection_lost'
        ? t('console.cut_off')
        : state.error);
    case 'service':
      return { ...state, paused: m.state === 'paused' };
    case 'error':
      // The browser's own reports on a call's media can cross the call's end on the wire;
      // their refusal then is nothing the clerk did, and must not hide why the call ended.
      if (!state.call && MEDIA_REPORTS.has(m.in_reply_to)) return state;
      return { ...state, error: t(`error.${m.code}`), accepting: false };
    default:
      return state;
  }
}

/** Which screen the console shows. @param {ConsoleState} state @returns {'login'|'queue'|'call'} */
export function screen(state) {
  if (!state.me) return 'login';
  return state.call ? 'call' : 'queue';
}
