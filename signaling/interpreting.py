"""Interpreters: who is available in which language, and the invitations of open requests.

Pure bookkeeping, no I/O: the switchboard turns what these methods return into messages.

A call has at most one open request. It reaches every available interpreter of its
language who is not in a call, each with an invitation id of their own (unguessable,
valid once): the first to accept takes the call and every other invitation of that
request is void. An interpreter who becomes available while a request is open is
invited at once. A request nobody takes by ``expires_at`` times out; the clerk decides
whether to ask again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from protocol.messages import Requester, VoidReason


@dataclass
class Request:
    call_id: str
    language: str
    agency: str
    requested_by: Requester
    expires_at: float
    #: invitation id -> interpreter id
    invitations: dict[str, int] = field(default_factory=dict)


@dataclass
class Desk:
    interpreter_id: int
    languages: frozenset[str]
    available: bool = False
    in_call: bool = False

    @property
    def free(self) -> bool:
        return self.available and not self.in_call


@dataclass(frozen=True)
class Void:
    """An invitation that no longer holds, and why (InvitationWithdrawn's reasons)."""

    invitation: str
    interpreter_id: int
    reason: VoidReason


class InterpreterPool:
    def __init__(self, *, timeout_s: float, new_id: Callable[[str], str]) -> None:
        self.timeout_s = timeout_s
        self._new_id = new_id
        self.desks: dict[int, Desk] = {}
        self.requests: dict[str, Request] = {}  # call id -> its open request

    # --- interpreters --------------------------------------------------------------------

    def seat(self, interpreter_id: int, languages: frozenset[str]) -> Desk:
        """An interpreter's first connection: away until they say otherwise."""
        return self.desks.setdefault(interpreter_id, Desk(interpreter_id, languages))

    def unseat(self, interpreter_id: int) -> list[Void]:
        self.desks.pop(interpreter_id, None)
        return self._void_of(interpreter_id, "away")

    def set_available(self, interpreter_id: int) -> list[tuple[str, Request]]:
        """Available: invited to every open request of their languages."""
        desk = self.desks[interpreter_id]
        desk.available = True
        return self._invite_desk(desk)

    def set_away(self, interpreter_id: int) -> list[Void]:
        self.desks[interpreter_id].available = False
        return self._void_of(interpreter_id, "away")

    def invitations_of(self, interpreter_id: int) -> list[tuple[str, Request]]:
        return [
            (invitation, request)
            for request in self.requests.values()
            for invitation, invitee in request.invitations.items()
            if invitee == interpreter_id
        ]

    def left_call(self, interpreter_id: int) -> list[tuple[str, Request]]:
        """Out of a call: free again, and invited to what is open."""
        desk = self.desks.get(interpreter_id)
        if desk is None:
            return []
        desk.in_call = False
        return self._invite_desk(desk)

    # --- requests ------------------------------------------------------------------------

    def request(
        self, call_id: str, language: str, agency: str, requested_by: Requester, now: float
    ) -> tuple[Request, list[Void]]:
        """Open (or renew) the call's request; the old one's invitations are void."""
        voided = self._close(call_id, "cancelled")
        request = Request(call_id, language, agency, requested_by, now + self.timeout_s)
        self.requests[call_id] = request
        for desk in self.desks.values():
            if desk.free and language in desk.languages:
                request.invitations[self._new_id("i")] = desk.interpreter_id
        return request, voided

    def cancel(
        self, call_id: str, reason: VoidReason = "cancelled"
    ) -> tuple[Request | None, list[Void]]:
        request = self.requests.get(call_id)
        return request, self._close(call_id, reason)

    def decline(self, interpreter_id: int, invitation: str) -> Void:
        request = self._request_of(interpreter_id, invitation)
        del request.invitations[invitation]
        return Void(invitation, interpreter_id, "declined")

    def accept(self, interpreter_id: int, invitation: str) -> tuple[Request, list[Void]]:
        """The interpreter takes the call: the request closes, every other invitation of
        it is void, and so are the interpreter's invitations to other calls."""
        request = self._request_of(interpreter_id, invitation)
        del self.requests[request.call_id]
        voided = [
            Void(other, invitee, "taken")
            for other, invitee in request.invitations.items()
            if other != invitation
        ]
        self.desks[interpreter_id].in_call = True
        voided += self._void_of(interpreter_id, "busy")
        return request, voided

    def expire(self, now: float) -> list[tuple[Request, list[Void]]]:
        expired = [r for r in self.requests.values() if r.expires_at <= now]
        return [(r, self._close(r.call_id, "expired")) for r in expired]

    def _request_of(self, interpreter_id: int, invitation: str) -> Request:
        """KeyError unless ``invitation`` is open and was given to this interpreter."""
        for request in self.requests.values():
            if request.invitations.get(invitation) == interpreter_id:
                return request
        raise KeyError(invitation)

    def _close(self, call_id: str, reason: VoidReason) -> list[Void]:
        request = self.requests.pop(call_id, None)
        if request is None:
            return []
        return [Void(inv, who, reason) for inv, who in request.invitations.items()]

    def _void_of(self, interpreter_id: int, reason: VoidReason) -> list[Void]:
        voided = []
        for request in self.requests.values():
            for invitation, invitee in list(request.invitations.items()):
                if invitee == interpreter_id:
                    del request.invitations[invitation]
                    voided.append(Void(invitation, interpreter_id, reason))
        return voided

    def _invite_desk(self, desk: Desk) -> list[tuple[str, Request]]:
        if not desk.free:
            return []
        new = []
        for request in self.requests.values():
            if request.language in desk.languages and desk.interpreter_id not in (
                request.invitations.values()
            ):
                invitation = self._new_id("i")
                request.invitations[invitation] = desk.interpreter_id
                new.append((invitation, request))
        return new
