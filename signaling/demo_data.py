"""Demo data: a realistic Nurmes service point, its agencies and remote-service hours,
a demo clerk and a demo kiosk. No real person appears here.

Hours follow the pattern of the joint service points: weekdays, agency by agency, with
Kela's extended-hours pilot on Tuesdays (08-18) and the national holidays closed, so at
any moment some agencies are open and some are closed. "Palveluneuvonta" (service
guidance) is the demo's own always-open desk, so the demo can take a call at any hour.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

from signaling.exceptions import StoreError
from signaling.store import Store

POINT = "Nurmes"
KIOSK_LABEL = "nurmes-1"
CLERK_USERNAME = "demo"
CLERK_PASSWORD = "demo"
#: An interpreter account (same password) for trying three-way calls.
INTERPRETER_USERNAME = "tulkki"
#: Finnish Sign Language, Russian, Ukrainian, Arabic, Somali, English, Estonian, North Sami.
INTERPRETER_LANGUAGES = ("fse", "ru", "uk", "ar", "so", "en", "et", "se")
DEMO_DESK = "neuvonta"

#: code -> (names, routes by language)
AGENCIES: dict[str, tuple[dict[str, str], bool]] = {
    "neuvonta": (
        {"fi": "Palveluneuvonta", "sv": "Servicerådgivning", "en": "Service guidance"},
        False,
    ),
    "kela": ({"fi": "Kela", "sv": "FPA", "en": "Kela (social insurance)"}, False),
    "vero": (
        {"fi": "Verohallinto", "sv": "Skatteförvaltningen", "en": "Tax Administration"},
        False,
    ),
    "poliisi": (
        {
            "fi": "Poliisin lupapalvelut",
            "sv": "Polisens tillståndstjänster",
            "en": "Police permit services",
        },
        False,
    ),
    "te": ({"fi": "TE-palvelut", "sv": "TE-tjänsterna", "en": "Employment services"}, False),
    "migri": (
        {
            "fi": "Maahanmuuttovirasto",
            "sv": "Migrationsverket",
            "en": "Finnish Immigration Service",
        },
        True,
    ),
    "dvv": (
        {
            "fi": "Digi- ja väestötietovirasto",
            "sv": "Myndigheten för digitalisering och befolkningsdata",
            "en": "Digital and Population Data Services Agency",
        },
        False,
    ),
    "mml": (
        {"fi": "Maanmittauslaitos", "sv": "Lantmäteriverket", "en": "National Land Survey"},
        False,
    ),
    "oikeusapu": ({"fi": "Oikeusapu", "sv": "Rättshjälp", "en": "Legal aid"}, False),
    "ulosotto": (
        {"fi": "Ulosottolaitos", "sv": "Utsökningsverket", "en": "Enforcement Authority"},
        False,
    ),
}

#: The agencies' names in the kiosk's other languages (North Sami, Russian, Ukrainian,
#: Estonian, Arabic, Somali): the catalogue carries them, the kiosk shows them.
MORE_NAMES: dict[str, tuple[str, str, str, str, str, str]] = {
    "neuvonta": (
        "Bálvalusbagadus",
        "Консультации по услугам",
        "Консультації щодо послуг",
        "Teenindusnõustamine",
        "الإرشاد إلى الخدمات",
        "Hagidda adeegyada",
    ),
    "kela": (
        "Kela",
        "Kela (социальное страхование)",
        "Kela (соціальне страхування)",
        "Kela (sotsiaalkindlustus)",
        "Kela (الضمان الاجتماعي)",
        "Kela (caymiska bulshada)",
    ),
    "vero": (
        "Vearrohálddahus",
        "Налоговая администрация",
        "Податкова адміністрація",
        "Maksuamet",
        "مصلحة الضرائب",
        "Maamulka Canshuuraha",
    ),
    "poliisi": (
        "Politiija lobibálvalusat",
        "Полиция: разрешения",
        "Поліція: дозволи",
        "Politsei loateenused",
        "خدمات تصاريح الشرطة",
        "Adeegyada ogolaanshaha booliska",
    ),
    "te": (
        "Bargofápmobálvalusat",
        "Службы занятости (TE)",
        "Служби зайнятості (TE)",
        "Tööhõiveteenused (TE)",
        "خدمات التوظيف",
        "Adeegyada shaqada",
    ),
    "migri": (
        "Sisafárrandoaimmahat",
        "Миграционная служба Финляндии",
        "Міграційна служба Фінляндії",
        "Soome migratsiooniamet",
        "دائرة الهجرة الفنلندية",
        "Adeegga Socdaalka Finland",
    ),
    "dvv": (
        "Digi- ja álbmotdieđuid virgedoaimmahat",
        "Агентство цифровизации и данных о населении",
        "Агентство цифровізації та даних про населення",
        "Digi- ja rahvastikuandmete amet",
        "وكالة الرقمنة وبيانات السكان",
        "Wakaaladda Dijitaalka iyo Xogta Dadweynaha",
    ),
    "mml": (
        "Eanananmihtideapmi",
        "Земельная служба Финляндии",
        "Земельна служба Фінляндії",
        "Maamõõduamet",
        "هيئة المساحة الوطنية",
        "Sahanka Dhulka Qaranka",
    ),
    "oikeusapu": (
        "Riektevehkki",
        "Правовая помощь",
        "Правова допомога",
        "Õigusabi",
        "المساعدة القانونية",
        "Gargaarka sharciga",
    ),
    "ulosotto": (
        "Bággoeallinlágádus",
        "Служба принудительного взыскания",
        "Служба примусового стягнення",
        "Täitmisamet",
        "هيئة التنفيذ",
        "Hay'adda Fulinta",
    ),
}
MORE_LANGUAGES = ("se", "ru", "uk", "et", "ar", "so")

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
WEEKDAYS = (MON, TUE, WED, THU, FRI)
#: code -> [(days, opens, closes)]
HOURS: dict[str, list[tuple[tuple[int, ...], str, str]]] = {
    "neuvonta": [((MON, TUE, WED, THU, FRI, SAT, SUN), "00:00", "24:00")],
    "kela": [(WEEKDAYS, "09:00", "16:00")],
    "vero": [((MON, TUE, WED, THU), "09:00", "15:00")],
    "poliisi": [((WED,), "10:00", "14:00")],
    "te": [(WEEKDAYS, "09:00", "16:00")],
    "migri": [((TUE, THU), "09:00", "12:00")],
    "dvv": [(WEEKDAYS, "09:00", "15:00")],
    "mml": [((THU,), "09:00", "12:00")],
    "oikeusapu": [((MON,), "09:00", "15:00")],
    "ulosotto": [((TUE,), "09:00", "15:00")],
}
#: Finnish public holidays of the demo's season, closed for every agency.
HOLIDAYS = ("2026-12-06", "2026-12-24", "2026-12-25", "2026-12-26", "2027-01-01", "2027-01-06")


@dataclass(frozen=True)
class DemoCredentials:
    clerk_username: str
    clerk_password: str
    kiosk_token: str
    appointment_code: str = ""


def seed_demo(store: Store, today: date | None = None) -> DemoCredentials:
    """Create the demo data once; on later runs only issue a fresh kiosk token."""
    if not store.agencies():
        today = today or date.today()
        store.add_point(POINT)
        for code, (names, by_language) in AGENCIES.items():
            names = {**names, **dict(zip(MORE_LANGUAGES, MORE_NAMES[code], strict=True))}
            store.add_agency(code, names, routes_by_language=by_language)
            for days, opens, closes in HOURS[code]:
                for day in days:
                    store.add_hours(POINT, code, day, opens, closes)
            if code != DEMO_DESK:
                for holiday in HOLIDAYS:
                    store.add_exception(holiday, agency=code, note="public holiday")
        # The extended-hours pilot: Kela on Tuesdays 08-18 for three months.
        store.add_hours(
            POINT,
            "kela",
            TUE,
            "08:00",
            "18:00",
            today.isoformat(),
            (today + timedelta(days=90)).isoformat(),
        )
        store.add_service(
            "kela",
            "asumistuki",
            {"fi": "Asumistuki", "sv": "Bostadsbidrag", "en": "Housing allowance"},
        )
        store.add_service(
            "vero", "verokortti", {"fi": "Verokortti", "sv": "Skattekort", "en": "Tax card"}
        )
        store.add_clerk(
            CLERK_USERNAME,
            CLERK_PASSWORD,
            "Demo Clerk",
            list(AGENCIES),
            languages=("fi", "sv", "en"),
        )
        token = store.add_kiosk(POINT, KIOSK_LABEL)
    else:
        try:
            token = store.rotate_kiosk_token(KIOSK_LABEL)
        except StoreError:
            token = store.add_kiosk(POINT, KIOSK_LABEL)
    if store.password_hash(INTERPRETER_USERNAME) is None:  # also in demo databases from before
        store.add_clerk(
            INTERPRETER_USERNAME,
            CLERK_PASSWORD,
            "Demo Interpreter",
            [],
            languages=INTERPRETER_LANGUAGES,
            role="interpreter",
        )
    # A Kela appointment with the demo clerk, due in five minutes, to try the code entry.
    code = store.add_appointment(POINT, "kela", time.time() + 300, "fi", CLERK_USERNAME)
    return DemoCredentials(CLERK_USERNAME, CLERK_PASSWORD, token, code)
