"""The media layer on its own: stand-in sources, two aiortc peers, level meter, speaker."""

from __future__ import annotations

import asyncio
from pathlib import Path

import av
import numpy as np
import pytest
from aiortc.mediastreams import MediaStreamTrack

from media.aiortc_internals import jitter_buffer, send_picture_loss
from media.encoder import EncodedTrack
from media.exceptions import SignalError
from media.jitter import AudioArrivalBuffer, MarkerJitterBuffer
from media.network import allow_loopback_candidates
from media.playback import AudioPlayback, player_command
from media.session import IceServerConfig, PeerSession, Signal
from media.sinks import TrackPump, audio_rms
from media.sources import (
    MutableAudioTrack,
    PatternI420,
    ToneTrack,
    open_local_media,
    pattern_frame,
)
from media.stamp import latency_ms, read_stamp, stamp
from tests.helpers import Watch, require_loopback_only


async def test_missing_devices_fall_back_to_pattern_and_tone() -> None:
    media = open_local_media(camera="/dev/no-such-camera", microphone="no-such-alsa-device")
    try:
        assert media.camera_is_test_pattern and media.microphone_is_tone
        first = await media.video_for_preview().recv()
        assert isinstance(first, av.VideoFrame) and (first.width, first.height) == (640, 480)
    finally:
        media.stop()


async def test_camera_device_delivers_frames(tmp_path: Path) -> None:
    """A device path goes through OpenCV (a recorded clip stands in for /dev/video0)."""
    clip = tmp_path / "camera.mkv"
    with av.open(str(clip), "w") as out:
        stream = out.add_stream("mpeg4", rate=30)
        stream.width, stream.height = 320, 240
        for index in range(30):
            frame = av.VideoFrame.from_ndarray(pattern_frame(320, 240, index), format="rgb24")
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    media = open_local_media(camera=str(clip), microphone="tone")
    try:
        assert not media.camera_is_test_pattern
        frame = await media.video_for_preview().recv()
        assert isinstance(frame, av.VideoFrame) and (frame.width, frame.height) == (320, 240)
    finally:
        media.stop()


async def test_alsa_microphone_is_used_when_present() -> None:
    """ALSA's "null" capture device (alsa-utils' configuration) stands in for a microphone."""
    media = open_local_media(camera="test", microphone="null")
    try:
        assert not media.microphone_is_tone
        frame = await media.audio_source.recv()
        assert isinstance(frame, av.AudioFrame) and frame.sample_rate == 48_000
    finally:
        media.stop()


async def test_tone_has_energy_and_mute_silences_it() -> None:
    tone = ToneTrack()
    frame = await tone.recv()
    assert isinstance(frame, av.AudioFrame)
    assert 0.15 < audio_rms(frame) < 0.2  # a sine at 0.25 of full scale: 0.25/sqrt(2)
    gate = MutableAudioTrack(tone)
    gate.muted = True
    silent = await gate.recv()
    assert isinstance(silent, av.AudioFrame) and audio_rms(silent) == 0.0
    assert silent.samples == frame.samples
    gate.stop()


