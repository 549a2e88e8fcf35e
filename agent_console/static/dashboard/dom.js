// Small DOM pieces the dashboard's pages share.

/** A <select>'s choice. @param {string} value @param {string} label */
export function option(value, label) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}
