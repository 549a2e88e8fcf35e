"""Logs as one JSON object a line, for both programs (the server and the kiosk), so that
journald, a log shipper or ``jq`` reads fields rather than sentences.

Each line has ``at`` (UTC, ISO 8601), ``level``, ``logger`` and ``message``, and the
fields a log call gave with :func:`about`: ``event`` (what happened, dotted like the
protocol's messages), ``call_id``, ``ticket``, ``point``, ``agency``. Ids, codes of
agencies and places only: never a name, a username, chat, a token or an appointment code
(tests/test_logs_e2e.py reads a whole run's log for the personal data it used).
"""

from __future__ import annotations

import argparse
import json
import logging
from datetime import UTC, datetime
from typing import Any

#: The fields a log call may add, in the order a line shows them.
FIELDS = ("event", "call_id", "ticket", "point", "agency")
_KEY = "rs_fields"


def about(event: str, **fields: str | int | None) -> dict[str, Any]:
    """``extra=`` for a log call: what happened, and to which call, ticket, point or
    agency. Unknown field names are a programming error, said at once."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"not log fields: {sorted(unknown)}")
    return {_KEY: {"event": event, **{k: v for k, v in fields.items() if v is not None}}}


class JsonLines(logging.Formatter):
    """One JSON object a line; an exception's type, message and traceback go in
    ``error`` and ``traceback`` of the same line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(getattr(record, _KEY, {}))
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            line["error"] = f"{type(error).__name__}: {error}"
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(level: str, form: str) -> None:
    """The root logger to stderr, as ``json`` lines or ``text`` for a person reading."""
    handler = logging.StreamHandler()
    if form == "json":
        handler.setFormatter(JsonLines())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # Like logging.basicConfig, nothing changes where a handler is already set (a test's).
    logging.basicConfig(level=level.upper(), handlers=[handler])


def add_log_options(parser: argparse.ArgumentParser) -> None:
    """``--log-level`` and ``--log-format``, the same on both programs' command lines."""
    parser.add_argument(
        "--log-level",
        default="info",
        type=str.lower,
        choices=["debug", "info", "warning", "error"],
    )
    parser.add_argument(
        "--log-format",
        default="text",
        choices=["text", "json"],
        help="json: one JSON object a line (deployed units); text: for a person reading",
    )
