"""Who is connected, as what: principals, their connections, and a clerk's tabs in order.

A kiosk has at most one live connection (a newer one replaces the older: a restarted
kiosk). A clerk or interpreter may have several (console tabs, a second browser); they
are kept in the order they connected, so that "the clerk's connection" is never an
arbitrary pick: a call belongs to the tab that accepted it (calling.py), and messages
about queues and offers go to every tab.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from protocol.messages import Role


@dataclass(frozen=True)
class KioskPrincipal:
    """An authenticated kiosk: which device, at which service point."""

    kiosk_id: int
    label: str
    point_id: int
    point_name: str
    role: Role = field(default="kiosk", init=False)


@dataclass(frozen=True)
class ClerkPrincipal:
    """An authenticated clerk, the agencies they serve and the languages they speak; or,
    with ``role`` "interpreter", an interpreter and the languages they interpret."""

    clerk_id: int
    display_name: str
    agencies: frozenset[str]
    languages: frozenset[str] = frozenset({"fi"})
    #: When the login behind this connection ends (Unix time); the hub closes it then.
    session_expires: float = float("inf")
    role: Role = "clerk"
    #: The login session behind this connection (its digest), so that a logout closes
    #: exactly the connections opened with it.
    session: str = ""
    #: The console tab that opened this connection (its own random id, kept across its
    #: reloads): a tab reconnecting after its link dropped takes its call back, while
    #: another open tab of the same clerk leaves it where it is.
    tab: str = ""


Principal = KioskPrincipal | ClerkPrincipal


class Presence:
    """The live connections of one server process, indexed the ways the core asks."""

    def __init__(self) -> None:
        self._principals: dict[str, Principal] = {}
        self._kiosk_conn: dict[int, str] = {}
        #: kiosk id -> (point id, point name), kept after the kiosk disconnects so that a
        #: queued customer's entry still names the point.
        self.kiosk_points: dict[int, tuple[int, str]] = {}
        self._clerk_conns: dict[int, list[str]] = {}

    def __contains__(self, conn: str) -> bool:
        return conn in self._principals

    def principal(self, conn: str) -> Principal | None:
        return self._principals.get(conn)

    def add(self, conn: str, principal: Principal) -> str | None:
        """Register ``conn``; returns the kiosk connection it replaces, if any."""
        self._principals[conn] = principal
        if isinstance(principal, KioskPrincipal):
            previous = self._kiosk_conn.get(principal.kiosk_id)
            self._kiosk_conn[principal.kiosk_id] = conn
            self.kiosk_points[principal.kiosk_id] = (principal.point_id, principal.point_name)
            if previous is not None and previous != conn:
                self._principals.pop(previous, None)
                return previous
            return None
        self._clerk_conns.setdefault(principal.clerk_id, []).append(conn)
        return None

    def remove(self, conn: str) -> Principal | None:
        """Forget ``conn``; None when it was unknown or already replaced."""
        principal = self._principals.pop(conn, None)
        if isinstance(principal, KioskPrincipal):
            if self._kiosk_conn.get(principal.kiosk_id) == conn:
                del self._kiosk_conn[principal.kiosk_id]
        elif principal is not None:
            conns = self._clerk_conns.get(principal.clerk_id, [])
            if conn in conns:
                conns.remove(conn)
            if not conns:
                self._clerk_conns.pop(principal.clerk_id, None)
        return principal

    def kiosk_conn(self, kiosk_id: int) -> str | None:
        return self._kiosk_conn.get(kiosk_id)

    def kiosk_conns(self) -> list[tuple[int, str]]:
        return list(self._kiosk_conn.items())

    def clerk_conns(self, clerk_id: int) -> tuple[str, ...]:
        """Every connection (tab) of a clerk or interpreter, oldest first."""
        return tuple(self._clerk_conns.get(clerk_id, ()))

    def clerks_online(self) -> list[tuple[int, tuple[str, ...]]]:
        return [(clerk_id, tuple(conns)) for clerk_id, conns in self._clerk_conns.items()]

    def is_clerk_online(self, clerk_id: int) -> bool:
        return clerk_id in self._clerk_conns

    def counts(self) -> tuple[int, int]:
        """(kiosks, clerks and interpreters) connected."""
        kiosks = sum(1 for pr in self._principals.values() if isinstance(pr, KioskPrincipal))
        return kiosks, len(self._principals) - kiosks
