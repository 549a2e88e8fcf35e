"""The browser pages' words (agent_console/static/i18n/): every key a page uses is
translated in Finnish, Swedish and English, every translated key is used, and each
language keeps the same placeholders."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import get_args

from protocol import messages as p
from signaling.problems import ProblemCode
from signaling.roles import Role
from signaling.supervisor.answers import AppointmentEntry

STATIC = Path(__file__).parents[1] / "agent_console" / "static"
LANGUAGES = ("fi", "sv", "en")
#: Keys a page builds from a value (t(`activity.${k.activity}`)): each value must have one.
FAMILIES = {
    "activity": {"offline", "idle", "queued", "in_call"},
    "device": {"camera", "microphone", "speaker", "document_camera"},
    "check": set(get_args(p.SelfTestCheck)),
    "feed": {"live", "reconnecting", "offline"},
    "role": {role.value for role in Role},
    "problem": {code.value for code in ProblemCode},  # every refusal's code (dom.js)
    "reason": set(get_args(p.FeedbackReason)),
    "appointment": set(get_args(AppointmentEntry.model_fields["status"].annotation)),
    # the console's
    "connection": {"open", "reconnecting", "offline"},
    "availability": {
        f"{status}{who}"
        for status in ("available", "offered", "busy", "away")
        for who in ("", "_interpreter")
    },
    "kind": {"walk_in", "transferred", "appointment"},
    "offer": {"walk_in", "transferred", "appointment"},
    "who": {"kiosk", "clerk", "interpreter"},
    "link": {"full", "reduced", "stills", "audio", "text", "lost"},
    "interpreting": {"requested", "requested_none", "joined", "left", "timed_out", "cancelled"},
    "notice": set(get_args(p.CallNotice.model_fields["code"].annotation)),
    "error": set(get_args(p.ErrorCode)),
    "sign": {"fse", "fss"},
}


def messages(language: str) -> dict[str, str]:
    return dict(json.loads((STATIC / "i18n" / f"{language}.json").read_text()))


#: The clerk's console: its page and modules.
CONSOLE = [STATIC / "index.html", *STATIC.glob("*.js"), *STATIC.glob("views/*.js")]


def used_keys() -> tuple[set[str], set[str]]:
    """(keys written out, families built from a value) in the pages that use i18n.js."""
    keys: set[str] = set()
    families: set[str] = set()
    prefixes = {key.split(".")[0] for key in messages("fi")}
    for path in [*STATIC.glob("dashboard/*"), *CONSOLE]:
        text = path.read_text()
        keys |= set(re.findall(r"data-i18n(?:-label)?=\"([\w.]+)\"", text))
        literals = set(re.findall(r"'([a-z_]+\.[a-z0-9_]+)'", text))  # 'login.wrong' and the like
        if path in CONSOLE:  # its modules also name messages ('call.started'): not words
            literals = {k for k in literals if k.split(".")[0] in prefixes}
        keys |= literals
        families |= set(re.findall(r"\bt\(`(\w+)\.\$\{", text))
    return keys, families


def test_every_word_is_in_every_language_and_every_translation_is_used() -> None:
    fi = messages("fi")
    for language in LANGUAGES[1:]:
        assert set(messages(language)) == set(fi), f"{language} has other keys than fi"
    keys, families = used_keys()
    assert families == set(FAMILIES)
    expected = keys | {
        f"{family}.{value}" for family, values in FAMILIES.items() for value in values
    }
    missing = expected - set(fi)
    assert missing == set(), f"untranslated: {sorted(missing)}"
    unused = set(fi) - expected
    assert unused == set(), f"translated but used nowhere: {sorted(unused)}"


def test_each_language_keeps_the_placeholders_and_says_something() -> None:
    fi = messages("fi")
    for language in LANGUAGES:
        for key, text in messages(language).items():
            assert text.strip(), f"{language} {key} is empty"
            assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", fi[key])), (
                f"{language} {key}"
            )
