"""The desktop app (PySide6): the only part of pccdesk that imports Qt. Start it with ``run_app``.

The app's Qt-free state (and the parts of the library it needs to open the window) is imported here, before
PySide6: once PySide6 is loaded, its import hook reads the source of every module imported after it (to see
whether that module uses PySide6's ``__feature__`` switches), which the window's first paint would wait for.
"""

from pccdesk.ui import app_state  # noqa: F401  (see above)
