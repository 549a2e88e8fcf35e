"""Play received audio on the kiosk's speaker.

Frames are resampled to 48 kHz stereo s16 and piped to a player process (``aplay`` from
alsa-utils by default, which reaches PulseAudio or PipeWire through ALSA's default device).
A separate process keeps audio output off the event loop and survives a missing sound card:
when the player cannot start, :attr:`AudioPlayback.available` is False and frames are
dropped, so the call goes on and the health report can say "no speaker".
"""

from __future__ import annotations

import logging
import queue
import shutil
import subprocess
import threading

import av
import numpy as np

log = logging.getLogger(__name__)

RATE = 48_000
#: Frames beyond this backlog are dropped: late audio is worse than a tiny gap.
MAX_BACKLOG_FRAMES = 10


def player_command(device: str = "default") -> list[str]:
    return [
        "aplay",
        "-q",
        "-D",
        device,
        "-t",
        "raw",
        "-f",
        "S16_LE",
        "-r",
        str(RATE),
        "-c",
        "2",
        "--buffer-time=100000",
    ]


def scaled(pcm: bytes, gain: float) -> bytes:
    """16-bit samples times ``gain``, clipped rather than wrapped round when too loud."""
    samples = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) * gain
    return np.clip(samples, -32768, 32767).astype(np.int16).tobytes()


class AudioPlayback:
    """Feeds audio frames to a player process from a thread of its own."""

    def __init__(self, command: list[str] | None = None) -> None:
        self._command = command or player_command()
        self._resampler = av.AudioResampler(format="s16", layout="stereo", rate=RATE)
        self._queue: queue.Queue[bytes | None] = queue.Queue(MAX_BACKLOG_FRAMES)
        self._process: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self.frames_played = 0
        self.available = False
        #: The factor each sample is multiplied by (media/volume.py); 1.0 plays as sent.
        self.gain = 1.0

    @property
    def command(self) -> list[str]:
        """The player's command line (its ``-D`` names the device it plays to)."""
        return list(self._command)

    def start(self) -> bool:
        """Start the player; False (and a log line) when there is no way to play sound."""
        if shutil.which(self._command[0]) is None:
            log.warning("no audio player %s: remote audio is not played", self._command[0])
            return False
        try:
            self._process = subprocess.Popen(
                self._command, stdin=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        except OSError as exc:
            log.warning("audio player failed to start: %s", exc)
            return False
        self._thread = threading.Thread(target=self._write, name="audio-playback", daemon=True)
        self._thread.start()
        self.available = True
        return True

    def play(self, frame: av.AudioFrame) -> None:
        """Queue one frame; never blocks the caller."""
        if not self.available:
            return
        pcm = b"".join(
            bytes(out.planes[0])[: out.samples * 4] for out in self._resampler.resample(frame)
        )
        if self.gain != 1.0:
            pcm = scaled(pcm, self.gain)
        try:
            self._queue.put_nowait(pcm)
        except queue.Full:
            pass  # the player fell behind; dropping keeps latency bounded

    def _write(self) -> None:
        assert self._process is not None and self._process.stdin is not None
        while (pcm := self._queue.get()) is not None:
            try:
                self._process.stdin.write(pcm)
                self._process.stdin.flush()
            except (BrokenPipeError, ValueError):
                log.warning("audio player stopped: remote audio is not played")
                self.available = False
                return
            self.frames_played += 1

    def stop(self) -> None:
        self.available = False
        if self._thread is not None and self._thread.is_alive():
            try:
                self._queue.put(None, timeout=1)
            except queue.Full:
                pass
            self._thread.join(timeout=2)
        if self._process is not None:
            if self._process.stdin:
                try:
                    self._process.stdin.close()
                except BrokenPipeError:
                    pass  # the player had already exited
            try:
                self._process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._process.kill()
