"""Which ICE servers each call member gets: STUN/TURN URLs from the configuration, with
TURN credentials made per call by coturn's TURN REST API scheme (``use-auth-secret``):

    username   = "<expiry unix time>:<call id>"
    credential = base64(HMAC-SHA1(static-auth-secret, username))

coturn checks the HMAC and the expiry itself, so the server never talks to coturn and a
leaked credential stops working when its call's time is up. Pure: time is a parameter.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass, field

from protocol.messages import IceServer, IceTransportPolicy


def turn_credentials(secret: str, name: str, now: float, ttl_s: float) -> tuple[str, str]:
    username = f"{int(now + ttl_s)}:{name}"
    digest = hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()
    return username, base64.b64encode(digest).decode()


@dataclass(frozen=True)
class IcePolicy:
    #: STUN URLs (no credentials) and TURN URLs (credentials made per call).
    stun_urls: tuple[str, ...] = ()
    turn_urls: tuple[str, ...] = ()
    turn_secret: str | None = field(default=None, repr=False)
    #: How long a call's TURN credentials last; a call longer than this needs a new one.
    turn_ttl_s: float = 4 * 3600.0
    #: Relay-only: media always goes through TURN (hides addresses; crosses strict NATs).
    relay_only: bool = False

    @property
    def probe_urls(self) -> list[str]:
        """The TURN URLs a kiosk may test ahead of a call (none unless TURN is on)."""
        return list(self.turn_urls) if self.turn_secret else []

    def for_call(self, call_id: str, now: float) -> tuple[list[IceServer], IceTransportPolicy]:
        servers = [IceServer(urls=[url]) for url in self.stun_urls]
        if self.turn_urls and self.turn_secret:
            username, credential = turn_credentials(self.turn_secret, call_id, now, self.turn_ttl_s)
            servers.append(
                IceServer(urls=list(self.turn_urls), username=username, credential=credential)
            )
        return servers, "relay" if self.relay_only else "all"
