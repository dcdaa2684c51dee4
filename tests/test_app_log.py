"""The log file is started afresh before it passes its size, keeping the previous ones, newest first."""

from __future__ import annotations

import logging
from pathlib import Path

from pccdesk.app_log import RotatingLog


def _logger(handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger(f"pccdesk-test-{id(handler)}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return logger


def test_the_log_rotates_before_it_passes_its_size_and_keeps_three(tmp_path: Path) -> None:
    path = tmp_path / "pccdesk.log"
    handler = RotatingLog(path, max_bytes=25, backups=3)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = _logger(handler)
    for n in range(6):
        logger.info("line %d of ten chars", n)  # 19 characters and a newline: two lines would pass 25 bytes
    handler.close()
    assert path.read_text(encoding="utf-8") == "line 5 of ten chars\n"
    assert (tmp_path / "pccdesk.log.1").read_text(encoding="utf-8") == "line 4 of ten chars\n"
    assert (tmp_path / "pccdesk.log.3").read_text(encoding="utf-8") == "line 2 of ten chars\n"
    assert not (tmp_path / "pccdesk.log.4").exists()


def test_lines_that_fit_stay_in_one_file(tmp_path: Path) -> None:
    path = tmp_path / "pccdesk.log"
    handler = RotatingLog(path, max_bytes=1000, backups=3)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = _logger(handler)
    logger.info("first")
    logger.info("second")
    handler.close()
    assert path.read_text(encoding="utf-8") == "first\nsecond\n"
    assert not (tmp_path / "pccdesk.log.1").exists()


def test_nothing_logged_leaves_no_file(tmp_path: Path) -> None:
    handler = RotatingLog(tmp_path / "pccdesk.log", max_bytes=1000, backups=3)
    handler.close()
    assert not (tmp_path / "pccdesk.log").exists()
