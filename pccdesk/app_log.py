"""Logging to a rotating file in the user's data folder.

The log holds file names, counts and problems, never cell values: values may be
OFFICIAL-SENSITIVE. Only ``--debug`` adds detail (and prints to the console).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

_configured = False


def log_dir() -> Path:
    env = os.environ.get("PCCDESK_LOG_DIR")
    if env:
        return Path(env)
    from platformdirs import user_log_dir

    return Path(user_log_dir("pccdesk", appauthor=False))


def configure_logging(debug: bool = False) -> None:
    global _configured
    logger = logging.getLogger("pccdesk")
    if _configured:
        logger.setLevel(logging.DEBUG if debug else logging.INFO)
        return
    _configured = True
    logger.setLevel(logging.DEBUG if debug else logging.INFO)
    logger.propagate = False
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingLog(folder / "pccdesk.log", max_bytes=1_000_000, backups=3)
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    if debug:
        console = logging.StreamHandler()
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(console)


class RotatingLog(logging.FileHandler):
    """The log file, started afresh when the next line would take it past ``max_bytes``, the previous ones
    kept as ``pccdesk.log.1`` (newest) to ``.<backups>``: what ``logging.handlers.RotatingFileHandler`` does,
    without importing ``logging.handlers`` (sockets, pickling, queues) into the start of every command. The
    file is opened at the first line written, so a command that logs nothing does not touch it."""

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._would_overflow(record):
                self._rotate()
        except Exception:  # as logging does: a log that cannot be written never stops the work
            self.handleError(record)
            return
        super().emit(record)

    def _would_overflow(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        line = f"{self.format(record)}{self.terminator}"
        self.stream.seek(0, os.SEEK_END)
        return bool(self.stream.tell()) and self.stream.tell() + len(line.encode("utf-8")) > self.max_bytes

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # type: ignore[assignment]
        for n in range(self.backups - 1, 0, -1):
            older = f"{self.baseFilename}.{n}"
            if os.path.exists(older):
                os.replace(older, f"{self.baseFilename}.{n + 1}")
        if self.backups and os.path.exists(self.baseFilename):
            os.replace(self.baseFilename, f"{self.baseFilename}.1")
        self.stream = self._open()
