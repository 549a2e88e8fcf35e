"""Demo data: the Nurmes service point, a few agencies, a demo clerk and a demo kiosk.

No real person appears here; the clerk is a made-up demo account.
"""

from __future__ import annotations

from dataclasses import dataclass

from signaling.exceptions import StoreError
from signaling.store import Store

POINT = "Nurmes"
KIOSK_LABEL = "nurmes-1"
CLERK_USERNAME = "demo"
CLERK_PASSWORD = "demo"

AGENCIES: dict[str, dict[str, str]] = {
    "kela": {"fi": "Kela", "sv": "FPA", "en": "Kela (social insurance)"},
    "vero": {"fi": "Verohallinto", "sv": "Skatteförvaltningen", "en": "Tax Administration"},
    "poliisi": {
        "fi": "Poliisin lupapalvelut",
        "sv": "Polisens tillståndstjänster",
        "en": "Police permit services",
    },
    "te": {"fi": "TE-palvelut", "sv": "TE-tjänsterna", "en": "Employment services"},
}


@dataclass(frozen=True)
class DemoCredentials:
    clerk_username: str
    clerk_password: str
    kiosk_token: str


def seed_demo(store: Store) -> DemoCredentials:
    """Create the demo data once; on later runs only issue a fresh kiosk token."""
    existing = {a.code for a in store.agencies()}
    if not existing:
        store.add_point(POINT)
        for code, names in AGENCIES.items():
            store.add_agency(code, names)
        store.add_clerk(CLERK_USERNAME, CLERK_PASSWORD, "Demo Clerk", list(AGENCIES))
        token = store.add_kiosk(POINT, KIOSK_LABEL)
    else:
        try:
            token = store.rotate_kiosk_token(KIOSK_LABEL)
        except StoreError:
            token = store.add_kiosk(POINT, KIOSK_LABEL)
    return DemoCredentials(CLERK_USERNAME, CLERK_PASSWORD, token)
