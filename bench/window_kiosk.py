"""The real PySide6 kiosk for the benchmarks: the window, its controller and agent as the
kiosk runs them (offscreen here), which queues for Kela when told (a line ``JOIN`` on its
standard input: a customer tapping Start and Kela), and prints, for every picture of the
official it paints, when it finished painting it and how old its capture stamp was
(``PAINT <wall ms> <latency ms>``; the pictures' sizes first, ``VIEWS``), and
``UNREADABLE <wall ms>`` for a painted picture whose stamp it could not read; each screen
it shows, each visit state it is told of and each ``JOIN`` is a ``SCREEN`` line. Its
microphone is bench/audio.py's clicked tone (``MOUTH <wall ms>`` for each click handed
on), and each click of the official's sound handed to the speaker is an ``EAR <wall ms>``.

What it measures is the displayed latency of issue 15: the clerk's stamped picture,
decoded, converted and painted into the window's backing store, against a Chromium
kiosk page's expectedDisplayTime. Nothing in the kiosk is changed for it: the remote
picture's widget is watched from outside.

python -m bench.window_kiosk URL  (the kiosk token in KIOSK_TOKEN; BENCH_MEASURE=0 reads
no stamps and listens for no clicks), inside a namespace with only loopback.
"""

from __future__ import annotations

import asyncio
import fractions
import logging
import math
import os
import sys
import threading
import time

import av
import numpy as np
from aiortc.mediastreams import VIDEO_CLOCK_RATE, VIDEO_TIME_BASE, MediaStreamError
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPaintEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from bench.audio import ClickTrack, Onsets, peak_of
from kiosk.agent import KioskAgent
from kiosk.qt.controller import KioskController
from kiosk.qt.loop import KioskEventLoop
from kiosk.qt.translator import LanguageSwitcher
from kiosk.qt.video import VideoView
from kiosk.qt.window import KioskWindow
from media.network import allow_loopback_candidates
from media.playback import AudioPlayback
from media.sources import TestPatternTrack, open_local_media
from media.stamp import BLOCK, PER_ROW, latency_ms, read_stamp

#: The measuring runs' stand-in camera: a frame every 1/29.8 s, so that its frames fall
#: 0.22 ms later in the console's 60 Hz display cycle each time and meet every phase of
#: it once in 2.5 s (below).
DRIFTING_FPS = 29.8

#: The width of the clerk's stamped camera picture (bench/static/fake_media.js): the
#: kiosk paints it scaled to its view, the stamp's blocks with it.
SOURCE_WIDTH = 640


def stamp_of(image: QImage) -> int | None:
    """The capture stamp in the top-left corner of a painted picture."""
    scale = image.width() / SOURCE_WIDTH
    width, height = PER_ROW * BLOCK, 2 * BLOCK
    if image.width() < width * scale or image.height() < height * scale or scale <= 0:
        return None
    corner = image.copy(0, 0, math.ceil(width * scale), math.ceil(height * scale))
    if corner.width() != width:
        corner = corner.scaled(width, height)  # the blocks at their drawn size again
    corner = corner.convertToFormat(QImage.Format.Format_RGB888)
    line = corner.bytesPerLine()
    pixels = np.frombuffer(corner.constBits(), np.uint8, count=line * corner.height())
    rgb = pixels.reshape(corner.height(), line)[:, : corner.width() * 3]
    return read_stamp(rgb.reshape(corner.height(), corner.width(), 3))


class DriftingCamera(TestPatternTrack):
    """The kiosk's stand-in camera on a clock a little slower than 30 fps, for the
    measuring runs.

    Why: every headless Chromium here shows its frames at the same phase of the clock,
    and a 30 fps camera keeps the phase its process started with, so each kiosk-to-clerk
    picture of a run waited the same for the console's next display frame: a draw per
    run of 0-16.7 ms (ratios 0.93-1.31 in three full runs). The anchor page's camera is
    drawn by a timer whose frames fall at every phase (measured: quartiles 5-13 ms of
    the 16.7). A camera on its own clock, as a real one is, drifting through the phases
    in 2.5 s, waits on average what the anchor's does. The CPU windows keep 30 fps.
    """

    def __init__(self) -> None:
        super().__init__()
        self._begun: float | None = None
        self._frames = 0

    async def next_timestamp(self) -> tuple[int, fractions.Fraction]:
        if self.readyState != "live":
            raise MediaStreamError
        if self._begun is None:
            self._begun = time.time()
        else:
            self._frames += 1
            await asyncio.sleep(self._begun + self._frames / DRIFTING_FPS - time.time())
        return round(self._frames * VIDEO_CLOCK_RATE / DRIFTING_FPS), VIDEO_TIME_BASE


