import time
from tests.test_thin_links_e2e import thin_call, DELAY_MS, BURSTS  # noqa
from tests.helpers import seconds
from tests.support.lab_call import frames_counted

async def test_exp(thin_call, tmp_path):
    call = thin_call
    async with call.interpreter_joins(tmp_path / "interpreter", "fse") as interpreter:
        await call.kiosk.until(lambda r: r.frames_from("interpreter-1") >= 30, seconds(30), "signer")
        await call.host.set(rate_kbit=300, delay_ms=DELAY_MS, burst_loss=BURSTS)
        t0 = time.monotonic()
        while time.monotonic() - t0 < 30:
            r = await call.kiosk.report(5)
            f, _ = await frames_counted(interpreter)
            print(round(time.monotonic() - t0, 1), r.quality, r.sending, r.media, "audio", r.audio_frames, "video", r.video_frames, "interp sees", f)
