"""The server's sans-I/O core: events in, effects out; no sockets, no SQL, no sleeps.

    presence.py        who is connected, as what (principals, connections, tabs in order)
    room.py            one call: a state machine that gates its events, members, grace
    queueing.py        queues, offers, waits, agency lists (around routing.Router)
    calling.py         starting, relaying, rejoining, transferring and ending calls
    interpreter_desk.py  interpreter requests, invitations, joining and leaving
    kiosk_reports.py   feedback and device health from kiosks
    handlers.py        message -> (who may send it in which state, handler): dispatch and
                       the authorisation table (signaling/authz.py) in one place
    state.py           the core's state, shared by the handlers
    effects.py         what the I/O layer carries out: storage first, then messages

signaling/switchboard.py is the thin dispatcher the WebSocket hub drives.
"""