async def test_two_aiortc_peers_exchange_video_and_audio_over_loopback() -> None:
    require_loopback_only()
    allow_loopback_candidates()
    watch = Watch()
    media_a = open_local_media("test", "tone")
    media_b = open_local_media("test", "tone")
    pumps: dict[str, list[TrackPump]] = {"a": [], "b": []}
    peers: dict[str, PeerSession] = {}

    def sender(to: str):  # type: ignore[no-untyped-def]
        async def send(signal: Signal) -> None:
            await peers[to].receive(**signal)

        return send

    def on_track(side: str):  # type: ignore[no-untyped-def]
        def handle(track: MediaStreamTrack) -> None:
            pump = TrackPump(track)
            pump.listeners.append(lambda frame: watch.poke())
            pump.start()
            pumps[side].append(pump)

        return handle

    for side, other, media, initiator in (("a", "b", media_a, True), ("b", "a", media_b, False)):
        peers[side] = PeerSession(
            peer_id=other,
            initiator=initiator,
            ice_servers=[],
            send=sender(other),
            tracks=[media.audio_for_peer(), media.video_for_peer()],
            on_remote_track=on_track(side),
        )
    try:
        await peers["b"].start()
        await peers["a"].start()

        def frames(side: str, kind: str) -> int:
            return sum(p.video.frames if kind == "video" else p.audio.frames for p in pumps[side])

        await watch.until(
            lambda: all(frames(s, k) >= 20 for s in "ab" for k in ("video", "audio")),
            20,
            "video and audio both ways",
        )
        assert peers["a"].state == "connected"
        for peer in peers.values():  # frames leave the jitter buffer at their last packet
            receiver = next(r for r in peer.pc.getReceivers() if r.track.kind == "video")
            buffer = getattr(receiver, "_RTCRtpReceiver__jitter_buffer", None)
            assert isinstance(buffer, MarkerJitterBuffer)
            audio_receiver = next(r for r in peer.pc.getReceivers() if r.track.kind == "audio")
            assert isinstance(jitter_buffer(audio_receiver), AudioArrivalBuffer)
        video = next(p for p in pumps["b"] if p.video.frames)
        assert (video.video.width, video.video.height) == (640, 480)
        audio = next(p for p in pumps["b"] if p.audio.frames)
        assert audio.audio.peak_rms > 0.05
    finally:
        for peer in peers.values():
            await peer.close()
        for pump in pumps["a"] + pumps["b"]:
            await pump.stop()
        media_a.stop()
        media_b.stop()
        allow_loopback_candidates(False)


async def test_speaker_plays_through_the_player_process() -> None:
    playback = AudioPlayback(player_command("null"))
    assert playback.start(), "aplay (alsa-utils) is installed by ./run test"
    tone = ToneTrack()
    for _ in range(10):
        frame = await tone.recv()
        assert isinstance(frame, av.AudioFrame)
        playback.play(frame)
    await asyncio.get_running_loop().run_in_executor(None, playback.stop)
    assert playback.frames_played >= 1
    tone.stop()


def test_missing_player_is_reported_not_fatal() -> None:
    playback = AudioPlayback(["no-such-player-binary"])
    assert playback.start() is False
    frame = av.AudioFrame.from_ndarray(
        np.zeros((1, 960), dtype=np.int16), format="s16", layout="mono"
    )
    frame.sample_rate = 48_000
    playback.play(frame)  # dropped, no error
    playback.stop()


@pytest.mark.parametrize(
    "bad",
    [
        {"description": {"type": "offer", "sdp": "garbage"}},
        {"description": {"type": "answer"}},
        {"candidate": {"candidate": "x"}},
        {"candidate": {"candidate": "candidate:1 1 udp notanumber 127.0.0.1 9 typ host"}},
    ],
)
async def test_garbage_signals_raise_signal_error(bad: Signal) -> None:
    session = PeerSession(
        peer_id="x",
        initiator=False,
        ice_servers=[],
        send=lambda s: asyncio.sleep(0),
        tracks=[],
        on_remote_track=lambda t: None,
    )
    try:
        with pytest.raises(SignalError):
            await session.receive(**bad)
    finally:
        await session.close()


def test_stamp_survives_encoding_and_reads_back() -> None:
    image = pattern_frame(640, 480, 3)
    stamp(image, 1_795_464_000_123)
    assert read_stamp(image) == 1_795_464_000_123 & ((1 << 40) - 1)
    # Through a real VP8 encode and decode at a low bitrate, as in a call.
    codec = av.CodecContext.create("libvpx", "w")
    codec.width, codec.height, codec.pix_fmt, codec.bit_rate = 640, 480, "yuv420p", 300_000
    decoder = av.CodecContext.create("libvpx", "r")
    frame = av.VideoFrame.from_ndarray(image, format="rgb24").reformat(format="yuv420p")
    decoded = [
        d for packet in codec.encode(frame) + codec.encode(None) for d in decoder.decode(packet)
    ]
    assert read_stamp(decoded[0].to_ndarray(format="rgb24")) == 1_795_464_000_123 & ((1 << 40) - 1)
    assert read_stamp(pattern_frame(640, 480, 3)) is None, "no stamp, no number"
    assert latency_ms(10, 25) == 15


