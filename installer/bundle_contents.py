"""What goes into the bundle and what is left out; used by installer/pccdesk.spec, tested on its own.

PyInstaller collects whatever the imports reach, and PySide6's hooks add every Qt plugin a module
might load, with the Qt libraries those plugins need (QtQml, QtPdf, QtOpenGL...). A widgets app
needs few of them, so the spec filters the collected files through ``keep``. Entry names are
bundle paths such as ``PySide6/Qt/plugins/platforms/libqxcb.so`` (Linux) or
``PySide6\\plugins\\platforms\\qwindows.dll`` (Windows).
"""

from __future__ import annotations

from pathlib import Path

#: Qt libraries a widgets app loads (DBus and XcbQpa for the Linux xcb platform); every other
#: Qt6* library is dropped. The app draws its icons with QPainter, so QtSvg is not needed.
QT_LIBRARIES = frozenset({"Core", "Gui", "Widgets", "DBus", "XcbQpa"})

#: Qt plugins kept, as "folder/name" without "lib" or suffix: the platforms (Windows, X11, and
#: offscreen/minimal for headless runs), the native Windows style and the .ico reader.
QT_PLUGINS = frozenset({
    "platforms/qwindows", "platforms/qxcb", "platforms/qoffscreen", "platforms/qminimal",
    "styles/qmodernwindowsstyle", "styles/qwindowsvistastyle",
    "imageformats/qico",
})

#: Modules never bundled: tools of the developer's environment, pandas' optional engines, and the
#: Qt modules pccdesk does not use. (numpy, pandas and pyarrow: see ``excludes``.)
EXCLUDES = (
    "pytest", "_pytest", "pytestqt", "hypothesis", "mypy", "ruff", "setuptools", "pip",
    "PyInstaller", "tkinter", "IPython", "yaml",
    "fastparquet", "matplotlib", "scipy", "numexpr", "bottleneck", "tables", "sqlalchemy",
    "PySide6.QtNetwork", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtQml",
    "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtPdf", "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtXml", "PySide6.QtDBus",
    "PySide6.QtConcurrent", "PySide6.QtUiTools", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtMultimedia", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
)

def _norm(name: str) -> str:
    return name.replace("\\", "/")


def qt_library(name: str) -> str | None:
    """``"Pdf"`` for ``.../libQt6Pdf.so.6`` or ``...\\Qt6Pdf.dll``; None for anything else."""
    base = _norm(name).rsplit("/", 1)[-1]
    if base.startswith("lib"):
        base = base[3:]
    if not base.startswith("Qt6"):
        return None
    return base[3:].split(".", 1)[0]


def qt_plugin(name: str) -> str | None:
    """``"platforms/qxcb"`` for ``PySide6/Qt/plugins/platforms/libqxcb.so``; None for anything else."""
    parts = _norm(name).split("/")
    if len(parts) < 3 or not parts[0].startswith("PySide6") or "plugins" not in parts[:-2]:
        return None
    stem = parts[-1].split(".", 1)[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    return f"{parts[-2]}/{stem}"


def keep(dest: str) -> bool:
    """Whether a collected file (by its path inside the bundle) stays in the bundle."""
    path = _norm(dest)
    if path.startswith("PySide6/") and "/translations/" in path:
        return False  # the app speaks English only
    if path.rsplit("/", 1)[-1].lower().startswith("opengl32sw"):
        return False  # 20 MB software OpenGL: widgets paint without OpenGL
    plugin = qt_plugin(path)
    if plugin is not None:
        return plugin in QT_PLUGINS
    library = qt_library(path)
    if library is not None:
        return library in QT_LIBRARIES
    return True


def plugin_wanted(plugin_type: str, filename: str) -> bool:
    """Whether a Qt plugin file of ``plugin_type`` (e.g. "platformthemes") is to be collected at all.

    Deciding before collection, not only after, matters: PyInstaller also collects each plugin's
    system libraries (the GTK theme plugin alone brings cairo, pango, gdk-pixbuf: about 20 MB).
    """
    return keep(f"PySide6/plugins/{plugin_type}/{Path(filename).name}")


def own_code_imports(package_dir: Path, module: str, skip: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether any source file under ``package_dir`` (but those named in ``skip``) has an ``import module``/
    ``from module`` line."""
    for path in package_dir.rglob("*.py"):
        if path.name in skip:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if len(words) >= 2 and words[0] in ("import", "from") and words[1].split(".")[0] == module:
                return True
    return False


#: Optional extras of pccdesk (pyproject.toml) the bundle leaves out unless the build asks for them
#: (``PCCDESK_BUNDLE_EXTRAS=postgres,analysis``): the modules each brings, and pccdesk's own files that import
#: them (which do not count as "our code imports it" when the extra is not asked for).
OPTIONAL_EXTRAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "postgres": (("psycopg", "psycopg_binary", "psycopg_c", "psycopg_pool"), ()),
    "analysis": ((), ("history_frame.py",)),
}


def excludes(package_dir: Path, extras: tuple[str, ...] = ()) -> list[str]:
    """EXCLUDES, plus each heavy optional library that the package's own code never imports.

    openpyxl imports numpy whenever it can, and pandas imports pyarrow whenever it can, for
    nothing pccdesk needs: numpy with its BLAS is about 40 MB, pyarrow about 100 MB. Each comes
    back as soon as pccdesk's own code imports it (pandas brings numpy), so a feature that needs
    one works in the bundle too; the smoke checks' size limit then says what it costs.
    """
    skip = {name for extra, (_, files) in OPTIONAL_EXTRAS.items() if extra not in extras for name in files}
    uses = {m: own_code_imports(package_dir, m, skip=skip) for m in ("pandas", "numpy", "pyarrow")}
    uses["numpy"] = uses["numpy"] or uses["pandas"]
    left_out = [m for extra, (modules, _) in OPTIONAL_EXTRAS.items() if extra not in extras for m in modules]
    return [*EXCLUDES, *left_out, *(m for m, used in uses.items() if not used)]
