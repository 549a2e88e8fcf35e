"""A widget that shows the latest video frame, scaled to fit, letterboxed in black."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Over a picture that stopped: dark enough that it cannot pass for a live one.
FROZEN_VEIL = QColor(0, 0, 0, 150)
#: Around the picture of whoever is speaking (a visual sign of sound, EN 301 549 6.5.5):
#: a thick frame, green as the sound meters people know, 7.8:1 on the letterbox black.
SPEAKING_FRAME = QColor("#3fbf3f")
SPEAKING_WIDTH = 10


class VideoView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self.frames_shown = 0
        #: The last picture is shown dimmed because no new one comes.
        self.frozen = False
        #: The person in the picture is speaking: a frame is drawn around it.
        self.speaking = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def show_image(self, image: QImage) -> None:
        self._image = image
        self.frames_shown += 1
        self.update()

    def clear(self) -> None:
        self._image = None
        self.frozen = False
        self.speaking = False
        self.update()

    def set_speaking(self, speaking: bool) -> None:
        if speaking != self.speaking:
            self.speaking = speaking
            self.update()

    def set_frozen(self, frozen: bool) -> None:
        """The picture stopped (the connection is down): show it dimmed, never as if live."""
        if frozen != self.frozen:
            self.frozen = frozen
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#111111"))
        if self._image is None or self._image.isNull():
            return
        size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(self.rect().center())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self._image)
        if self.frozen:
            painter.fillRect(target, FROZEN_VEIL)
        elif self.speaking:
            half = SPEAKING_WIDTH // 2
            painter.setPen(QPen(SPEAKING_FRAME, SPEAKING_WIDTH))
            painter.drawRect(target.adjusted(half, half, -half, -half))
