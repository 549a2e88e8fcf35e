// Injected before any page script: getUserMedia returns a 640x480 canvas stream at 30 fps
// whose frames carry their capture time, plus the clicked tone of bench/audio.py
// (bench/mouth.js; each click's time in __bench.mouths), so that the receiving side can
// measure latency; and every remote audio track is listened to for those clicks (the
// time each reached the page, in __bench.ears). Applied alike to the project's console
// and the anchor's pages.
(() => {
  const WIDTH = 640;
  const HEIGHT = 480;
  const BLOCK = 16;
  const PER_ROW = 24;
  const MOD = 2 ** 40;
  window.__bench = { latencies: [], decodedLatencies: [], unreadable: 0, firstFrameAt: null, lastFrameAt: null, resumedAt: null, frames: 0, events: [], displayed: [], mouths: [], ears: [] };
  const ONSET_LEVEL = 0.4;
  const QUIET_MS = 300;
  function draw(ctx, frame) {
    const colours = ['#ebebeb', '#ebeb10', '#10ebeb', '#10eb10', '#eb10eb', '#eb1010', '#1010eb', '#101010'];
    const shift = (frame * 4) % WIDTH;
    colours.forEach((c, i) => {
      ctx.fillStyle = c;
      const x = (i * WIDTH / colours.length + WIDTH - shift) % WIDTH;
      ctx.fillRect(x, 0, WIDTH / colours.length, HEIGHT);
      ctx.fillRect(x - WIDTH, 0, WIDTH / colours.length, HEIGHT);
    });
    const ms = Date.now() % MOD;
    let checksum = 0;
    let rest = ms;
    for (let i = 0; i < 5; i++) { checksum += rest % 256; rest = Math.floor(rest / 256); }
    let word = ms * 256 + (checksum % 256);
    const bits = [];
    for (let i = 0; i < 48; i++) { bits.unshift(word % 2); word = Math.floor(word / 2); }
    bits.forEach((bit, i) => {
      ctx.fillStyle = bit ? '#fff' : '#000';
      ctx.fillRect((i % PER_ROW) * BLOCK, Math.floor(i / PER_ROW) * BLOCK, BLOCK, BLOCK);
    });
  }
  // The CPU windows (__benchMeasure false) measure each kiosk with its own stand-in
  // devices, which hand over pictures in the camera's own format as a real camera does:
  // Chromium's fake camera and microphone (--use-fake-device-for-media-stream) here, the
  // test pattern drawn in I420 and the tone at the Python kiosk (media/sources.py).
  if (window.__benchMeasure === false) return;
  navigator.mediaDevices.getUserMedia = async () => {
    const canvas = document.createElement('canvas');
    canvas.width = WIDTH;
    canvas.height = HEIGHT;
    const ctx = canvas.getContext('2d');
    let frame = 0;
    draw(ctx, frame);
    setInterval(() => draw(ctx, ++frame), 1000 / 30);
    const stream = canvas.captureStream(30);
    const audio = new AudioContext();
    const source = new Blob([window.__benchMouth], { type: 'text/javascript' });
    await audio.audioWorklet.addModule(URL.createObjectURL(source));
    const mouth = new AudioWorkletNode(audio, 'bench-mouth');
    mouth.port.onmessage = (event) => window.__bench.mouths.push(event.data);
    const out = audio.createMediaStreamDestination();
    mouth.connect(out);
    await audio.resume();
    stream.addTrack(out.stream.getAudioTracks()[0]);
    return stream;
  };
  /** The ear: the time each chunk holding a click's onset comes out of a remote track. */
  async function listen(track) {
    if (window.__benchMeasure === false) return; // the CPU windows: the page's own work only
    const reader = new MediaStreamTrackProcessor({ track }).readable.getReader();
    let lastLoud = -Infinity;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const now = Date.now();
      const samples = new Float32Array(value.numberOfFrames);
      value.copyTo(samples, { planeIndex: 0, format: 'f32-planar' });
      value.close();
      let peak = 0;
      for (const s of samples) peak = Math.max(peak, Math.abs(s));
      if (peak < ONSET_LEVEL) continue;
      if (now - lastLoud >= QUIET_MS) window.__bench.ears.push(now);
      lastLoud = now;
    }
  }
  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      this.addEventListener('track', (event) => {
        if (event.track.kind === 'audio') listen(event.track);
      });
    }
  };
})();
