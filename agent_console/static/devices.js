// The clerk's camera, microphone and speaker: which ones (chosen in the device check and
// remembered in this browser), opened with whatever works, and what is missing said
// plainly. A call goes on with what there is: sound only without a camera, the chat
// without a microphone.

const REMEMBERED = 'rs-devices';

/** @typedef {{camera: string, microphone: string, speaker: string}} DeviceChoice  device ids; '' = the default */
/** @typedef {{stream: MediaStream, missing: ('camera'|'microphone')[], denied: boolean}} Opened */

/** @returns {DeviceChoice} */
export function chosenDevices() {
  try {
    const saved = JSON.parse(localStorage.getItem(REMEMBERED) || '{}');
    return { camera: String(saved.camera || ''), microphone: String(saved.microphone || ''), speaker: String(saved.speaker || '') };
  } catch {
    return { camera: '', microphone: '', speaker: '' };
  }
}

/** @param {DeviceChoice} choice */
export function rememberDevices(choice) {
  localStorage.setItem(REMEMBERED, JSON.stringify(choice));
}

/**
 * Open the chosen camera and microphone, or, when one cannot be opened, the other alone.
 * A chosen device that is gone (unplugged since) falls back to the default one.
 * @param {DeviceChoice} choice @returns {Promise<Opened>}
 */
export async function openDevices(choice) {
  const video = { width: 640, height: 480, ...(choice.camera ? { deviceId: { ideal: choice.camera } } : {}) };
  const audio = choice.microphone ? { deviceId: { ideal: choice.microphone } } : true;
  let denied = false;
  for (const [wanted, missing] of /** @type {const} */ ([
    [{ audio, video }, []],
    [{ audio }, ['camera']],
    [{ video }, ['microphone']],
  ])) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia(wanted);
      return { stream, missing: [...missing], denied };
    } catch (err) {
      if (/** @type {Error} */ (err).name === 'NotAllowedError') denied = true;
    }
  }
  return { stream: new MediaStream(), missing: ['camera', 'microphone'], denied };
}

/** The devices of each kind this browser offers (labels once access was granted). */
export async function listDevices() {
  const all = await navigator.mediaDevices.enumerateDevices();
  return {
    camera: all.filter((d) => d.kind === 'videoinput'),
    microphone: all.filter((d) => d.kind === 'audioinput'),
    speaker: all.filter((d) => d.kind === 'audiooutput'),
  };
}

/**
 * The microphone's level, 0..1, about ten times a second, until the returned function
 * is called. @param {MediaStream} stream @param {(level: number) => void} onLevel
 */
export function watchLevel(stream, onLevel) {
  if (!stream.getAudioTracks().length) {
    onLevel(0);
    return () => {};
  }
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = window.setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    onLevel(Math.min(1, Math.sqrt(sum / samples.length) * 4)); // speech at ~-20 dBFS fills most of it
  }, 100);
  return () => {
    clearInterval(timer);
    context.close();
  };
}

/**
 * Play the call's sound through ``speaker`` ('' = the default output).
 * @param {HTMLMediaElement} element @param {string} speaker
 */
export async function useSpeaker(element, speaker) {
  const sink = /** @type {any} */ (element);
  if (typeof sink.setSinkId !== 'function' || (sink.sinkId || '') === speaker) return;
  try {
    await sink.setSinkId(speaker);
  } catch {
    // gone since it was chosen: the default output plays it
  }
}
