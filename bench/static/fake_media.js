// Injected before any page script: getUserMedia returns a 640x480 canvas stream at 30 fps
// whose frames carry their capture time, plus a tone, so that the receiving side can
// measure latency. Applied alike to the project's console and the anchor's pages.
(() => {
  const WIDTH = 640;
  const HEIGHT = 480;
  const BLOCK = 16;
  const PER_ROW = 24;
  const MOD = 2 ** 40;
  window.__bench = { latencies: [], decodedLatencies: [], unreadable: 0, firstFrameAt: null, lastFrameAt: null, resumedAt: null, frames: 0, events: [] };
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
    const osc = audio.createOscillator();
    osc.frequency.value = 440;
    const gain = audio.createGain();
    gain.gain.value = 0.2;
    const out = audio.createMediaStreamDestination();
    osc.connect(gain).connect(out);
    osc.start();
    stream.addTrack(out.stream.getAudioTracks()[0]);
    return stream;
  };
})();