def watch_paints(view: VideoView, own: QWidget, *, stamps: bool = True) -> None:
    """Print a line for each new picture ``view`` paints (not for repaints of the same),
    and before the first, the sizes of the official's and the customer's pictures
    (``VIEWS w h own_w own_h``: the anchor page paints as much). ``stamps`` False: the
    sizes only (the CPU windows, where reading the stamps would be counted as the
    kiosk's work; the anchor page reads none then either)."""
    painted: list[QImage | None] = [None]
    original = VideoView.paintEvent

    def paint(self: VideoView, event: QPaintEvent) -> None:
        original(self, event)
        image = self._image
        if self is not view or image is None or image is painted[0]:
            return
        if painted[0] is None:
            print(f"VIEWS {view.width()} {view.height()} {own.width()} {own.height()}", flush=True)
        painted[0] = image
        if not stamps:
            return
        now = int(time.time() * 1000)
        stamped = stamp_of(image)
        if stamped is None:
            print(f"UNREADABLE {now}", flush=True)
        else:
            print(f"PAINT {now} {latency_ms(stamped, now)}", flush=True)

    VideoView.paintEvent = paint  # type: ignore[method-assign]


def watch_speaker() -> None:
    """Print a line for each click the kiosk hands to its speaker (every player)."""
    onsets = Onsets()
    original = AudioPlayback.play

    def play(self: AudioPlayback, frame: av.AudioFrame) -> None:
        original(self, frame)
        now = int(time.time() * 1000)
        if onsets.hear(peak_of(frame), now):
            print(f"EAR {now}", flush=True)

    AudioPlayback.play = play  # type: ignore[method-assign]


def tap(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[call-overload]


async def run(url: str, token: str) -> None:
    measuring = os.environ.get("BENCH_MEASURE", "1") != "0"
    # Not measuring (the CPU windows): the kiosk's own stand-ins, as on a kiosk without
    # devices (the anchor page uses Chromium's own then too).
    media = open_local_media("test", "tone")
    if measuring:
        media.audio_source = ClickTrack(lambda ms: print(f"MOUTH {ms}", flush=True))
        media.video_source = DriftingCamera()
    agent = KioskAgent(url, token, media)
    # The official's sound is played, as on a kiosk, into ALSA's null device.
    controller = KioskController(agent, LanguageSwitcher(), speaker="null")
    window = KioskWindow(controller, double_tap_s=0)
    window.resize(1920, 1080)
    window.show()
    in_call = window.screens["in_call"]
    watch_paints(in_call.remote, in_call.own, stamps=measuring)  # type: ignore[attr-defined]
    if measuring:
        watch_speaker()

    def screen_shown(index: int) -> None:  # for the benchmark's report when no offer comes
        shown = window.stack.widget(index)
        name = next((str(n) for n, w in window.screens.items() if w is shown), "other")
        print(f"SCREEN {name}", flush=True)

    window.stack.currentChanged.connect(screen_shown)
    controller.visitChanged.connect(lambda state: print(f"SCREEN visit:{state}", flush=True))
    agent.start()
    loop = asyncio.get_running_loop()
    joins = asyncio.Queue[None]()

    def read_commands() -> None:
        for line in sys.stdin:
            if line.strip() == "JOIN":
                loop.call_soon_threadsafe(joins.put_nowait, None)

    threading.Thread(target=read_commands, daemon=True).start()
    print("READY", flush=True)
    while True:
        await joins.get()
        # As a customer would: past the last call's rating, Start, then Kela; until queued
        # or, when the clerk was quicker than a look at the screen, already in the call
        # (looking for the queue screen only, a missed one made it queue again after it).
        joined = (window.screens["queued"], window.screens["in_call"])
        print("SCREEN (join)", flush=True)
        while True:
            current = window.stack.currentWidget()
            if current in joined:
                break
            if current is window.screens["feedback"]:
                tap(window.screens["feedback"].faces[4])  # type: ignore[attr-defined]
            elif current is window.screens["start"] and controller.agencies:
                tap(window.screens["start"].start)  # type: ignore[attr-defined]
            elif current is window.screens["choosing"]:
                tap(window.screens["choosing"].buttons["kela"])  # type: ignore[attr-defined]
            await asyncio.sleep(0.1)  # the next screen comes with the server's answer


def main() -> None:
    logging.basicConfig(level=os.environ.get("BENCH_KIOSK_LOG", "WARNING"), stream=sys.stderr)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    allow_loopback_candidates()
    app = QApplication(sys.argv[:1])
    loop = KioskEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(run(sys.argv[1], os.environ["KIOSK_TOKEN"]))


if __name__ == "__main__":
    main()
