// Real-time text in the call: every member's lines in the server's order, what the others
// are writing as they write it, and a line to send that the others read as it is typed
// (EN 301 549 6.2.1.1). For customers who cannot hear or speak; nothing of it is kept
// after the call.

import { language, t } from '../i18n.js';

/** How long a change to the line waits before it goes out, at most: each character reaches
 * the others within 500 ms, with at most a few messages a second (a pace, not a debounce). */
export const DRAFT_PACE_MS = 200;

export class ChatView {
  /**
   * @param {import('../store.js').Store<import('../state.js').ConsoleState>} store
   * @param {{onSend: (text: string) => boolean, onDraft: (text: string) => void}} options
   */
  constructor(store, { onSend, onDraft }) {
    this.log = /** @type {HTMLElement} */ (document.getElementById('chat-log'));
    this.drafts = /** @type {HTMLElement} */ (document.getElementById('chat-drafts'));
    const form = /** @type {HTMLFormElement} */ (document.getElementById('chat-form'));
    this.input = /** @type {HTMLInputElement} */ (document.getElementById('chat-input'));
    this.onDraft = onDraft;
    /** The line as the others last got it. */
    this.sentDraft = '';
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.pace = null;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (text && onSend(text)) {
        this.forgetDraft(); // the line itself ends it for the others
        this.input.value = '';
      }
    });
    // A change goes out at once; the changes within DRAFT_PACE_MS after it go out
    // together when it has passed.
    this.input.addEventListener('input', () => { if (this.pace === null) this.sendDraft(); });
    /** @type {import('../state.js').ChatLine[]} */
    this.shown = [];
    store.subscribe((s) => s.chat, (lines) => this.render(lines));
    store.subscribe((s) => s.drafts, (drafts) => this.renderDrafts(drafts));
    // What was typed in one call is not sent into the next.
    store.subscribe((s) => s.call?.call_id, () => {
      this.forgetDraft();
      this.input.value = '';
    });
  }

  sendDraft() {
    this.pace = null;
    const text = this.input.value;
    if (text === this.sentDraft) return;
    this.sentDraft = text;
    this.onDraft(text);
    this.pace = setTimeout(() => this.sendDraft(), DRAFT_PACE_MS);
  }

  forgetDraft() {
    if (this.pace !== null) clearTimeout(this.pace);
    this.pace = null;
    this.sentDraft = '';
  }

  /** What the others are writing, in italics under the lines, until they send it.
   * @param {import('../state.js').Drafts} drafts */
  renderDrafts(drafts) {
    this.drafts.replaceChildren(...Object.entries(drafts).map(([member, { role, text }]) => {
      const item = document.createElement('li');
      item.dataset.member = member;
      const who = document.createElement('strong');
      who.textContent = t('console.is_writing', { who: t(`who.${role}`) });
      item.append(who, ` ${text}`);
      return item;
    }));
  }

  /** Lines only ever add up during a call; a new list that does not extend it is a new call.
   * @param {import('../state.js').ChatLine[]} lines */
  render(lines) {
    const extends_ = this.shown.length <= lines.length && this.shown.every((line, i) => line === lines[i]);
    if (!extends_) {
      this.log.replaceChildren();
      this.shown = [];
    }
    for (const line of lines.slice(this.shown.length)) this.add(line);
    this.shown = lines;
  }

  /** @param {import('../state.js').ChatLine} line */
  add(line) {
    const item = document.createElement('li');
    item.className = line.mine ? 'mine' : `from-${line.role}`;
    const who = document.createElement('strong');
    who.textContent = line.mine ? t('console.you') : t(`who.${line.role}`);
    const time = new Date(line.at * 1000).toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit' });
    item.append(who, ` ${time}: `, line.text);
    this.log.append(item);
    item.scrollIntoView({ block: 'nearest' });
  }
}
