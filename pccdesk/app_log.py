"""Logging to a rotating file in the user's data folder.

The log holds file names, counts and problems, never cell values: values may be
OFFICIAL-SENSITIVE. Only ``--debug`` adds detail (and prints to the console).
"""

from __future__ import annotations

import logging
import logging.handlers
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
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "pccdesk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    if debug:
        console = logging.StreamHandler()
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(console)
