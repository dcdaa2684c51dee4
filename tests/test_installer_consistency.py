"""The Windows installer's pieces agree with each other and with the package.

The spec (installer/pccdesk.spec), the Inno Setup script (installer/pccdesk.iss), the workflow
(.github/workflows/windows-installer.yml), `make bundle` and the smoke checks are built and run
only on release machines or in the slow `make bundle`; these cheap checks catch, in `make test`,
the drift that would otherwise surface only when a tag is pushed: a renamed executable, a moved
folder, a hard-coded version, a step that lost its condition.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
INSTALLER = REPO / "installer"
WORKFLOW = REPO / ".github" / "workflows" / "windows-installer.yml"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"installer_{name}", INSTALLER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


names = _load("make_version_info")


# --- the Inno Setup script ---------------------------------------------------------------------

def _iss() -> tuple[dict[str, str], dict[str, str], str]:
    """(#defines, [Setup] directives with {#name} expanded, whole text) of installer/pccdesk.iss."""
    text = (INSTALLER / "pccdesk.iss").read_text(encoding="utf-8")
    defines = dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, re.M))
    defines["AppVersion"] = names.package_version()
    setup_block = text.split("[Setup]", 1)[1].split("\n[", 1)[0]
    setup: dict[str, str] = {}
    for line in setup_block.splitlines():
        if "=" in line and not line.lstrip().startswith((";", "#")):
            key, value = line.split("=", 1)
            setup[key.strip()] = re.sub(r"\{#(\w+)\}", lambda m: defines.get(m.group(1), m.group(0)), value.strip())
    return defines, setup, text


def _windows_path(relative: str) -> Path:
    """A path written in the .iss (relative to installer/, with backslashes) as a real path here."""
    return (INSTALLER / relative.replace("\\", "/")).resolve()


def test_iss_takes_the_version_from_the_command_line_and_refuses_to_build_without_it() -> None:
    _, setup, text = _iss()
    assert re.search(r"^#ifndef AppVersion\s*\n\s*#error", text, re.M)
    assert not re.search(r'^#define\s+AppVersion\b', text, re.M), "the version must not be hard-coded"
    assert setup["AppVersion"] == names.package_version()


def test_iss_output_is_pccdesk_version_setup_exe_in_dist() -> None:
    _, setup, _ = _iss()
    version = names.package_version()
    assert f"{setup['OutputBaseFilename']}.exe" == f"pccdesk-{version}-setup.exe"
    assert _windows_path(setup["OutputDir"]) == REPO / "dist"


def test_iss_names_match_the_bundle() -> None:
    defines, setup, _ = _iss()
    assert defines["AppName"] == names.APP_NAME == setup["AppName"]
    assert defines["AppPublisher"] == names.PUBLISHER
    assert defines["AppExeName"] == f"{names.GUI_EXE}.exe"
    assert defines["AppCliName"] == f"{names.CLI_EXE}.exe"
    assert _windows_path(defines["BundleDir"]) == REPO / "dist" / names.APP_NAME
    assert _windows_path(setup["SetupIconFile"]).is_file()


def test_iss_installs_per_user_without_admin_and_allows_all_users() -> None:
    _, setup, _ = _iss()
    assert setup["PrivilegesRequired"] == "lowest"
    assert set(setup["PrivilegesRequiredOverridesAllowed"].split()) == {"dialog", "commandline"}
    assert setup["DefaultDirName"].startswith("{autopf}\\")


def test_iss_shortcuts_start_menu_always_desktop_only_when_ticked() -> None:
    _, _, text = _iss()
    icons = text.split("[Icons]", 1)[1].split("\n[", 1)[0]
    start_menu = [line for line in icons.splitlines() if line.startswith('Name: "{autoprograms}')]
    desktop = [line for line in icons.splitlines() if line.startswith('Name: "{autodesktop}')]
    assert start_menu and "Tasks:" not in start_menu[0]
    assert desktop and "Tasks: desktopicon" in desktop[0]
    assert re.search(r'^Name: "desktopicon".*Flags: unchecked', text, re.M)


