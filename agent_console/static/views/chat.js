// Real-time text in the call: every member's lines in the server's order, and a line to
// send. For customers who cannot hear or speak; nothing of it is kept after the call.

const WHO = { kiosk: 'Customer', clerk: 'Official', interpreter: 'Interpreter' };

export class ChatView {
  /** @param {{onSend: (text: string) => boolean}} options */
  constructor({ onSend }) {
    this.log = /** @type {HTMLElement} */ (document.getElementById('chat-log'));
    const form = /** @type {HTMLFormElement} */ (document.getElementById('chat-form'));
    this.input = /** @type {HTMLInputElement} */ (document.getElementById('chat-input'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.input.value.trim();
      if (text && onSend(text)) this.input.value = '';
    });
  }

  /** @param {{from: string, role: string, text: string, at: number}} line @param {boolean} mine */
  add(line, mine) {
    const item = document.createElement('li');
    item.className = mine ? 'mine' : `from-${line.role}`;
    const who = document.createElement('strong');
    who.textContent = mine ? 'You' : WHO[/** @type {keyof typeof WHO} */ (line.role)] || line.role;
    const time = new Date(line.at * 1000).toLocaleTimeString('fi-FI', { hour: '2-digit', minute: '2-digit' });
    item.append(who, ` ${time}: `, line.text);
    this.log.append(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  clear() {
    this.log.replaceChildren();
    this.input.value = '';
  }
}
