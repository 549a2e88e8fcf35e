"""The PySide6 face of the kiosk: widgets bound to a controller QObject."""
