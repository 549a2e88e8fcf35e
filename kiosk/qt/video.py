"""A widget that shows the latest video frame, scaled to fit, letterboxed in black."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

#: Over a picture that stopped: dark enough that it cannot pass for a live one.
FROZEN_VEIL = QColor(0, 0, 0, 150)
#: Around the picture of whoever is speaking (a visual sign of sound, EN 301 549 6.5.5):
#: a thick frame, green as the sound meters people know, 7.8:1 on the letterbox black.
SPEAKING_FRAME = QColor("#3fbf3f")
SPEAKING_WIDTH = 10


LETTERBOX = QColor("#111111")


def letterbox(area: QRect, picture: QRect) -> list[QRect]:
    """The parts of ``area`` around ``picture`` (the bars painted black)."""
    bars = [
        QRect(area.left(), area.top(), area.width(), picture.top() - area.top()),
        QRect(area.left(), picture.bottom() + 1, area.width(), area.bottom() - picture.bottom()),
        QRect(area.left(), picture.top(), picture.left() - area.left(), picture.height()),
        QRect(picture.right() + 1, picture.top(), area.right() - picture.right(), picture.height()),
    ]
    return [bar for bar in bars if not bar.isEmpty()]


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
        self._boxes: tuple[dict[str, tuple[int, int]], str] | None = None

    def shows(self, boxes: dict[str, tuple[int, int]], stream: str) -> None:
        """Tell ``boxes`` (FrameConverter.boxes) this view's size for ``stream`` now and
        whenever it changes, so that its pictures come at the size they are shown."""
        self._boxes = (boxes, stream)
        self._tell_size()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._tell_size()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._tell_size()  # the stream's other view (the waiting screen's mirror) is gone

    def _tell_size(self) -> None:
        if self._boxes is not None and self.isVisible():
            boxes, stream = self._boxes
            boxes[stream] = (self.width(), self.height())

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
        image = self._image
        if image is None or image.isNull():
            painter.fillRect(self.rect(), LETTERBOX)
            return
        size = image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(self.rect().center())
        for bar in letterbox(self.rect(), target):
            painter.fillRect(bar, LETTERBOX)
        if size == image.size():  # scaled on the converter's thread: a plain copy
            painter.drawImage(target.topLeft(), image)
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image)
        if self.frozen:
            painter.fillRect(target, FROZEN_VEIL)
        elif self.speaking:
            half = SPEAKING_WIDTH // 2
            painter.setPen(QPen(SPEAKING_FRAME, SPEAKING_WIDTH))
            painter.drawRect(target.adjusted(half, half, -half, -half))
