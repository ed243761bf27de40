"""Compiles the Windows installer with NSIS from a one-folder build.

    python packaging/windows/make-installer.py [--dist DIR] [--out FILE.exe]

The version comes from the package (``visitplanner.__version__``), the one place it is
written. Runs on Windows after the PyInstaller build, and on Linux too (Debian's
``makensis`` cross-compiles the same installer). Default paths, from the checkout:
``dist/visitplanner`` in, ``dist/VisitPlanner-<version>-setup.exe`` out.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "packaging" / "windows" / "visitplanner.nsi"
APP_ID = "fr.dynamiques.VisitPlanner"


def package_version() -> str:
    """``__version__`` read from the source, without importing the package."""
    text = (ROOT / "src" / "visitplanner" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, flags=re.M)
    if not match:
        raise SystemExit("no __version__ in src/visitplanner/__init__.py")
    return match.group(1)


def license_with_bom(work: Path) -> Path:
    """LICENSE as UTF-8 with a byte-order mark: NSIS reads a text licence without one as ANSI."""
    target = work / "LICENSE.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    target.write_text(text.replace("\r\n", "\n").replace("\n", "\r\n"), encoding="utf-8-sig")
    return target


def makensis_command(dist: Path, out: Path, work: Path, icon: Path | None) -> list[str]:
    makensis = shutil.which("makensis")
    if makensis is None:
        raise SystemExit("makensis not found: install NSIS (Debian: apt-get install nsis)")
    version = package_version()
    numbers = re.findall(r"\d+", version)[:4]
    vi_version = ".".join([*numbers, "0", "0", "0", "0"][:4])
    command = [
        makensis,
        "-V2",
        "-WX",
        "-INPUTCHARSET",
        "UTF8",
        f"-DVERSION={version}",
        f"-DVI_VERSION={vi_version}",
        f"-DDIST_DIR={dist.resolve()}",
        f"-DOUTFILE={out.resolve()}",
        f"-DLICENSE_FILE={license_with_bom(work).resolve()}",
    ]
    if icon is not None and icon.exists():
        command.append(f"-DICON={icon.resolve()}")
    command.append(str(NSI))
    return command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "visitplanner")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "nsis")
    parser.add_argument("--icon", type=Path, default=ROOT / "build" / "icons" / f"{APP_ID}.ico")
    args = parser.parse_args(argv)
    if not args.dist.is_dir():
        raise SystemExit(f"no one-folder build at {args.dist}")
    out = args.out or ROOT / "dist" / f"VisitPlanner-{package_version()}-setup.exe"
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(makensis_command(args.dist, out, args.work, args.icon), check=True)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
