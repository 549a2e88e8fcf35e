"""Which ICE servers each call member gets: STUN/TURN URLs from the configuration, with
TURN credentials made per member of a call by coturn's TURN REST API scheme
(``use-auth-secret``):

    username   = "<expiry unix time>:<call id>:<member id>"
    credential = base64(HMAC-SHA1(static-auth-secret, username))

coturn checks the HMAC and the expiry itself, so the server never talks to coturn. The
expiry is checked when an allocation is made, not while it lasts (coturn/coturn#774), so
credentials can be short: a relay already up carries on, and a member that stays in the
call gets fresh ones (``call.ice``) before theirs expire, for the connections it makes
next. A member who left, or a leaked credential, opens nothing after a few minutes.
Pure: time is a parameter.
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
    #: How long a member's TURN credentials last; renewed at half of it while in the call.
    turn_ttl_s: float = 10 * 60.0
    #: Relay-only: media always goes through TURN (hides addresses; crosses strict NATs).
    relay_only: bool = False

    @property
    def probe_urls(self) -> list[str]:
        """The TURN URLs a kiosk may test ahead of a call (none unless TURN is on)."""
        return list(self.turn_urls) if self.turn_secret else []

    @property
    def uses_turn(self) -> bool:
        return bool(self.turn_urls and self.turn_secret)

    def for_member(
        self, call_id: str, member_id: str, now: float
    ) -> tuple[list[IceServer], IceTransportPolicy]:
        servers = [IceServer(urls=[url]) for url in self.stun_urls]
        if self.turn_urls and self.turn_secret:
            name = f"{call_id}:{member_id}"
            username, credential = turn_credentials(self.turn_secret, name, now, self.turn_ttl_s)
            servers.append(
                IceServer(urls=list(self.turn_urls), username=username, credential=credential)
            )
        return servers, "relay" if self.relay_only else "all"