def test_the_stand_in_camera_draws_the_pattern_straight_into_i420() -> None:
    """What the customer's self view and the clerk see of a kiosk without a camera: the
    same moving bars as the RGB pattern (within the colour conversion's rounding), the
    block and the bars moving between frames, and a stamp that reads back."""
    pattern = PatternI420(640, 480)
    for index in (0, 7, 100):
        drawn = pattern.frame(index, 1_795_464_000_123 + index)
        assert (drawn.format.name, drawn.width, drawn.height) == ("yuv420p", 640, 480)
        rgb = drawn.to_ndarray(format="rgb24")
        expected = stamp(pattern_frame(640, 480, index), 1_795_464_000_123 + index)
        assert np.abs(rgb.astype(int) - expected.astype(int)).mean() < 5
        assert read_stamp(rgb) == (1_795_464_000_123 + index) & ((1 << 40) - 1)
    first, later = (pattern.frame(n).to_ndarray(format="rgb24") for n in (0, 1))
    assert np.abs(first.astype(int) - later.astype(int)).mean() > 1, "it moves"
    with pytest.raises(ValueError, match="even"):
        PatternI420(641, 480)


async def test_a_peer_that_never_connects_is_reported_failed() -> None:
    """A wrong TURN secret leaves aiortc in "new" for ever; the session says "failed"."""
    states: list[str] = []
    failed = asyncio.Event()

    def on_state(state: str) -> None:
        states.append(state)
        if state == "failed":
            failed.set()

    session = PeerSession(
        peer_id="clerk",
        initiator=True,
        relay_only=True,
        ice_servers=[IceServerConfig(("turn:127.0.0.1:9?transport=udp",), "1:x", "wrong")],
        send=lambda signal: asyncio.sleep(0),
        tracks=[ToneTrack()],
        on_remote_track=lambda track: None,
        on_state=on_state,
        connect_timeout_s=0.5,
    )
    try:
        await asyncio.wait_for(failed.wait(), 10)
        assert states[-1] == "failed"
    finally:
        await session.close()


