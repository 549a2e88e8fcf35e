// The console's one notification sound, for offers and invitations.

/**
 * Two short tones: audible in a busy office, not alarming. Through ``player`` when given
 * (an element playing to the speaker chosen in the device check), else the default output.
 * @param {HTMLMediaElement} [player]
 */
export function chime(player) {
  try {
    const ctx = new AudioContext();
    /** @type {AudioNode} */
    let out = ctx.destination;
    if (player) {
      const stream = ctx.createMediaStreamDestination();
      out = stream;
      player.srcObject = stream.stream;
      player.play().catch(() => {});
    }
    [880, 1175].forEach((frequency, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.2, ctx.currentTime + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + i * 0.18 + 0.16);
      osc.connect(gain).connect(out);
      osc.start(ctx.currentTime + i * 0.18);
      osc.stop(ctx.currentTime + i * 0.18 + 0.17);
    });
    setTimeout(() => ctx.close(), 600);
  } catch {
    // No audio output: what is shown on the page is the notice.
  }
}
