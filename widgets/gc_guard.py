"""Garbage collection on the GUI thread only.

Python's cyclic collector runs in whichever thread happens to allocate. When a worker thread
of the task runner triggers it, a cycle that holds a Qt object is destroyed off the GUI
thread, and Qt crashes (seen: a segmentation fault inside the arrears loader's thread while
the GUI waited). Anki solves this the same way (aqt's GarbageCollector): automatic
collection off, and a timer on the GUI thread collects whenever enough has piled up.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadCollector(QObject):
    """Collects on the GUI thread, by generation, once the counts pass gc's thresholds."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timeout)
        self._timer.start(INTERVAL_MS)

    def _on_timeout(self) -> None:
        counts = gc.get_count()
        generation = max((g for g in range(3) if counts[g] > self._thresholds[g]), default=-1)
        if generation >= 0:
            gc.collect(generation)


def install_main_thread_gc(app: QObject) -> MainThreadCollector:
    existing = app.findChild(MainThreadCollector)
    return existing if existing is not None else MainThreadCollector(app)
