// The console's state in one place. Server messages and the clerk's actions change it
// (state.js says how); views subscribe to the part they show and never read each other.

/**
 * @template S
 */
export class Store {
  /** @param {S} initial */
  constructor(initial) {
    /** @type {S} */
    this.state = initial;
    /** @type {Set<(state: S) => void>} */
    this.listeners = new Set();
  }

  /** @returns {S} */
  get() {
    return this.state;
  }

  /**
   * Replace the state and tell every subscriber whose part changed. A subscriber that
   * changes the state itself is fine: everyone is then told the newest state.
   * @param {(state: S) => S} change
   */
  update(change) {
    const next = change(this.state);
    if (next === this.state) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener(this.state);
  }

  /** @param {Partial<S>} patch */
  set(patch) {
    this.update((state) => ({ ...state, ...patch }));
  }

  /**
   * Call `render` with the selected part now and whenever it changes (by identity: the
   * reducer makes a new object for every part it changes and keeps the others).
   * @template T
   * @param {(state: S) => T} select @param {(part: T, state: S) => void} render
   * @returns {() => void} unsubscribe
   */
  subscribe(select, render) {
    let last = select(this.state);
    render(last, this.state);
    /** @param {S} state */
    const listener = (state) => {
      const part = select(state);
      if (Object.is(part, last)) return;
      last = part;
      render(part, state);
    };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
