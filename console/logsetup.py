"""One logging setup for every GridDesk process: the GUI, the command line, the
collector and the payment gateway.

- Rotating files in the data folder (or $GRIDDESK_LOG_DIR), one per service,
  because Python's rotating handler must not be shared between processes:
  griddesk.log (GUI), griddesk-cli.log, griddesk-collector.log, griddesk-gateway.log.
- Plain text or JSON lines (`--log-json`); the level from `--log-level`.
- No personal data: every record passes PrivacyFilter, which masks mobile and
  landline numbers and ID-card numbers in the message and traceback, and names
  and contacts handed over as `extra=` fields.
- `timed()` logs how long an operation took, as a warning when it took over a second.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import logging.handlers
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from console.db import default_db_path
from console.privacy import mask_address, mask_id_number, mask_name, mask_phone, mask_text

MAX_BYTES = 5 * 1024 * 1024
BACKUPS = 5
SLOW_SECONDS = 1.0
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
FILE_NAMES = {"gui": "griddesk.log"}

# `extra=` fields that carry a person's name or contact (LogRecord reserves "name").
PERSONAL_FIELDS = ("customer_name", "full_name", "contact_name", "payer", "phone",
                   "mobile", "id_number", "address")
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "service"}

_current: Path | None = None
_level_before: int | None = None


def log_folder() -> Path:
    """$GRIDDESK_LOG_DIR, else the data folder the embedded database lives in."""
    return Path(os.environ.get("GRIDDESK_LOG_DIR") or default_db_path().parent)


def log_file(service: str, folder: Path | None = None) -> Path:
    return (folder or log_folder()) / FILE_NAMES.get(service, f"griddesk-{service}.log")


def current_log_file() -> Path | None:
    """The file this process logs to, once setup() has run."""
    return _current


def _mask_field(key: str, value: object) -> object:
    if not isinstance(value, str):
        return "***"
    masks = {"phone": mask_phone, "mobile": mask_phone, "id_number": mask_id_number,
             "address": mask_address}
    return masks.get(key, mask_name)(value)


class PrivacyFilter(logging.Filter):
    """Masks personal data in every record before a handler writes it; tags the service."""

    def __init__(self, service: str = "") -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            record.msg, record.args = mask_text(record.getMessage()), None
        except Exception:  # a bad format string: the handler reports it
            return True
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        for key, value in list(record.__dict__.items()):
            if key in PERSONAL_FIELDS:
                setattr(record, key, _mask_field(key, value))
            elif isinstance(value, str) and key not in _STANDARD:
                # Any other `extra=` text (a notice, a gateway's answer) may quote a number.
                setattr(record, key, mask_text(value))
        record.service = self.service
        return True


class JsonLines(logging.Formatter):
    """One JSON object a line: time, level, service, logger, message, extras, exception."""

    def format(self, record: logging.LogRecord) -> str:
        data = {"time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                    timespec="milliseconds"),
                "level": record.levelname, "service": getattr(record, "service", ""),
                "logger": record.name, "message": record.getMessage()}
        data.update({k: v for k, v in record.__dict__.items()
                     if k not in _STANDARD and not k.startswith("_")})
        if record.exc_text:
            data["exception"] = record.exc_text
        elif record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(service)s %(name)s: %(message)s"


def setup(service: str, *, level: str = "INFO", json_lines: bool = False,
          stream: bool = False, folder: Path | None = None, max_bytes: int = MAX_BYTES,
          backups: int = BACKUPS) -> Path:
    """Send this process's logs to its rotating file (and stderr if `stream`); its path.

    Calling it again replaces the handlers it installed before.
    """
    global _current, _level_before
    path = log_file(service, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    handlers: list[logging.Handler] = [logging.handlers.RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")]
    if stream:  # a terminal or journald: problems only, the file has the rest
        handlers.append(logging.StreamHandler())
        handlers[-1].setLevel(max(logging.WARNING, logging.getLevelName(level.upper())))
    root = logging.getLogger()
    shutdown()
    _level_before = root.level
    for handler in handlers:
        handler._griddesk = True  # type: ignore[attr-defined]
        handler.addFilter(PrivacyFilter(service))
        handler.setFormatter(JsonLines() if json_lines else logging.Formatter(TEXT_FORMAT))
        root.addHandler(handler)
    root.setLevel(level.upper())
    # Alembic lists its plugins on every run: noise, not news.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    _current = path
    return path


def shutdown() -> None:
    """Close and remove the handlers setup() installed; the root level as it was."""
    global _level_before
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_griddesk", False)]:
        root.removeHandler(old)
        old.close()
    if _level_before is not None:
        root.setLevel(_level_before)
        _level_before = None


def recent_lines(count: int = 200, path: Path | None = None) -> list[str]:
    """The last `count` lines of the log (reads at most the last 256 KiB)."""
    path = path or _current
    if path is None or not path.is_file():
        return []
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 256 * 1024))
        return fh.read().decode("utf-8", errors="replace").splitlines()[-count:]


@contextmanager
def timed(logger: logging.Logger, what: str, *, slow: float = SLOW_SECONDS) -> Iterator[None]:
    """Log how long the block took: a warning beyond `slow` seconds, else debug."""
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - started
        if seconds > slow:
            logger.warning("slow: %s took %.2f s", what, seconds)
        else:
            logger.debug("%s took %.3f s", what, seconds)
