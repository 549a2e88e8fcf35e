"""Why an HTTP request was refused, as a code a page can put in its user's language.

Every refusal's body (signaling.supervisor.answers.Problem) carries one of these codes,
an English sentence for scripts and logs, and, where one field was wrong, that field's
name: the dashboard translates the code (agent_console/static/i18n/, key ``problem.<code>``)
and marks the field, so a Finnish supervisor reads Finnish whatever the server says.
tests/test_browser_i18n.py checks that every code here is translated.
"""

from __future__ import annotations

from enum import StrEnum


class ProblemCode(StrEnum):
    NOT_LOGGED_IN = "not_logged_in"
    #: the caller's role may not use this route at all
    NOT_ALLOWED = "not_allowed"
    #: another agency's, point's or account's business
    OUT_OF_SCOPE = "out_of_scope"
    #: a field (named) or query parameter has a value the API does not take
    INVALID = "invalid"
    #: the body was not JSON, or too deep, or too slow to arrive
    NOT_JSON = "not_json"
    #: no such thing (the field named says which kind): kiosk, point, agency, clerk
    NOT_FOUND = "not_found"
    #: a name that is taken
    EXISTS = "exists"
    #: opening time not before closing time
    HOURS_ORDER = "hours_order"
    #: a time that has passed (an appointment)
    IN_THE_PAST = "in_the_past"
    #: only one of opening and closing time given
    HOURS_HALF = "hours_half"
    WRONG_LOGIN = "wrong_login"
    WRONG_CODE = "wrong_code"
    #: throttled: wait as long as Retry-After says
    TOO_MANY = "too_many"
    #: overloaded, or the database does not answer for a moment: try again
    BUSY = "busy"
    #: this node is on standby (the body may say which node serves)
    STANDBY = "standby"
    #: a host name, origin or cross-site request this server does not serve
    FOREIGN = "foreign"
