"""The citizen's kiosk: a Qt-free core (agent, state machines) and a PySide6 face."""

__version__ = "0.1.0"