async def test_one_encoder_serves_every_peer_and_key_frames_reach_all() -> None:
    """A kiosk connected to two peers encodes each camera frame once (media/encoder.py);
    both peers decode the same pictures, a key-frame request from either is honoured,
    and each receiver's bitrate report reaches the shared encoder."""
    require_loopback_only()
    allow_loopback_candidates()
    watch = Watch()
    kiosk_media = open_local_media("test", "tone")
    far_media = {name: open_local_media("test", "tone") for name in ("clerk", "interpreter")}
    pumps: dict[str, list[TrackPump]] = {name: [] for name in far_media}
    kiosk_side: dict[str, PeerSession] = {}
    far_side: dict[str, PeerSession] = {}

    def on_track(name: str):  # type: ignore[no-untyped-def]
        def handle(track: MediaStreamTrack) -> None:
            pump = TrackPump(track)
            pump.listeners.append(lambda frame: watch.poke())
            pump.start()
            pumps[name].append(pump)

        return handle

    def relay(sessions: dict[str, PeerSession], name: str):  # type: ignore[no-untyped-def]
        async def send(signal: Signal) -> None:
            await sessions[name].receive(**signal)

        return send

    def video_frames(name: str) -> int:
        return sum(p.video.frames for p in pumps[name])

    def audio_pump(name: str) -> TrackPump:
        return next(p for p in pumps[name] if p.audio.frames)

    try:
        for index, name in enumerate(far_media):
            kiosk_side[name] = PeerSession(
                peer_id=name,
                initiator=True,
                ice_servers=[],
                send=relay(far_side, name),
                tracks=[kiosk_media.audio_for_peer(), kiosk_media.video_for_peer()],
                on_remote_track=lambda track: None,
            )
            far_side[name] = PeerSession(
                peer_id="kiosk",
                initiator=False,
                ice_servers=[],
                send=relay(kiosk_side, name),
                tracks=[far_media[name].audio_for_peer()],
                on_remote_track=on_track(name),
            )
            await kiosk_side[name].start()
            # The second receiver joins a running encoder: it must still get a picture.
            await watch.until(lambda n=name: video_frames(n) >= 30, 20, f"video at {name}")
            assert index == 0 or kiosk_media.encoder.keyframes >= 2
        encoder = kiosk_media.encoder
        start_encoded, start_received = encoder.frames_encoded, video_frames("clerk")
        await watch.until(lambda: video_frames("clerk") >= start_received + 60, 20, "60 more")
        encoded = encoder.frames_encoded - start_encoded
        assert encoded <= 70, f"{encoded} frames encoded for 60 shown: once per frame, not per peer"
        assert video_frames("interpreter") >= 60

        # The microphone too: one Opus stream, heard by both, muted for both at once.
        for name in far_media:
            await watch.until(
                lambda n=name: any(p.audio.frames >= 25 for p in pumps[n]), 10, f"audio at {name}"
            )
            assert audio_pump(name).audio.peak_rms > 0.05
        sent_audio = kiosk_media.audio_encoder.frames_encoded
        heard = audio_pump("clerk").audio.frames
        await watch.until(lambda: audio_pump("clerk").audio.frames >= heard + 50, 10, "1 s more")
        audio_encoded = kiosk_media.audio_encoder.frames_encoded - sent_audio
        assert audio_encoded <= 60, f"{audio_encoded} Opus packets for 50 heard: encoded once"
        kiosk_media.set_muted(True)
        for name in far_media:
            pump = audio_pump(name)
            frames = pump.audio.frames
            await watch.until(lambda p=pump, f=frames: p.audio.frames >= f + 25, 10, "muted")
            assert max(pump.audio.recent_rms[-10:]) < 0.01, f"{name} still hears the kiosk"
        kiosk_media.set_muted(False)

        # A real RTCP PLI (RFC 4585) from the interpreter's receiver, over the wire: the
        # shared encoder makes a key frame for everyone.
        keyframes = encoder.keyframes
        sender = next(
            s
            for s in kiosk_side["interpreter"].pc.getSenders()
            if s.track and s.track.kind == "video"
        )
        receiver = next(
            r
            for r in far_side["interpreter"].pc.getReceivers()
            if r.track and r.track.kind == "video"
        )
        video_ssrc = receiver.getSynchronizationSources()[0].source  # the kiosk's video
        await send_picture_loss(receiver, video_ssrc)
        await watch.until(lambda: encoder.keyframes > keyframes, 5, "a key frame for all")
        video_track = sender.track
        assert hasattr(video_track, "receiver_bitrate")
        await watch.until(
            lambda: video_track.receiver_bitrate() is not None, 10, "the receiver's REMB"
        )
        # A receiver's report can be held up to a floor (a sign-language call holds the
        # signer's: media/quality.py, least_signer_report), over the wire, as REMB says it
        # (18 bits of mantissa); the other receiver's report is its own estimate.
        far_side["interpreter"].least_reported_bitrate = 40_000_000
        await watch.until(
            lambda: (kiosk_side["interpreter"].far_reported_bitrate or 0) >= 39_900_000,
            5,
            "the interpreter's report held up",
        )
        assert (kiosk_side["clerk"].far_reported_bitrate or 0) < 39_900_000

        # One receiver's pictures paused (a thin sign-language call gives up the official's
        # first): the other goes on; resumed, it decodes again from a key frame.
        clerk_video = next(
            s.track
            for s in kiosk_side["clerk"].pc.getSenders()
            if s.track and s.track.kind == "video"
        )
        assert isinstance(clerk_video, EncodedTrack)
        clerk_video.pause(True)
        paused_at, other_at = video_frames("clerk"), video_frames("interpreter")
        await watch.until(lambda: video_frames("interpreter") >= other_at + 45, 10, "45 frames")
        # (at most what was already queued or on the way when it paused)
        assert video_frames("clerk") <= paused_at + 5, "the paused receiver got pictures"
        clerk_video.pause(False)
        await watch.until(lambda: video_frames("clerk") >= paused_at + 30, 10, "pictures again")
    finally:
        for session in (*kiosk_side.values(), *far_side.values()):
            await session.close()
        for pump in (*pumps["clerk"], *pumps["interpreter"]):
            await pump.stop()
        for media in (kiosk_media, *far_media.values()):
            media.stop()
        allow_loopback_candidates(False)


