"""Packaging promises: desktop files validate, one version, installers compile, icons render.

The checks that need a system tool (desktop-file-validate, appstreamcli, makensis) are
skipped only when that tool is missing; .ci/run installs them.
"""

from __future__ import annotations

import configparser
import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
import types
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import visitplanner

ROOT = Path(__file__).resolve().parents[1]
APP_ID = visitplanner.APP_ID
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
SPEC = ROOT / "packaging" / "visitplanner.spec"
NSI = ROOT / "packaging" / "windows" / "visitplanner.nsi"
FLATPAK = ROOT / "packaging" / "flatpak" / f"{APP_ID}.yml"
SVG = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: see .ci/run)")
    return path


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _script_name() -> str:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (name,) = pyproject["project"]["scripts"]
    return name


# --- Linux desktop integration ----------------------------------------------------------


def test_desktop_file_validates() -> None:
    result = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_validates() -> None:
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_file_names_the_app_in_english_and_french() -> None:
    entry = _desktop_entry()
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        assert entry.get(key) and entry.get(f"{key}[fr]"), key
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == _script_name()
    assert entry["StartupWMClass"]
    assert entry["Categories"].split(";")[:2] == ["Office", "ProjectManagement"]


def test_metainfo_release_is_the_package_version() -> None:
    """The one version is ``visitplanner.__version__``; the metainfo must follow it."""
    releases = ET.parse(METAINFO).getroot().findall("./releases/release")
    assert releases, "no <release> in the metainfo"
    newest = releases[0]
    dates = [r.get("date", "") for r in releases]
    assert dates == sorted(dates, reverse=True), "releases must be listed newest first"
    assert newest.get("version") == visitplanner.__version__


def test_metainfo_and_desktop_file_name_the_same_app() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert root.findtext("provides/binary") == _script_name()
    assert root.findtext("project_license") == "EUPL-1.2"
    assert root.find("developer").get("id")
    for tag in ("summary", "description/p", "screenshots/screenshot/caption"):
        languages = {e.get(XML_LANG) for e in root.findall(tag)}
        assert {None, "fr"} <= languages, f"{tag} needs English and French"
    assert SVG.is_file(), "the icon the desktop file names"


# --- one version, one place --------------------------------------------------------------


def test_the_version_is_written_only_in_the_package() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "src/visitplanner/__init__.py"
    installer = _load(ROOT / "packaging" / "windows" / "make-installer.py", "make_installer")
    assert installer.package_version() == visitplanner.__version__
    version = re.escape(visitplanner.__version__)
    for path in (NSI, SPEC, FLATPAK, ROOT / "packaging" / "build-linux.sh"):
        assert not re.search(rf"\b{version}\b", path.read_text(encoding="utf-8")), path


# --- Windows installer -------------------------------------------------------------------


def test_nsis_installer_compiles(tmp_path: Path) -> None:
    _tool("makensis")
    dist = tmp_path / "dist" / "visitplanner"
    (dist / "_internal").mkdir(parents=True)
    (dist / "visitplanner.exe").write_bytes(b"MZ fake")
    (dist / "_internal" / "base_library.zip").write_bytes(b"PK fake")
    out = tmp_path / "VisitPlanner-setup.exe"
    installer = _load(ROOT / "packaging" / "windows" / "make-installer.py", "make_installer")
    rendered = tmp_path / "icons"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "render_icons.py"), str(rendered)],
        check=True,
        capture_output=True,
    )
    icon = rendered / f"{APP_ID}.ico"
    command = installer.makensis_command(dist, out, tmp_path / "work", icon)
    assert "-WX" in command  # warnings are errors
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ"
    assert (tmp_path / "work" / "LICENSE.txt").read_bytes()[:3] == b"\xef\xbb\xbf"


def test_nsis_script_has_both_languages_and_the_uninstall_entries() -> None:
    text = NSI.read_text(encoding="utf-8-sig")
    for needle in (
        '!insertmacro MUI_LANGUAGE "French"',
        '!insertmacro MUI_LANGUAGE "English"',
        "MUI_LANGDLL_DISPLAY",
        "MUI_PAGE_LICENSE",
        "WriteUninstaller",
        '"DisplayName"',
        '"DisplayVersion"',
        '"Publisher"',
        '"DisplayIcon"',
        "$SMPROGRAMS",
        "$DESKTOP",
    ):
        assert needle in text, needle


