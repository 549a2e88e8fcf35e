"""Sound on a lossy link: how much of the customer's is sent twice (media/sound_protection.py)
and that a receiver which lost a packet gets it back from the next one; and how the kiosk
fills the gaps in what it receives (media/opus_decoder.py)."""

from __future__ import annotations

import asyncio
import fractions

import aiortc.rtcrtpreceiver
import av
import numpy as np
from aiortc.codecs import CODECS
from aiortc.jitterbuffer import JitterFrame
from aiortc.mediastreams import MediaStreamTrack

from media.encoder import OPUS_FRAME, OPUS_RATE, SharedAudioEncoder
from media.opus_decoder import FillingOpusDecoder
from media.quality import LinkSample, combine
from media.session import PreparedOffer
from media.sound_protection import HOLD_S, SoundProtection, expected_loss_pct

#: The lost packet: the first with the voice in it, after silence. A decoder that lost it
#: and has no copy conceals it from what came before (silence); with the copy it plays it.
ONSET = 30


def test_the_expected_loss_covers_what_was_lost_in_coarse_steps() -> None:
    assert expected_loss_pct(0.0) == 0
    assert expected_loss_pct(0.005) == 0, "a packet now and then is not worth it"
    assert expected_loss_pct(0.02) == 5
    assert expected_loss_pct(0.05) == 5
    assert expected_loss_pct(0.07) == 10
    assert expected_loss_pct(0.15) == 20
    assert expected_loss_pct(0.6) == 30


def test_the_protection_rises_at_once_and_falls_only_after_a_quiet_spell() -> None:
    protection = SoundProtection()
    assert protection.observe(0.0, 0.0) == 0
    assert protection.observe(0.12, 1.0) == 20, "the next packet carries the copy"
    # Bursts with clean seconds between them: held, so the encoder is not rebuilt.
    held = [protection.observe(0.0, t) for t in np.arange(2.0, 1.0 + HOLD_S + 0.5, 1.0)]
    assert set(held) == {20}
    assert protection.observe(0.03, 1.0 + HOLD_S + 1) == 5, "then it follows the link"
    assert protection.observe(0.0, 1.0 + 2 * HOLD_S + 2) == 0


def test_the_loss_that_counts_is_the_worst_any_receiver_had_of_ours() -> None:
    """One encoding goes to every peer: the copies are sized for the lossiest."""
    samples = [
        LinkSample(bitrate=None, loss=0.30, loss_out=0.02),  # most of it inbound
        LinkSample(bitrate=None, loss=0.08, loss_out=0.08),
    ]
    combined = combine(samples)
    assert combined is not None and combined.loss_out == 0.08 and combined.loss == 0.30


