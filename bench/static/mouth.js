// The stamped sound of bench/audio.py in Chromium: a quiet 440 Hz tone, and at every whole
// second of the wall clock a 20 ms burst of 1 kHz at 0.8 of full scale, whose hand-over
// time (Date.now() when the render quantum that starts it is produced) is posted to the
// page: the sender's "mouth".
const TONE_LEVEL = 0.05;
const CLICK_LEVEL = 0.8;
const CLICK_S = 0.02;
const PERIOD_MS = 1000;

class Mouth extends AudioWorkletProcessor {
  constructor() {
    super();
    this.tone = 0;
    this.click = 0;
    this.clickLeft = 0;
    this.nextClick = (Math.floor(Date.now() / PERIOD_MS) + 1) * PERIOD_MS;
  }

  process(_inputs, outputs) {
    const out = outputs[0][0];
    const now = Date.now();
    if (now >= this.nextClick) {
      this.nextClick = (Math.floor(now / PERIOD_MS) + 1) * PERIOD_MS;
      this.clickLeft = Math.round(sampleRate * CLICK_S);
      this.click = 0;
      this.port.postMessage(now);
    }
    for (let i = 0; i < out.length; i++) {
      this.tone += 2 * Math.PI * 440 / sampleRate;
      let sample = TONE_LEVEL * Math.sin(this.tone);
      if (this.clickLeft > 0) {
        this.click += 2 * Math.PI * 1000 / sampleRate;
        sample = CLICK_LEVEL * Math.sin(this.click);
        this.clickLeft -= 1;
      }
      out[i] = sample;
    }
    return true;
  }
}

registerProcessor('bench-mouth', Mouth);
