"""Where a document the user saves goes: a documents folder remembered per kind of
document, and a file name that says which document it is.

The first save of a kind starts in the user's Documents folder (QStandardPaths); after
that, in the folder the user last saved that kind to (QSettings `save_folders/<kind>`), so
statements can go to one folder and label sheets to another. Names are made of what
identifies the document — customer number, date, document number — never a bare
`statement.pdf` that the next statement would overwrite. The bytes are written by
`console.files.write_user_file` (one permission policy for every file we write).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from console.timeutil import local_today

_UNSAFE = re.compile(r"[^0-9A-Za-z._\-\u4e00-\u9fff]+")


def _settings() -> QSettings:
    return QSettings("GridDesk", "GridDesk")


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def start_folder(kind: str, settings: QSettings | None = None) -> Path:
    """The folder the user last saved a `kind` document to, while it exists; else Documents."""
    remembered = str((settings or _settings()).value(f"save_folders/{kind}", "") or "")
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def file_name(*parts: object, suffix: str) -> str:
    """`parts` (empty ones dropped) joined by "_", each safe in a file name on any system."""
    words = [_UNSAFE.sub("-", str(p)).strip("-.") for p in parts if p not in (None, "")]
    return "_".join(w for w in words if w) + f".{suffix}"


def today_text() -> str:
    return local_today().isoformat()


def ask_save_path(parent: QWidget, *, kind: str, title: str, name: str, filters: str,
                  settings: QSettings | None = None) -> Path | None:
    """The save dialog for a `kind` document proposing `name`; remembers the folder chosen.
    None when the user cancels."""
    settings = settings or _settings()
    proposed = start_folder(kind, settings) / name
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(proposed), filters)
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix and "." in name:
        path = path.with_suffix(Path(name).suffix)  # "statement" typed: still a .pdf
    settings.setValue(f"save_folders/{kind}", str(path.parent))
    return path
