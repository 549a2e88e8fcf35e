"""Who may start a session: a clerk's login and logout, and a kiosk's enrolment.

A login is counted against its (username, client address) pair and its address *before*
the password is checked, so guesses sent at once cannot all be evaluated before the
first failure is known; failures delay further tries of that pair with growing waits,
and never lock an account for everyone (the attacker's address is not the clerk's).
Password checks run through a bounded gate: a flood gets 503 at once instead of making
real clerks wait behind it.
"""

from __future__ import annotations

import logging
import time

from aiohttp import web

from signaling import auth
from signaling.appkeys import CONFIG, HUB, PASSWORD_GATE, SESSION_COOKIE, STORE, THROTTLE
from signaling.auth import verify_password
from signaling.edge import Busy, client_address
from signaling.problems import ProblemCode
from signaling.store import ClerkRow
from signaling.supervisor.bodies import Enrolment, Login, Logout, read_body, refusal

log = logging.getLogger(__name__)

#: Free attempts before waits start: per username at one address, and per address over
#: all usernames (a spray of guesses at many accounts from one place).
FREE_PER_LOGIN = 5
FREE_PER_ADDRESS = 30
FREE_ENROLMENTS = 5


def address_of(request: web.Request) -> str:
    return client_address(request, request.config_dict[CONFIG].trusted_proxies)


async def login(request: web.Request) -> web.Response:
    body = await read_body(request, Login)
    address = address_of(request)
    pair, place = f"login:{body.username.lower()}@{address}", f"address:{address}"
    throttle = request.app[THROTTLE]
    wait = throttle.attempt({pair: FREE_PER_LOGIN, place: FREE_PER_ADDRESS})
    if wait > 0:
        log.warning("login throttled")
        return refusal(
            429,
            ProblemCode.TOO_MANY,
            f"too many failed logins: try again in {int(wait) + 1} s",
            retry_after_s=wait,
        )
    store = request.app[STORE]
    found = await store.call(store.password_hash, body.username)
    # An unknown username costs the same as a wrong password, so names cannot be probed.
    try:
        valid = await request.app[PASSWORD_GATE].run(
            verify_password, found[1] if found else auth.dummy_hash(), body.password
        )
    except Busy:
        throttle.forgive(pair)
        throttle.forgive(place)
        log.warning("login refused: password checks saturated")
        return refusal(
            503, ProblemCode.BUSY, "the server is busy: try again in a moment", retry_after_s=0
        )
    clerk = await store.call(store.clerk, found[0]) if found and valid else None
    if clerk is None:
        log.info("login refused")
        return refusal(401, ProblemCode.WRONG_LOGIN, "wrong username or password")
    throttle.succeeded(pair)
    throttle.forgive(place)
    return await start_session(request, clerk, "login")


async def start_session(request: web.Request, clerk: ClerkRow, how: str) -> web.Response:
    """A console session for a clerk whose identity was proven by ``how``: the password
    (``login``) today; single sign-on later. This is the seam for OpenID Connect: a
    relying party that has verified an ID token (issuer, signature, audience, nonce,
    expiry) looks the clerk up with ``Store.clerk_by_identity(issuer, subject)`` and
    calls this, so sessions, cookies, roles, expiry and logout stay one mechanism."""
    store = request.app[STORE]
    config = request.app[CONFIG]
    expires = time.time() + config.session_ttl_s
    token = await store.call(store.create_session, clerk.clerk_id, expires)
    response = web.json_response(_me(clerk))
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(config.session_ttl_s),
        httponly=True,
        secure=config.secure_cookies,
        samesite="Strict",
        path="/",
    )
    log.info("clerk %s logged in (%s)", clerk.clerk_id, how)
    await store.call(store.audit, time.time(), clerk.role, clerk.clerk_id, how)
    return response


async def logout(request: web.Request) -> web.Response:
    """End this session; with {"everywhere": true}, every session of the clerk, and close
    their open consoles at once."""
    everywhere = request.can_read_body and (await read_body(request, Logout)).everywhere
    token = request.cookies.get(SESSION_COOKIE)
    ended = 0
    if token:
        store = request.app[STORE]
        clerk = await store.call(store.clerk_by_session, token, time.time())
        if clerk is not None and everywhere:
            ended = await store.call(store.delete_sessions_of, clerk.clerk_id)
            request.app[HUB].disconnect(clerk_id=clerk.clerk_id)
        else:
            ended = int(clerk is not None)
            await store.call(store.delete_session, token)
        if clerk is not None:
            await store.call(
                store.audit,
                time.time(),
                clerk.role,
                clerk.clerk_id,
                "logout",
                None,
                "everywhere" if everywhere else "",
            )
    response = web.json_response({"ok": True, "sessions_ended": ended})
    response.del_cookie(SESSION_COOKIE, path="/")
    return response


async def me(request: web.Request) -> web.Response:
    token = request.cookies.get(SESSION_COOKIE, "")
    store = request.app[STORE]
    clerk = await store.call(store.clerk_by_session, token, time.time()) if token else None
    if clerk is None:
        return refusal(401, ProblemCode.NOT_LOGGED_IN, "not logged in")
    return web.json_response(_me(clerk))


def _me(clerk: ClerkRow) -> dict[str, object]:
    return {
        "name": clerk.display_name,
        "agencies": sorted(clerk.agencies),
        "role": clerk.role,
        "point": clerk.point,
    }


async def enrol_kiosk(request: web.Request) -> web.Response:
    """A new kiosk trades its one-time enrolment code for its device token."""
    throttle = request.app[THROTTLE]
    body = await read_body(request, Enrolment)
    key = f"enrol:{address_of(request)}"
    wait = throttle.attempt({key: FREE_ENROLMENTS})
    if wait > 0:
        return refusal(
            429,
            ProblemCode.TOO_MANY,
            "too many wrong codes: wait and try again",
            retry_after_s=wait,
        )
    store = request.app[STORE]
    enrolled = await store.call(store.enrol_kiosk, body.code, time.time())
    if enrolled is None:
        return refusal(401, ProblemCode.WRONG_CODE, "unknown or expired enrolment code")
    throttle.forgive(key)
    label, token = enrolled
    log.info("kiosk %s enrolled", label)
    await store.call(store.audit, time.time(), "kiosk", None, "enrolled", None, label)
    return web.json_response({"label": label, "token": token})
