#!/usr/bin/env bash
# Client throughput benchmark: our client (`smppctl bench`) against node-smpp
# (tests/interop/bench-client.js), one bind, windows 1/10/100, all against the same server
# process, in the same run. See docs/client-benchmarks.md.
#
#   scripts/bench-clients.sh [--count N] [--node-count N] [--rounds R] [--windows "1 10 100"]
#                            [--with-smpp34] [--server sim|smpp34] [--no-build]
#   scripts/bench-clients.sh --report DIR/results.jsonl    (tables again from an earlier run)
#
# --with-smpp34 also runs tests/interop/smpp34-bench (a client on the third-party smpp34
# crate, a standalone Cargo project outside the workspace; built here, needs crates.io once).
# --server picks the server: `sim` (default) is our `smppctl sim` (release); `smpp34` is
# smpp34-smsc from the same project, an SMSC on the smpp34 crate's server, run with
# --no-receipts (it answers every submit_sm at once, like the simulator).
#
# Prints, per round, the raw rows, then a summary table (median and min-max over the rounds)
# in markdown on stdout. Progress goes to stderr. Raw JSON lines are kept in $OUT_DIR
# (default: a temporary directory, printed at the end).
#
# CPU per message is user+system CPU of the whole client process (from /usr/bin/time when it
# exists, else from bash's `times` for the child), divided by the message count; it therefore
# includes process start-up (bind, runtime/VM start). node-smpp's own report also has the CPU
# of the timed part only (process.cpuUsage()), shown as a separate column. Server CPU per
# message is the server's utime+stime delta from /proc/<pid>/stat around each client run.
set -euo pipefail

COUNT=20000
NODE_COUNT=
ROUNDS=3
WINDOWS="1 10 100"
BUILD=1
SMPP34=0
REPORT=
SERVER=sim
while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT=$2; shift 2 ;;
    --node-count) NODE_COUNT=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --windows) WINDOWS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --with-smpp34) SMPP34=1; shift ;;
    --server) SERVER=$2; shift 2 ;;
    --report) REPORT=$2; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
NODE_COUNT=${NODE_COUNT:-$COUNT}
case "$SERVER" in sim|smpp34) ;; *) echo "--server must be sim or smpp34, not $SERVER" >&2; exit 2 ;; esac

