// Real-time text in the call: every member's lines in the server's order, and a line to
// send. For customers who cannot hear or speak; nothing of it is kept after the call.

const WHO = { kiosk: 'Customer', clerk: 'Official', interpreter: 'Interpreter' };

export class ChatView {
  /**
   * @param {import('../store.js').Store<import('../state.js').ConsoleState>} store
   * @param {{onSend: (text: string) => boolean}} options
   */
  constructor(store, { onSend }) {
    this.log = /** @type {HTMLElement} */ (document.getElementById('chat-log'));
    const form = /** @type {HTMLFormElement} */ (document.getElementById('chat-form'));
    this.input = /** @type {HTMLInputElement} */ (document.getElementById('chat-input'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (text && onSend(text)) this.input.value = '';
    });
    /** @type {import('../state.js').ChatLine[]} */
    this.shown = [];
    store.subscribe((s) => s.chat, (lines) => this.render(lines));
    // What was typed in one call is not sent into the next.
    store.subscribe((s) => s.call?.call_id, () => { this.input.value = ''; });
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
    who.textContent = line.mine ? 'You' : WHO[/** @type {keyof typeof WHO} */ (line.role)] || line.role;
    const time = new Date(line.at * 1000).toLocaleTimeString('fi-FI', { hour: '2-digit', minute: '2-digit' });
    item.append(who, ` ${time}: `, line.text);
    this.log.append(item);
    item.scrollIntoView({ block: 'nearest' });
  }
}
