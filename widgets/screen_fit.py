"""Windows that fit the screen they open on: many counter PCs have 1366×768.

Every top-level window and dialog is capped, as it is shown, to the available
geometry of its screen less the window manager's frame, and moved wholly onto
it. One application-wide event filter does this (main.py installs it), so Qt's
own dialogs (file, print, message boxes) and a geometry restored from a bigger
screen are covered too. A window whose minimum size cannot fit needs a scroll
area; tests/gui/test_screen_fit.py opens every window and dialog at 1366×768.
The filter looks at every event: about 3 µs each, measured (load average 3).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

# A frame not known yet (X11 before the first map): a title bar and thin borders,
# a little more than openbox, xfwm, mutter or KWin draw.
DEFAULT_FRAME = QMargins(4, 32, 4, 6)

_WINDOW_TYPES = (Qt.WindowType.Window, Qt.WindowType.Dialog)


def available_area(window: QWidget) -> QRect:
    """The part of the window's screen (else its parent's, else the primary) not taken by panels."""
    parent = window.parentWidget()
    screen = window.screen() or (parent.screen() if parent is not None else None) \
        or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(window: QWidget) -> QMargins:
    """Title bar and borders around `window`: its own, once shown; else its parent's; else a guess."""
    for candidate in (window, window.parentWidget() and window.parentWidget().window()):
        if candidate is None or not candidate.isVisible():
            continue
        outer, inner = candidate.frameGeometry(), candidate.geometry()
        margins = QMargins(inner.left() - outer.left(), inner.top() - outer.top(),
                           outer.right() - inner.right(), outer.bottom() - inner.bottom())
        if not margins.isNull():
            return margins
    return DEFAULT_FRAME


def room_for(window: QWidget) -> QRect:
    """Where the window's client area may lie so that its frame stays on screen."""
    return available_area(window).marginsRemoved(frame_margins(window))


def capped_size(window: QWidget, wanted: QSize) -> QSize:
    """`wanted`, no larger than the room on the window's screen."""
    return wanted.boundedTo(room_for(window).size())


def fit_to_screen(window: QWidget) -> None:
    """Shrink `window` to its screen's room; move it onto the screen if it was placed."""
    if window.isMaximized() or window.isFullScreen():
        return
    room = room_for(window)
    size = window.size().boundedTo(room.size()).expandedTo(window.minimumSize())
    if window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        # Placed (a restored geometry): keep it where it was as far as the screen allows.
        # setGeometry places the client area; move() would place the frame's corner,
        # which X11 does not know before the window is first shown.
        corner = _inside(QRect(window.geometry().topLeft(), size), room)
        if QRect(corner, size) != window.geometry():
            window.setGeometry(QRect(corner, size))
    elif size != window.size():
        # Unplaced: dialogs are centred over their parent and kept on screen by Qt,
        # other windows placed by the window manager.
        window.resize(size)


def _inside(rect: QRect, room: QRect) -> QPoint:
    """The top-left corner nearest to `rect`'s that puts it inside `room` (top-left first)."""
    x = max(room.left(), min(rect.left(), room.right() - rect.width() + 1))
    y = max(room.top(), min(rect.top(), room.bottom() - rect.height() + 1))
    return QPoint(x, y)


class ScreenFit(QObject):
    """Application event filter: fits each top-level window to its screen as it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) \
                and watched.isWindow() and watched.windowType() in _WINDOW_TYPES:
            fit_to_screen(watched)
        return False


def install_screen_fit(app: QApplication) -> ScreenFit:
    """Fit every window the application shows from now on; returns the (app-owned) filter."""
    existing = app.findChild(ScreenFit)
    if existing is not None:
        return existing
    fit = ScreenFit(app)
    app.installEventFilter(fit)
    return fit