print_tables() {
  node -e '
    const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
    const f = (x, d) => (x === null || x === undefined || Number.isNaN(x) ? "-" : x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d }).replace(/,/g, " "));
    const servers = [...new Set(rows.map((r) => r.server || "sim"))].map((s) => (s === "sim" ? "smppctl sim" : s === "smpp34" ? "smpp34-smsc" : s)).join(", ");
    console.log(`## Per run (count ${[...new Set(rows.map((r) => r.count))].join("/")} messages, 1 bind, server: ${servers})\n`);
    console.log("| round | window | client | messages/s | p50 ms | p99 ms | CPU µs/msg | CPU µs/msg (timed part) | server CPU µs/msg | errors |");
    console.log("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const r of rows) {
      console.log(`| ${r.round} | ${r.window} | ${r.client} | ${f(r.messages_per_s, 0)} | ${f(r.p50_ms, 3)} | ${f(r.p99_ms, 3)} | ${f(r.cpu_us_per_msg, 1)} | ${f(r.timed_cpu_us_per_msg, 1)} | ${f(r.server_cpu_us_per_msg, 1)} | ${r.errors} |`);
    }
    const median = (xs) => { const s = xs.filter((x) => x !== null).sort((a, b) => a - b); if (!s.length) return null; const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
    const span = (xs, d) => { const s = xs.filter((x) => x !== null); return s.length ? `${f(median(s), d)} (${f(Math.min(...s), d)}–${f(Math.max(...s), d)})` : "-"; };
    console.log(`\n## Summary: median (min–max) over ${Math.max(...rows.map((r) => r.round))} rounds\n`);
    console.log("| window | client | messages/s | p50 ms | p99 ms | CPU µs/msg | server CPU µs/msg | smppctl ÷ this client, msg/s (paired per round) |");
    console.log("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    const windows = [...new Set(rows.map((r) => r.window))];
    for (const w of windows) {
      for (const c of ["smppctl", "node-smpp", "smpp34"]) {
        const rs = rows.filter((r) => r.window === w && r.client === c);
        if (!rs.length) continue;
        // Ours ÷ this client, paired by round (both ran against the same server minutes apart).
        let ratio = "";
        if (c !== "smppctl") {
          const ratios = rs.map((r) => { const o = rows.find((x) => x.window === w && x.client === "smppctl" && x.round === r.round); return o && r.messages_per_s ? o.messages_per_s / r.messages_per_s : null; });
          ratio = span(ratios, 2);
        }
        console.log(`| ${w} | ${c} | ${span(rs.map((r) => r.messages_per_s), 0)} | ${span(rs.map((r) => r.p50_ms), 3)} | ${span(rs.map((r) => r.p99_ms), 3)} | ${span(rs.map((r) => r.cpu_us_per_msg), 1)} | ${span(rs.map((r) => r.server_cpu_us_per_msg), 1)} | ${ratio} |`);
      }
    }
  ' "$1"
}

if [ -n "$REPORT" ]; then print_tables "$REPORT"; exit 0; fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
SMPP34_TARGET=${SMPP34_TARGET_DIR:-$TARGET/smpp34-bench}
if [ "$BUILD" = 1 ]; then
  echo "building smppctl (release)..." >&2
  (cd "$ROOT/src-tauri" && cargo build --release -p smppctl >&2)
  if [ "$SMPP34" = 1 ] || [ "$SERVER" = smpp34 ]; then
    echo "building smpp34-bench and smpp34-smsc (release)..." >&2
    CARGO_TARGET_DIR=$SMPP34_TARGET cargo build --release --manifest-path "$ROOT/tests/interop/smpp34-bench/Cargo.toml" >&2
  fi
fi
OUT_DIR=${OUT_DIR:-$(mktemp -d -t bench-clients.XXXXXX)}
mkdir -p "$OUT_DIR"
# Run a private copy so that a concurrent cargo build cannot swap the binary mid-run.
BIN=$OUT_DIR/smppctl
cp "$TARGET/release/smppctl" "$BIN"
CLIENTS="smppctl node-smpp"
if [ "$SMPP34" = 1 ]; then
  cp "$SMPP34_TARGET/release/smpp34-bench" "$OUT_DIR/smpp34-bench"
  CLIENTS="$CLIENTS smpp34"
fi
if [ "$SERVER" = smpp34 ]; then cp "$SMPP34_TARGET/release/smpp34-smsc" "$OUT_DIR/smpp34-smsc"; fi
NODE_CLIENT=$ROOT/tests/interop/bench-client.js
[ -d "$ROOT/tests/interop/node_modules/smpp" ] || (cd "$ROOT/tests/interop" && npm ci >&2)

export SMPP_PASSWORD=bench
SYSTEM_ID=bench
CLK_TCK=$(getconf CLK_TCK)

if [ "$SERVER" = smpp34 ]; then
  "$OUT_DIR/smpp34-smsc" --port 0 --system-id "$SYSTEM_ID" --password "$SMPP_PASSWORD" --no-receipts \
    > "$OUT_DIR/sim.out" 2> "$OUT_DIR/sim.err" &
else
  "$BIN" sim --listen 127.0.0.1:0 --system-id "$SYSTEM_ID" > "$OUT_DIR/sim.out" 2> "$OUT_DIR/sim.err" &
fi
SIM_PID=$!
trap 'kill "$SIM_PID" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q listening "$OUT_DIR/sim.out" && break
  sleep 0.1
done
if [ "$SERVER" = smpp34 ]; then
  PORT=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$OUT_DIR/sim.out")
else
  PORT=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$OUT_DIR/sim.out")
fi
[ -n "$PORT" ] || { echo "server ($SERVER) did not start" >&2; cat "$OUT_DIR/sim.err" >&2; exit 1; }
echo "server $SERVER pid $SIM_PID on 127.0.0.1:$PORT; raw results in $OUT_DIR" >&2

# utime+stime of a process in clock ticks.
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

USE_GNU_TIME=0
if [ -z "${BENCH_NO_GNU_TIME:-}" ] && [ -x /usr/bin/time ] && /usr/bin/time -f '%U' -o /dev/null true 2>/dev/null; then USE_GNU_TIME=1; fi

# run_client NAME WINDOW ROUND: runs one client, appends one JSON line to $OUT_DIR/results.jsonl.
run_client() {
  local name=$1 window=$2 round=$3 count out cpu_file rc=0 s0 s1 client_cpu
  out=$OUT_DIR/$name-w$window-r$round.json
  cpu_file=$OUT_DIR/$name-w$window-r$round.cpu
  case "$name" in
    smppctl) count=$COUNT; set -- "$BIN" bench --host 127.0.0.1 --port "$PORT" --system-id "$SYSTEM_ID" --count "$count" --window "$window" --json ;;
    node-smpp) count=$NODE_COUNT; set -- node "$NODE_CLIENT" --host 127.0.0.1 --port "$PORT" --system-id "$SYSTEM_ID" --count "$count" --window "$window" ;;
    smpp34) count=$COUNT; set -- "$OUT_DIR/smpp34-bench" --host 127.0.0.1 --port "$PORT" --system-id "$SYSTEM_ID" --count "$count" --window "$window" ;;
  esac
  s0=$(proc_ticks "$SIM_PID")
  if [ "$USE_GNU_TIME" = 1 ]; then
    /usr/bin/time -f '%U %S' -o "$cpu_file" "$@" > "$out" || rc=$?
    client_cpu=$(awk 'END { printf "%.3f", $1 + $2 }' "$cpu_file")
  else
    # `times` reports the children of this subshell only: just the client.
    # (`times` must not run inside a pipeline: a forked shell has no children times.)
    client_cpu=$( { c=0; "$@" > "$out" || c=$?; echo "$c" > "$cpu_file.rc"; }; times > "$cpu_file"
      awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$cpu_file")
    rc=$(cat "$cpu_file.rc")
  fi
  s1=$(proc_ticks "$SIM_PID")
  [ "$rc" = 0 ] || echo "warning: $name window $window round $round exited $rc" >&2
  node -e '
    const [file, name, round, count, cpu, simTicks, tck, rc, server] = process.argv.slice(1);
    const r = JSON.parse(require("fs").readFileSync(file, "utf8").trim().split("\n").pop());
    const row = {
      round: +round, server, client: name, window: r.window, count: +count, rc: +rc,
      messages_per_s: r.messages_per_s, p50_ms: r.latency_ms && r.latency_ms.p50, p99_ms: r.latency_ms && r.latency_ms.p99,
      errors: r.errors, client_cpu_s: +cpu,
      cpu_us_per_msg: (+cpu * 1e6) / +count,
      timed_cpu_us_per_msg: r.cpu_ms ? ((r.cpu_ms.user + r.cpu_ms.system) * 1e3) / +count : null,
      server_cpu_us_per_msg: ((+simTicks / +tck) * 1e6) / +count,
    };
    console.log(JSON.stringify(row));
  ' "$out" "$name" "$round" "$count" "$client_cpu" "$((s1 - s0))" "$CLK_TCK" "$rc" "$SERVER" >> "$OUT_DIR/results.jsonl"
  tail -n 1 "$OUT_DIR/results.jsonl" >&2
}

: > "$OUT_DIR/results.jsonl"
for round in $(seq "$ROUNDS"); do
  for window in $WINDOWS; do
    # Rotate which client goes first, per round and per window.
    read -r -a list <<< "$CLIENTS"
    shift_by=$(( (round + window) % ${#list[@]} ))
    order=("${list[@]:shift_by}" "${list[@]:0:shift_by}")
    for name in "${order[@]}"; do run_client "$name" "$window" "$round"; done
  done
done

print_tables "$OUT_DIR/results.jsonl"
echo "raw results: $OUT_DIR/results.jsonl" >&2
