// Capture-time stamps in pictures, the same layout as media/stamp.py: 48 blocks of
// 16 x 16 px in two rows at the top left, 40 bits of Unix milliseconds and an 8-bit
// checksum. Arithmetic, not bit operators: JavaScript's are 32-bit.

const BLOCK = 16;
const PER_ROW = 24;
const BITS = 48;
const MOD = 2 ** 40;
/** A pause at least this long ends with a "resumed" time (the bench's outage recovery). */
const RESUMED_AFTER_MS = 500;

/** @param {number} ms */
function bitsOf(ms) {
  const value = ms % MOD;
  let checksum = 0;
  let rest = value;
  for (let i = 0; i < 5; i++) { checksum += rest % 256; rest = Math.floor(rest / 256); }
  checksum %= 256;
  const bits = [];
  let word = value * 256 + checksum;
  for (let i = 0; i < BITS; i++) { bits.unshift(word % 2); word = Math.floor(word / 2); }
  return bits;
}

/** @param {CanvasRenderingContext2D} ctx @param {number} ms */
export function drawStamp(ctx, ms) {
  bitsOf(ms).forEach((bit, i) => {
    ctx.fillStyle = bit ? '#fff' : '#000';
    ctx.fillRect((i % PER_ROW) * BLOCK, Math.floor(i / PER_ROW) * BLOCK, BLOCK, BLOCK);
  });
}

/** @param {ImageData} image the top-left 384 x 32 pixels @returns {number|null} */
export function readStamp(image) {
  const bits = [];
  for (let i = 0; i < BITS; i++) {
    const x0 = (i % PER_ROW) * BLOCK + BLOCK / 4;
    const y0 = Math.floor(i / PER_ROW) * BLOCK + BLOCK / 4;
    let sum = 0;
    for (let y = y0; y < y0 + BLOCK / 2; y++) {
      for (let x = x0; x < x0 + BLOCK / 2; x++) {
        const p = (y * image.width + x) * 4;
        sum += (image.data[p] + image.data[p + 1] + image.data[p + 2]) / 3;
      }
    }
    bits.push(sum / (BLOCK * BLOCK / 4) > 128 ? 1 : 0);
  }
  let word = 0;
  for (const bit of bits) word = word * 2 + bit;
  const checksum = word % 256;
  const value = Math.floor(word / 256);
  let sum = 0;
  let rest = value;
  for (let i = 0; i < 5; i++) { sum += rest % 256; rest = Math.floor(rest / 256); }
  return sum % 256 === checksum ? value : null;
}

/**
 * Watch a video element: the time of its first frame, of the first frame after a pause of
 * 0.5 s or more (the picture back after an outage), and, for every frame, two latencies
 * from the stamp's capture time: to the moment the compositor is expected to show it
 * (`latencies`: the frame callback's expectedDisplayTime) and to the moment it left the
 * decoder (`decodedLatencies`: receiveTime + processingDuration, what the aiortc kiosk's
 * decoder figure is compared with); `displayed` pairs each of the first with its wall time
 * (lip sync, bench/audio.py). All in window.__bench.
 * @param {HTMLVideoElement} video
 */
export function watchVideo(video) {
  const bench = /** @type {any} */ (window).__bench;
  const canvas = document.createElement('canvas');
  canvas.width = PER_ROW * BLOCK;
  canvas.height = 2 * BLOCK;
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d', { willReadFrequently: true }));
  const onFrame = (/** @type {number} */ now, /** @type {any} */ metadata) => {
    const wall = performance.timeOrigin + now;
    const shown = performance.timeOrigin + (metadata?.expectedDisplayTime ?? now);
    const decoded = metadata?.receiveTime !== undefined && metadata?.processingDuration !== undefined
      ? performance.timeOrigin + metadata.receiveTime + metadata.processingDuration * 1000
      : null;
    if (bench.firstFrameAt === null) bench.firstFrameAt = wall;
    if (bench.lastFrameAt !== null && wall - bench.lastFrameAt >= RESUMED_AFTER_MS) bench.resumedAt = wall;
    bench.lastFrameAt = wall;
    if (video.videoWidth >= canvas.width) {
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height, 0, 0, canvas.width, canvas.height);
      const stamp = readStamp(ctx.getImageData(0, 0, canvas.width, canvas.height));
      if (stamp !== null) {
        bench.latencies.push((shown % MOD) - stamp);
        bench.displayed.push([shown, (shown % MOD) - stamp]);
        if (decoded !== null) bench.decodedLatencies.push((decoded % MOD) - stamp);
      } else {
        bench.unreadable += 1;
      }
    }
    bench.frames += 1;
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}