def test_iss_uninstall_keeps_the_data_folder_the_app_uses_unless_purged(monkeypatch: pytest.MonkeyPatch) -> None:
    defines, _, text = _iss()
    code = text.split("[Code]", 1)[1]
    assert "'/PURGE'" in code and "UninstallSilent()" in code and "MB_DEFBUTTON2" in code
    assert "DelTree(DataDir" in code and "if Purge then" in code
    # The folder the uninstaller would purge is the one the history store and the logs use.
    import platformdirs

    from pccdesk import app_log
    from pccdesk.store import history_store

    seen: list[tuple[Any, ...]] = []
    monkeypatch.delenv("PCCDESK_DB")
    monkeypatch.delenv("PCCDESK_LOG_DIR")
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: seen.append((a, k)) or "/x")
    monkeypatch.setattr(platformdirs, "user_log_dir", lambda *a, **k: seen.append((a, k)) or "/x")
    history_store.default_db_path()
    app_log.log_dir()
    assert seen == [((defines["DataDirName"],), {"appauthor": False})] * 2
    # QSettings("pccdesk", "pccdesk") lives under HKCU\Software\pccdesk, which a purge removes.
    assert "RegDeleteKeyIncludingSubkeys(HKCU, 'Software\\{#AppName}')" in code


def test_iss_signs_only_when_asked() -> None:
    _, _, text = _iss()
    assert re.search(r"^#ifdef Sign\s*\nSignTool=pccdesksign\s*\nSignedUninstaller=yes\s*\n#endif", text, re.M)


# --- the PyInstaller spec ----------------------------------------------------------------------

def test_spec_builds_both_executables_named_from_the_single_source() -> None:
    text = (INSTALLER / "pccdesk.spec").read_text(encoding="utf-8")
    assert "names.package_version(REPO)" in text
    assert "_exe(names.GUI_EXE, console=False)" in text
    assert "_exe(names.CLI_EXE, console=True)" in text
    assert "name=names.APP_NAME" in text
    assert 'contents_directory="_internal"' in text
    assert 'str(HERE / "pccdesk_launcher.py")' in text and (INSTALLER / "pccdesk_launcher.py").is_file()
    assert 'collect_submodules("pccdesk")' in text, "the CLI imports its commands by name"


def test_spec_puts_templates_where_the_frozen_program_looks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (INSTALLER / "pccdesk.spec").read_text(encoding="utf-8")
    match = re.search(r'datas=\[\(str\(REPO / "templates"\), "(\w+)"\)', text)
    assert match, "the spec must bundle templates/"
    (tmp_path / match.group(1) / "examples").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    from pccdesk.resources import templates_dir

    assert templates_dir() == tmp_path / match.group(1)


def test_about_box_shows_the_package_version() -> None:
    pytest.importorskip("PySide6")
    from pccdesk.ui.dialogs import about_text

    assert f"pccdesk {names.package_version()}" in about_text()


def test_launcher_runs_the_cli_main() -> None:
    text = (INSTALLER / "pccdesk_launcher.py").read_text(encoding="utf-8")
    assert "from pccdesk.cli import main" in text and "sys.exit(main())" in text
    assert "multiprocessing.freeze_support()" in text


# --- the workflow -------------------------------------------------------------------------------

def _workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _steps() -> list[dict[str, Any]]:
    jobs = _workflow()["jobs"]
    assert len(jobs) == 1
    return list(next(iter(jobs.values()))["steps"])


def _step(fragment: str) -> dict[str, Any]:
    found = [s for s in _steps() if fragment in s.get("run", "") or fragment in s.get("uses", "")]
    assert len(found) == 1, f"expected one step with {fragment!r}, found {len(found)}"
    return found[0]


def test_workflow_runs_on_tags_and_by_hand_on_windows_with_python_311() -> None:
    data = _workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["tags"] == ["v*"]
    assert "workflow_dispatch" in triggers
    job = next(iter(data["jobs"].values()))
    assert job["runs-on"] == "windows-latest"
    assert _step("actions/setup-python")["with"]["python-version"] == "3.11"


