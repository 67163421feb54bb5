"""The files GridDesk ships beside its code: the CJK font, icons, style sheet, translations.

Installed (a wheel, a PyInstaller folder) they are the package
``griddesk_resources`` — pyproject maps the checkout's ``resources/`` folder to
that name, so the wheel adds no bare ``resources`` to site-packages — and are
read through importlib.resources. In a source checkout the folder beside the
code is read first, so each checkout uses its own files whatever an editable
install of another checkout maps ``griddesk_resources`` to.
"""

from __future__ import annotations

import atexit
import contextlib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "griddesk_resources"
_CHECKOUT = Path(__file__).resolve().parents[1] / "resources"
_files = contextlib.ExitStack()
atexit.register(_files.close)


@cache
def root() -> Traversable:
    """The shipped files: the checkout's resources/ folder, else the installed package."""
    if (_CHECKOUT / "__init__.py").is_file() and (_CHECKOUT / "style.qss").is_file():
        return _CHECKOUT
    return resources.files(PACKAGE)


def read_text(*parts: str) -> str:
    return root().joinpath(*parts).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    return root().joinpath(*parts).read_bytes()


@cache
def file_path(*parts: str) -> Path:
    """A real file for libraries that want a path (ReportLab, Qt's translator).

    Unpacked installs hand out the file itself; a zipped one a temporary copy
    kept until the process ends.
    """
    return _files.enter_context(resources.as_file(root().joinpath(*parts)))
