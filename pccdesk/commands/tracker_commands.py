"""Commands of this group are added as the capability lands."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    """Nothing registered yet."""
    del sub


__all__ = ["register", "argparse"]