class _Voice(MediaStreamTrack):
    """Silence, then from packet ONSET on a voice-like sound (a pitch and its harmonics)."""

    kind = "audio"

    def __init__(self) -> None:
        super().__init__()
        self.pts = 0

    async def recv(self) -> av.frame.Frame:
        await asyncio.sleep(0)
        t = (self.pts + np.arange(OPUS_FRAME)) / OPUS_RATE
        voice = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 12)) * 6000
        pcm = voice if self.pts >= ONSET * OPUS_FRAME else np.zeros(OPUS_FRAME)
        frame = av.AudioFrame.from_ndarray(
            pcm.astype(np.int16).reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate, frame.pts = OPUS_RATE, self.pts
        frame.time_base = fractions.Fraction(1, OPUS_RATE)
        self.pts += OPUS_FRAME
        return frame


async def _encoded(expected_loss_pct: int, count: int) -> list[bytes]:
    encoder = SharedAudioEncoder(_Voice)
    encoder.protect(expected_loss_pct)
    track = encoder.subscribe()
    try:
        return [bytes(await asyncio.wait_for(track.recv(), 5)) for _ in range(count)]
    finally:
        track.stop()
        encoder.close()


def _rms(frame: av.AudioFrame) -> float:
    return float(np.sqrt(np.mean(frame.to_ndarray().astype(float) ** 2)))


def _received(
    packets: list[bytes], lost: set[int]
) -> tuple[list[av.AudioFrame], FillingOpusDecoder]:
    """What the kiosk's decoder makes of ``packets`` (RTP timestamps 20 ms apart) when
    those numbered in ``lost`` never arrived."""
    decoder = FillingOpusDecoder()
    frames = []
    for n, packet in enumerate(packets):
        if n not in lost:
            frames += decoder.decode(JitterFrame(data=packet, timestamp=n * OPUS_FRAME))
    return frames, decoder


def _played(packets: list[bytes], lost: int) -> tuple[float, float]:
    """A receiver that lost packet ``lost`` and has the next (libopus, through the kiosk's
    own decoder): the loudness (RMS) of what it plays for the lost 20 ms, and of what
    that packet held."""
    whole, _ = _received(packets, set())
    lossy, _ = _received(packets, {lost})
    return _rms(lossy[lost]), _rms(whole[lost])


async def test_a_lost_packet_is_played_from_the_copy_in_the_next_one() -> None:
    """With loss expected the lost 20 ms of voice are heard; without, the decoder can only
    stretch the silence before them."""
    protected = await _encoded(10, ONSET + 10)
    # The first packet whose voice is at full strength (the encoder's delay moves it).
    onset = next(i for i in range(ONSET, ONSET + 8) if _played(protected, i)[1] > 2000)
    played, held = _played(protected, onset)
    assert played > 0.5 * held, (played, held)

    plain = await _encoded(0, ONSET + 10)
    played, held = _played(plain, onset)
    assert held > 2000 and played < 0.2 * held, (played, held)


async def test_the_kiosk_plays_a_lost_packet_from_the_copy_and_conceals_the_rest() -> None:
    """Nothing of the official's voice is cut out: every 20 ms is played, the last lost
    one from the copy the next packet carries, any before it concealed."""
    packets = await _encoded(10, ONSET + 12)
    whole, _ = _received(packets, set())
    onset = next(n for n in range(ONSET, ONSET + 8) if _rms(whole[n]) > 2000)

    frames, decoder = _received(packets, {onset})
    assert [f.pts for f in frames] == [n * OPUS_FRAME for n in range(len(packets))]
    assert _rms(frames[onset]) > 0.5 * _rms(whole[onset]), "the voice's first 20 ms heard"
    assert decoder.filled == 1

    frames, decoder = _received(packets, {onset + 2, onset + 3, onset + 4})
    assert [f.pts for f in frames] == [n * OPUS_FRAME for n in range(len(packets))]
    assert all(_rms(f) > 500 for f in frames[onset + 2 : onset + 5]), "concealed, not silent"
    assert decoder.filled == 3


async def test_an_outage_is_not_filled_with_made_up_sound() -> None:
    """Past MAX_FILLED_S the gap is an outage: the sound resumes at once, as it comes."""
    packets = await _encoded(0, ONSET + 20)
    frames, decoder = _received(packets, set(range(ONSET, ONSET + 10)))
    assert len(frames) == len(packets) - 10
    assert decoder.filled == 0


async def test_every_kiosk_receiver_fills_gaps_and_asks_no_browser_for_copies() -> None:
    """aiortc's receivers decode Opus with the filling decoder; the kiosk's offer does not
    say ``useinbandfec=1`` (tried: the thin-link sign-language call got worse)."""
    prepared = PreparedOffer([], relay_only=False)
    try:
        assert await prepared.ready()
        assert "useinbandfec" not in prepared.pc.localDescription.sdp
    finally:
        await prepared.close()
    [codec] = [c for c in CODECS["audio"] if "opus" in c.mimeType]
    assert isinstance(aiortc.rtcrtpreceiver.get_decoder(codec), FillingOpusDecoder)
