// The login form: POST /api/login, which sets an HttpOnly session cookie.

/**
 * @typedef {{unreachable: string, refused: (status: number, error: string) => string}} LoginTexts
 */

/**
 * @param {{onLoggedIn: (me: {name: string, agencies: string[], role: string}) => void,
 *          texts: () => LoginTexts}} options  texts: in the page's language, at the moment
 */
export function initLogin({ onLoggedIn, texts }) {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('login-form'));
  const error = /** @type {HTMLElement} */ (document.getElementById('login-error'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const data = new FormData(form);
    let response;
    try {
      response = await fetch('/api/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: data.get('username'), password: data.get('password') }),
      });
    } catch {
      showError(texts().unreachable);
      return;
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      showError(texts().refused(response.status, body.error || ''));
      return;
    }
    form.reset();
    onLoggedIn(body);
  });
  // The button works from now on: clicked before this script ran, the browser would have
  // submitted the form itself (index.html starts it disabled, and the form as a POST, so
  // that a password never lands in an address).
  /** @type {HTMLButtonElement} */ (form.querySelector('button[type=submit]')).disabled = false;

  /** @param {string} text */
  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }
}
