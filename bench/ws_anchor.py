"""The memory anchor of the signalling benchmark: a plain aiohttp WebSocket server that
accepts every connection on /ws and holds it, reading and discarding what comes, with the
server's own socket settings (no compression, the same heartbeat). What a connection costs
here is what aiohttp itself costs; the project's figure beside it is what our server adds.

python -m bench.ws_anchor [--port P]; prints "listening on http://127.0.0.1:P" when ready.
"""

from __future__ import annotations

import argparse
import asyncio

from aiohttp import WSMsgType, web

#: As signaling/hub.py's sockets.
HEARTBEAT_S = 3.0


async def hold(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse(compress=False, heartbeat=HEARTBEAT_S)
    await ws.prepare(request)
    async for message in ws:
        if message.type == WSMsgType.ERROR:
            break
    return ws


async def serve(port: int) -> None:
    app = web.Application()
    app.router.add_get("/ws", hold)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port, backlog=4096)
    await site.start()
    bound = runner.addresses[0][1]
    print(f"listening on http://127.0.0.1:{bound}", flush=True)
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ws_anchor", description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    asyncio.run(serve(parser.parse_args().port))


if __name__ == "__main__":
    main()