# --- icons -------------------------------------------------------------------------------


def test_icon_renderer_writes_every_size(tmp_path: Path) -> None:
    from PIL import Image

    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "render_icons.py"), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(tmp_path / f"{size}x{size}" / "apps" / f"{APP_ID}.png") as image:
            assert image.size == (size, size)
    with Image.open(tmp_path / "16x16" / "apps" / f"{APP_ID}.png") as small:
        alpha = small.convert("RGBA").getchannel("A")
        opaque = sum(alpha.histogram()[201:])
        colours = len(small.convert("RGB").getcolors(maxcolors=16 * 16) or [])
    assert opaque > 0.6 * 16 * 16, "the 16 px icon is mostly transparent"
    assert colours >= 4, "the 16 px icon is a flat square: the mark is gone"
    with Image.open(tmp_path / f"{APP_ID}.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])


# --- PyInstaller spec --------------------------------------------------------------------


class _Analysis:
    def __init__(self, scripts: list[str], **options: Any) -> None:
        self.scripts_in = scripts
        self.options = options
        self.datas = [(dest, src, "DATA") for src, dest in options["datas"]]
        self.pure = self.scripts = self.binaries = []


def _run_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Executes the spec with PyInstaller's build steps replaced by recorders."""
    monkeypatch.setenv("VISITPLANNER_BUILD_DIR", str(tmp_path / "build"))
    monkeypatch.setattr(sys, "path", list(sys.path))
    if importlib.util.find_spec("PyInstaller") is None:
        # Not installed yet (build-linux.sh installs it): the data lists are still checked.
        hooks = types.ModuleType("PyInstaller.utils.hooks")
        hooks.collect_data_files = lambda *a, **k: []
        hooks.collect_submodules = lambda name, **k: [name]
        hooks.copy_metadata = lambda *a, **k: []
        for name in ("PyInstaller", "PyInstaller.utils"):
            monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
        monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    namespace: dict[str, Any] = {
        "__name__": "__main__",
        "__file__": str(SPEC),
        "SPECPATH": str(SPEC.parent),
        "Analysis": _Analysis,
        "PYZ": lambda *a, **k: ("PYZ", a, k),
        "EXE": lambda *a, **k: ("EXE", a, k),
        "COLLECT": lambda *a, **k: ("COLLECT", a, k),
        "BUNDLE": lambda *a, **k: ("BUNDLE", a, k),
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return namespace


def test_spec_data_lists_point_at_existing_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _run_spec(tmp_path, monkeypatch)
    analysis: _Analysis = spec["a"]
    for script in analysis.scripts_in:
        assert Path(script).is_file(), script
    for source, _dest in analysis.options["datas"]:
        assert Path(source).exists(), source
    destinations = {dest for source, dest in analysis.options["datas"]}
    # Where visitplanner.resources and store/migrate.py look in the frozen build.
    for needed in (
        "visitplanner/resources/fonts",
        "visitplanner/resources/icons",
        "visitplanner/resources/locale",
        "visitplanner/store/migrations",
        "PySide6/Qt/translations",
    ):
        assert needed in destinations, needed
    locale = tmp_path / "build" / "locale"
    for language in ("fr", "en"):
        assert (locale / language / "LC_MESSAGES" / "visitplanner.mo").is_file()
    name, _executables, options = spec["coll"]
    assert name == "COLLECT" and options["name"] == "visitplanner"  # one folder, not one file


def test_spec_keeps_only_the_shipped_languages_of_babel_and_qt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wanted = _run_spec(tmp_path, monkeypatch)["wanted"]
    assert wanted("babel/locale-data/fr.dat") and wanted("babel/locale-data/en_GB.dat")
    assert wanted("babel/locale-data/root.dat") and wanted("babel/global.dat")
    assert not wanted("babel/locale-data/de.dat")
    assert wanted("PySide6/Qt/translations/qtbase_fr.qm")
    assert not wanted("PySide6/Qt/translations/qtbase_de.qm")


def test_spec_collects_the_team_driver_its_libpq_and_the_dialect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Team catalogues open from the packaged app: SQLAlchemy imports psycopg only inside
    a function and psycopg picks psycopg_binary (libpq) at run time, so the spec names them."""
    hidden = set(_run_spec(tmp_path, monkeypatch)["a"].options["hiddenimports"])
    for module in (
        "psycopg",
        "psycopg_binary",
        "psycopg_binary.pq",
        "psycopg_binary._psycopg",
        "sqlalchemy.dialects.postgresql",
    ):
        assert module in hidden, module


def test_linux_build_installs_the_team_extra() -> None:
    script = (ROOT / "packaging" / "build-linux.sh").read_text(encoding="utf-8")
    assert "import visitplanner, psycopg, psycopg_binary" in script
    assert "pip install -q -e '.[team]'" in script.replace('"', "'")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    team = pyproject["project"]["optional-dependencies"]["team"]
    assert any(requirement.startswith("psycopg[binary]") for requirement in team)


# --- resources when frozen ---------------------------------------------------------------


def test_frozen_build_reads_resources_and_catalogues_from_the_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from visitplanner import i18n, resources

    bundle = tmp_path / "_internal"
    mo = bundle / "visitplanner" / "resources" / "locale" / "fr" / "LC_MESSAGES"
    mo.mkdir(parents=True)
    (mo / "visitplanner.mo").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    resources.resources_root.cache_clear()
    try:
        assert resources.resource_path("fonts") == bundle / "visitplanner" / "resources" / "fonts"
        assert i18n._compiled_catalogue("fr") == mo / "visitplanner.mo"
        assert i18n._compiled_catalogue("en") is None  # never compiled at run time
    finally:
        resources.resources_root.cache_clear()
    monkeypatch.undo()
    resources.resources_root.cache_clear()
    assert (resources.resource_path("fonts") / "DejaVuSans.ttf").is_file()


def test_launcher_arms_the_smoke_exit_only_for_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    launcher = _load(ROOT / "packaging" / "launcher.py", "visitplanner_launcher")
    for argv, window in (
        ([], True),
        (["--db", "x.sqlite"], True),
        (["--lang", "fr", "--db=x.sqlite"], True),
        (["--version"], False),
        (["--db", "x.sqlite", "demo"], False),
        (["list", "people"], False),
    ):
        monkeypatch.setattr(sys, "argv", ["visitplanner", *argv])
        assert launcher._only_options() is window, argv


# --- Flatpak -----------------------------------------------------------------------------


def test_flatpak_manifest_is_consistent() -> None:
    text = FLATPAK.read_text(encoding="utf-8")
    assert "\t" not in text
    try:
        import yaml
    except ImportError:  # no YAML library in the venv: the top-level keys, read as text
        manifest = {
            key: value.strip().strip("'\"")
            for key, value in re.findall(r"^([a-z-]+):[ \t]*(.*)$", text, flags=re.M)
        }
        finish_args = re.findall(r"^  - (--\S+)", text, flags=re.M)
        commands = " ".join(re.findall(r"^      - (.+(?:\n        .+)*)", text, flags=re.M))
    else:
        manifest = yaml.safe_load(text)
        finish_args = manifest["finish-args"]
        commands = " ".join(" ".join(m.get("build-commands", [])) for m in manifest["modules"][1:])
    assert manifest["id"] == APP_ID
    assert manifest["command"] == _script_name()
    assert manifest["runtime"] == "org.kde.Platform" and manifest["sdk"] == "org.kde.Sdk"
    assert manifest["base"] == "io.qt.PySide.BaseApp"
    assert manifest["runtime-version"] == manifest["base-version"]
    for arg in ("--socket=wayland", "--socket=fallback-x11", "--share=ipc", "--share=network"):
        assert arg in finish_args, arg
    assert any(a.startswith("--filesystem=") for a in finish_args)
    for installed in (DESKTOP, METAINFO, SVG):
        assert str(installed.relative_to(ROOT)) in commands, installed
