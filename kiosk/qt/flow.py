"""A row of controls that wraps onto the next line when the panel is too narrow for it:
the call's buttons in Russian on a 1366 px panel, or in portrait, stay whole instead of
pushing the window wider than the screen. Each line is centred, and laid out from the
right in a right-to-left language."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class FlowRow(QLayout):
    """Items left to right (right to left when mirrored), wrapped to the width given;
    ``uniform``: every item as wide as the widest (a grid whose columns follow the width)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 0,
        uniform: bool = False,
        columns: int = 0,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self._uniform = uniform or columns > 0
        #: A grid: at most this many on a line, and the line's items share its whole
        #: width (fewer, wider ones when large text makes them wider than a column).
        self._columns = columns
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add_layout(self, layout: QLayout) -> None:
        """A group kept on one line (the volume's "−", level, "+")."""
        self.addChildLayout(layout)
        self.addItem(layout)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        """Everything on one line (a grid's first line)."""
        shown = self._shown()[: self._columns or None]
        width = sum(self._width(item) for item in shown) + self._gap * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        """As narrow as the widest item; as high as the lines need at the width last
        given (one line before that): a stacked widget above, which does not ask
        heightForWidth, then keeps room for every line (a hidden page's width is stale)."""
        shown = self._shown()
        width = max((self._width(item) for item in shown), default=0)
        given = self.geometry().width()
        parent = self.parentWidget()
        if parent is not None and parent.isVisible() and given >= width > 0:
            return QSize(width, self.heightForWidth(given))
        return QSize(width, max((item.sizeHint().height() for item in shown), default=0))

    def _shown(self) -> list[QLayoutItem]:
        shown = []
        for item in self._items:
            widget = item.widget() if isinstance(item, QWidgetItem) else None
            if widget is None or not widget.isHidden():
                shown.append(item)
        return shown

    def _width(self, item: QLayoutItem) -> int:
        if self._uniform:
            return max((other.sizeHint().width() for other in self._shown()), default=0)
        return item.sizeHint().width()

    def _per_line(self, width: int) -> int:
        """A grid's items on each line at ``width``."""
        cell = max((self._width(item) for item in self._shown()), default=1)
        return max(1, min(self._columns, (width + self._gap) // (cell + self._gap)))

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        if self._columns:
            shown, per_line = self._shown(), self._per_line(width)
            return [shown[i : i + per_line] for i in range(0, len(shown), per_line)]
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            need = self._width(item)
            if lines[-1] and used + self._gap + need > width:
                lines.append([])
                used = 0
            used += (self._gap if lines[-1] else 0) + need
            lines[-1].append(item)
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        parent = self.parentWidget()
        mirrored = parent is not None and parent.isRightToLeft()
        y = rect.y()
        per_line = self._per_line(rect.width()) if self._columns else 0
        share = (rect.width() - self._gap * (per_line - 1)) // per_line if per_line else 0
        for number, line in enumerate(self._lines(rect.width())):
            if number:
                y += self._gap
            widths = [min(max(self._width(item), share), rect.width()) for item in line]
            height = max(item.sizeHint().height() for item in line)
            if place:
                x = rect.x() + (rect.width() - sum(widths) - self._gap * (len(line) - 1)) // 2
                order = list(zip(line, widths, strict=True))
                for item, width in reversed(order) if mirrored else order:
                    item.setGeometry(
                        QRect(
                            QPoint(x, y + (height - item.sizeHint().height()) // 2),
                            QSize(width, item.sizeHint().height()),
                        )
                    )
                    x += width + self._gap
            y += height
        return y - rect.y()
