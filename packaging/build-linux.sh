#!/usr/bin/env bash
# Builds the one-folder application into dist/visitplanner/ (docs/packaging.md).
#
#   packaging/build-linux.sh            # from any folder of a checkout
#
# Uses the project venv (.venv; created when missing) and installs into it what is missing:
# the app with its team extra (psycopg, libpq), then PyInstaller. Outputs, all ignored by git:
#   build/icons/          PNG sizes (hicolor layout) and the .ico, from the one SVG
#   build/locale/         .mo catalogues compiled from resources/locale (by the spec)
#   dist/visitplanner/    the application: ./visitplanner, _internal/, share/ (desktop files)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# The team extra (psycopg and its libpq) is part of every installer: team catalogues on a
# PostgreSQL server must open from the packaged application too.
if ! .venv/bin/python -c "import visitplanner, psycopg, psycopg_binary" 2>/dev/null; then
  .venv/bin/pip install -q -e ".[team]"
fi
if ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
  .venv/bin/pip install -q "pyinstaller>=6.10"
fi

version=$(.venv/bin/python -c "import visitplanner; print(visitplanner.__version__)")
app_id=$(.venv/bin/python -c "import visitplanner; print(visitplanner.APP_ID)")
echo "Building Visit Planner $version ($app_id)"
start=$(date +%s)

rm -rf build/icons
QT_QPA_PLATFORM=offscreen .venv/bin/python tools/render_icons.py build/icons >/dev/null

.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/visitplanner.spec

# Desktop integration beside the application, in the layout of a /usr (or ~/.local) prefix:
# cp -r dist/visitplanner/share/* ~/.local/share/ makes the launcher and icon appear.
share=dist/visitplanner/share
mkdir -p "$share/applications" "$share/metainfo" "$share/icons/hicolor/scalable/apps"
cp "packaging/linux/$app_id.desktop" "$share/applications/"
cp "packaging/linux/$app_id.metainfo.xml" "$share/metainfo/"
cp "resources/icons/$app_id.svg" "$share/icons/hicolor/scalable/apps/"
for dir in build/icons/*x*; do
  mkdir -p "$share/icons/hicolor/$(basename "$dir")/apps"
  cp "$dir/apps/$app_id.png" "$share/icons/hicolor/$(basename "$dir")/apps/"
done

echo "Built dist/visitplanner in $(( $(date +%s) - start )) s, $(du -sh dist/visitplanner | cut -f1)"
