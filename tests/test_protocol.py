"""Protocol validation without I/O: what is accepted, what is refused, and how it is said."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from protocol import messages as p
from protocol.exceptions import ProtocolError
from signaling import authz

DOCS = Path(__file__).parents[1] / "docs" / "protocol.md"


def refused(raw: str | bytes) -> ProtocolError:
    with pytest.raises(ProtocolError) as info:
        p.parse_client_message(raw)
    return info.value


def test_valid_messages_decode_to_their_types() -> None:
    assert p.parse_client_message('{"type":"queue.join","agency":"kela","language":"fi"}') == (
        p.QueueJoin(agency="kela", language="fi")
    )
    message = p.parse_client_message(
        json.dumps(
            {
                "type": "signal",
                "call_id": "c-1",
                "to": "kiosk",
                "candidate": {
                    "candidate": "candidate:1 1 udp 1 127.0.0.1 5000 typ host",
                    "sdpMid": "0",
                    "sdpMLineIndex": 0,
                },
            }
        )
    )
    assert isinstance(message, p.SignalOut) and message.candidate is not None


@pytest.mark.parametrize(
    ("raw", "code", "names"),
    [
        ("not json", "bad_message", "not JSON"),
        ("[1, 2]", "bad_message", "JSON object"),
        ('{"type": "nope"}', "bad_message", "nope"),
        ('{"agency": "kela"}', "bad_message", "type"),
        ('{"type":"queue.join","agency":"Kela X","language":"fi"}', "bad_message", "agency"),
        ('{"type":"queue.join","agency":"kela","language":"finnish"}', "bad_message", "language"),
        ('{"type":"queue.join","agency":"kela","language":"fi","x":1}', "bad_message", "x"),
        ('{"type":"call.end","call_id":"c 1"}', "bad_message", "call_id"),
        ('{"type":"call.end","call_id":"c1","outcome":"great"}', "bad_message", "outcome"),
        ('{"type":"feedback","call_id":"c1","score":6}', "bad_message", "score"),
        (
            '{"type":"feedback","call_id":"c1","score":3,"reason":"rude words"}',
            "bad_message",
            "reason",
        ),
        ('{"type":"call.document","call_id":"c1","bytes":0}', "bad_message", "bytes"),
        (
            '{"type":"kiosk.health","camera":"ok","microphone":"ok","speaker":"ok",'
            '"document_camera":"on fire","version":"1"}',
            "bad_message",
            "document_camera",
        ),
        ('{"type":"clerk.status","status":"sleeping"}', "bad_message", "status"),
        (
            '{"type":"queue.join","agency":"kela","appointment":"12345678","language":"fi"}',
            "bad_message",
            "exactly one",
        ),
        ('{"type":"signal","call_id":"c1","to":"kiosk"}', "bad_message", "exactly one"),
        (
            '{"type":"signal","call_id":"c1","to":"kiosk","end_of_candidates":true,'
            '"description":{"type":"offer","sdp":"v=0"}}',
            "bad_message",
            "exactly one",
        ),
        (
            '{"type":"signal","call_id":"c1","to":"k","description":{"type":"pranswer","sdp":"v"}}',
            "bad_message",
            "description.type",
        ),
    ],
)
def test_bad_messages_are_refused_with_a_clear_reason(raw: str, code: str, names: str) -> None:
    error = refused(raw)
    assert error.code == code
    assert names in error.message


def test_error_names_the_bad_value() -> None:
    error = refused('{"type":"queue.join","agency":"Kela X","language":"fi"}')
    assert "'Kela X'" in error.message
    assert error.in_reply_to == "queue.join"


def test_oversized_message_is_refused() -> None:
    padding = "x" * p.MAX_MESSAGE_BYTES
    error = refused(json.dumps({"type": "queue.leave", "pad": padding}))
    assert error.code == "too_large"


def test_server_messages_round_trip_with_aliases() -> None:
    relayed = p.SignalIn(call_id="c1", from_="clerk", end_of_candidates=True)
    wire = p.encode(relayed)
    assert json.loads(wire)["from"] == "clerk"
    assert p.parse_server_message(wire) == relayed


def test_messages_are_immutable() -> None:
    join = p.QueueJoin(agency="kela", language="fi")
    with pytest.raises(ValueError):
        join.agency = "vero"  # type: ignore[misc]


def test_every_client_message_has_a_sender_rule() -> None:
    types = {m.model_fields["type"].default for m in p.CLIENT_MESSAGE_TYPES}
    assert types == set(authz.RULES)


def test_json_schema_accepts_what_the_models_accept() -> None:
    schema = p.json_schema()
    client = {"$ref": "#/$defs/ClientMessage", "$defs": schema["$defs"]}
    jsonschema.validate({"type": "queue.join", "agency": "kela", "language": "fi"}, client)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"type": "queue.join", "agency": "kela"}, client)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"type": "welcome", "role": "kiosk", "name": "x"}, client)


def test_schema_command_prints_the_schema() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "signaling", "schema"], check=True, capture_output=True, text=True
    ).stdout
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert {"ClientMessage", "ServerMessage", "CallStarted"} <= set(schema["$defs"])


def test_docs_describe_every_message() -> None:
    text = DOCS.read_text()
    for model in (*p.CLIENT_MESSAGE_TYPES, *p.SERVER_MESSAGE_TYPES):
        name = model.model_fields["type"].default
        assert f"`{name}`" in text, f"docs/protocol.md does not describe {name}"


def test_deeply_nested_json_is_a_bad_message_not_a_traceback() -> None:
    error = refused("[" * 100_000 + "]" * 100_000)
    assert error.code in ("bad_message", "too_large")
    nested = '{"type":"queue.join","agency":' + "[" * 5000 + "]" * 5000 + "}"
    assert refused(nested).code == "bad_message"
    deep = "[" * 60_000  # under the size limit, far over the parser's recursion limit
    assert refused(deep).code == "bad_message" and "nested" in refused(deep).message


def test_document_channel_messages_are_typed_and_refused_by_field() -> None:
    from protocol import documents as d

    digest = "a" * 64
    begin = d.parse_document_message(
        json.dumps(
            {
                "t": "begin",
                "id": "d-1",
                "name": "scan.pdf",
                "mime": "application/pdf",
                "size": 10,
                "sha256": digest,
            }
        )
    )
    assert begin == d.Begin(
        id="d-1", name="scan.pdf", mime="application/pdf", size=10, sha256=digest
    )
    assert d.parse_document_message('{"t":"request"}') == d.Request()
    for raw, field in (
        ('{"t":"have","id":"d-1","bytes":-1}', "bytes"),
        ('{"t":"received","id":"d-1","sha256":"xyz"}', "sha256"),
        (
            '{"t":"begin","id":"../etc","name":"a","mime":"x","size":1,"sha256":"' + digest + '"}',
            "id",
        ),
        ('{"t":"launch","id":"d-1"}', "t"),
        ('{"t":"end","id":"d-1","extra":1}', "extra"),
    ):
        with pytest.raises(ProtocolError) as info:
            d.parse_document_message(raw)
        assert info.value.code == "bad_message" and field in info.value.message, raw
    with pytest.raises(ProtocolError) as info:
        d.parse_document_message("[" * 3000)
    assert info.value.code in ("bad_message", "too_large")


def test_the_protocol_package_imports_nothing_of_the_server_or_the_kiosk() -> None:
    """The contract among three programs: a kiosk must not need the server's packages."""
    code = (
        "import sys, protocol.messages, protocol.documents;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('signaling', 'kiosk', 'media', 'aiohttp', 'aiortc', 'psycopg', 'argon2', 'PySide6'));"
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"protocol imports {result.stdout.strip()}"


def test_the_console_knows_the_same_sign_languages_as_the_protocol() -> None:
    source = (Path(__file__).parents[1] / "agent_console/static/signaling.js").read_text()
    match = re.search(r"SIGN_LANGUAGES = new Set\(\[([^\]]*)\]\)", source)
    assert match is not None, "signaling.js names the sign languages"
    assert set(re.findall(r"'([a-z]+)'", match.group(1))) == set(p.SIGN_LANGUAGES)
