"""Entry point of the bundled executables: the same ``pccdesk.cli.main`` as the ``pccdesk`` command.

PyInstaller needs a script, not an entry-point name. With no arguments the CLI opens the desktop
app, so the start-menu shortcut needs no arguments either.
"""

import multiprocessing
import sys

from pccdesk.cli import main

if __name__ == "__main__":
    # A frozen program that ever starts a worker process must call this first, or each worker
    # would start another copy of the app.
    multiprocessing.freeze_support()
    sys.exit(main())
