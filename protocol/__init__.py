"""The contract between the server, the kiosk and the console, with no I/O and nothing of
any of them: every WebSocket message (:mod:`protocol.messages`) and every message on the
documents data channel (:mod:`protocol.documents`), typed, validated at the edge, and
exported as JSON Schema for the browser. Only the standard library and pydantic."""