def test_workflow_names_every_step() -> None:
    steps = _steps()
    assert all(s.get("name") for s in steps)
    assert len({s["name"] for s in steps}) == len(steps)


def test_workflow_builds_smoke_checks_and_packs_with_the_same_paths_as_make_bundle() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    bundle_recipe = makefile.split("\nbundle:", 1)[1].split("\n\n", 1)[0]
    spec = "installer/pccdesk.spec"
    assert f"--distpath dist --workpath build/pyinstaller {spec}" in _step("PyInstaller")["run"]
    assert f"--distpath dist --workpath build/pyinstaller {spec}" in bundle_recipe
    assert "installer/smoke_test.py dist/pccdesk" in _step("smoke_test.py")["run"]
    assert "installer/smoke_test.py dist/pccdesk --max-mb $(BUNDLE_MAX_MB)" in bundle_recipe
    assert re.search(r"^BUNDLE_MAX_MB \?= 150$", makefile, re.M), "the issue's size budget"
    assert '".[app,bundle]"' in _step("pip install")["run"]
    assert "choco install innosetup" in _step("choco")["run"]
    iscc = _step("ISCC.exe")["run"]
    assert '"/DAppVersion=$env:VERSION"' in iscc and '"/DAppFileVersion=$env:FILE_VERSION"' in iscc
    assert "installer/pccdesk.iss" in iscc
    assert _step("ISCC.exe")["env"] == {"VERSION": "${{ steps.version.outputs.version }}",
                                        "FILE_VERSION": "${{ steps.version.outputs.file_version }}"}
    read = _step("--print-version")["run"]
    assert "installer/make_version_info.py --print-version" in read
    assert "installer/make_version_info.py --print-file-version" in read
    assert "version=$v" in read and "file_version=$n" in read


def test_workflow_uploads_the_file_the_iss_writes() -> None:
    _, setup, _ = _iss()
    upload = _step("actions/upload-artifact")
    folder = _windows_path(setup["OutputDir"]).relative_to(REPO).as_posix()
    expected = f"{folder}/{setup['OutputBaseFilename']}.exe"
    path = upload["with"]["path"].replace("${{ steps.version.outputs.version }}", names.package_version())
    assert path == expected
    assert upload["with"]["if-no-files-found"] == "error"


def test_workflow_signs_only_when_the_secrets_are_there() -> None:
    job = next(iter(_workflow()["jobs"].values()))
    assert job["env"]["SIGNING_CERT"] == "${{ secrets.SIGNING_CERT }}"
    signing = [s for s in _steps() if "signtool" in s.get("run", "").lower() or "SIGNING_THUMBPRINT" in s.get("run", "")]
    assert len(signing) >= 3
    for step in signing:
        if "ISCC" in step["run"]:
            assert "if ($env:SIGNING_CERT)" in step["run"]  # the build runs always, signing inside it only
        else:
            assert "env.SIGNING_CERT != ''" in step["if"], step["name"]


def test_workflow_checks_the_tag_against_the_package_version() -> None:
    step = _step('"v$env:VERSION"')
    assert step["if"] == "startsWith(github.ref, 'refs/tags/')"


def test_workflow_installs_silently_with_the_documented_switches() -> None:
    run = _step("/CURRENTUSER")["run"]
    for switch in ("/VERYSILENT", "/SUPPRESSMSGBOXES", "/CURRENTUSER", "/PURGE"):
        assert switch in run
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "/VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER" in readme
    assert "/ALLUSERS" in readme and "/PURGE" in readme


# --- make bundle and CI -------------------------------------------------------------------------

def test_ci_runs_the_tests_first_then_the_bundle() -> None:
    lines = [line.strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert "make test" in lines and "make bundle" in lines
    assert lines.index("make test") < lines.index("make bundle")


def test_pyproject_has_the_bundle_extra_and_reads_the_version_from_the_package() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "pccdesk.__version__"}
    assert any(d.startswith("pyinstaller") for d in project["project"]["optional-dependencies"]["bundle"])
