"""The desktop app (PySide6): the only part of pccdesk that imports Qt. Start it with ``run_app``."""