@pytest.mark.parametrize("source_format", ["rgb24", "bgr24"])
def test_a_cameras_frame_reaches_the_encoder_in_its_own_colours(source_format: str) -> None:
    """OpenCV converts a camera's frame for the encoder (media.encoder.to_i420): the same
    picture as swscale's, red still red whichever order the camera's bytes are in, the
    capture stamp readable after it; a frame for a smaller step is scaled too."""
    from media.encoder import to_i420

    rgb = pattern_frame(640, 480, 7)
    rgb[200:280, 280:360] = (230, 20, 20)  # a red square in the middle
    stamp(rgb, 1_795_464_000_456)
    pixels = rgb if source_format == "rgb24" else np.ascontiguousarray(rgb[:, :, ::-1])
    frame = av.VideoFrame.from_ndarray(pixels, format=source_format)
    converted = to_i420(frame, 640, 480)
    assert (converted.format.name, converted.width, converted.height) == ("yuv420p", 640, 480)
    by_swscale = frame.reformat(format="yuv420p").to_ndarray().astype(int)
    assert np.abs(converted.to_ndarray().astype(int) - by_swscale).mean() < 2.0
    back = converted.to_ndarray(format="rgb24")
    red, green, blue = back[240, 320]
    assert red > 180 and green < 70 and blue < 70, f"the red square came back {back[240, 320]}"
    assert read_stamp(back) == 1_795_464_000_456 & ((1 << 40) - 1)
    smaller = to_i420(frame, 320, 240)
    assert (smaller.format.name, smaller.width, smaller.height) == ("yuv420p", 320, 240)


def test_a_picture_is_fitted_to_the_steps_size_keeping_its_shape() -> None:
    from media.encoder import fit_within

    assert fit_within(640, 480, (640, 480)) == (640, 480)
    assert fit_within(640, 480, (320, 240)) == (320, 240)
    assert fit_within(1281, 721, (640, 480)) == (640, 360)
    assert fit_within(320, 240, (640, 480)) == (320, 240), "never larger than the camera"


def test_an_aiortc_without_the_parts_media_relies_on_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A minor aiortc release that renamed a private part would silently freeze video
    after loss; media/aiortc_internals.py refuses it at import, naming what is missing."""
    import aiortc
    from aiortc.rtcrtpsender import RTCRtpSender

    from media import aiortc_internals

    aiortc_internals._check()  # the pinned release passes
    monkeypatch.setattr(aiortc, "__version__", "1.17.0")
    monkeypatch.delattr(RTCRtpSender, "_send_keyframe")
    with pytest.raises(aiortc_internals.UnsupportedAiortc) as refused:
        aiortc_internals._check()
    assert "1.17.0" in str(refused.value) and "_send_keyframe" in str(refused.value)
