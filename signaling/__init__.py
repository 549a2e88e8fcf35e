"""Signalling server: WebSocket signalling, queues and routing, REST API, the console."""

__version__ = "0.1.0"
