// Never miss a customer: while an offer (or an interpreter's invitation) waits, the tab's
// title and icon say so, the chime sounds, and, when the console is not the tab in view, a
// system notification appears (permission is asked for at login). A click on the
// notification brings the console forward.

const ICON = '/console/favicon.svg';
const ICON_CALLING = '/console/favicon-calling.svg';

export class Attention {
  constructor() {
    this.title = document.title;
    /** @type {Notification|null} */
    this.note = null;
    let link = /** @type {HTMLLinkElement|null} */ (document.querySelector('link[rel="icon"]'));
    if (!link) {
      link = document.createElement('link');
      link.rel = 'icon';
      document.head.append(link);
    }
    link.type = 'image/svg+xml';
    link.href = ICON;
    this.icon = link;
    // Looked at again: the page itself says everything, the notification is not needed.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.note?.close();
    });
  }

  /** The tab's own title, in another language. @param {string} title */
  rename(title) {
    this.title = title;
    if (!this.note && !document.title.startsWith('●')) document.title = title;
  }

  /** At login (a click: browsers ask only then). Nothing happens if it was answered before. */
  ask() {
    if ('Notification' in window && Notification.permission === 'default') {
      Notification.requestPermission().catch(() => {});
    }
  }

  /**
   * Something waits for the clerk's answer.
   * @param {string} title e.g. "A customer for you" @param {string} body who, and from where
   */
  call(title, body) {
    document.title = `● ${title} – ${this.title}`;
    this.icon.href = ICON_CALLING;
    if (document.visibilityState === 'visible') return;
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    this.note?.close();
    try {
      this.note = new Notification(title, { body, tag: 'remote-service', requireInteraction: true });
      this.note.onclick = () => {
        window.focus();
        this.note?.close();
      };
    } catch {
      this.note = null; // a browser that shows notifications only from a service worker
    }
  }

  /** Answered, expired or withdrawn: back to normal. */
  calm() {
    document.title = this.title;
    this.icon.href = ICON;
    this.note?.close();
    this.note = null;
  }
}
