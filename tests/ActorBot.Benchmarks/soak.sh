#!/usr/bin/env bash
# RSS soak of the service (issue 11): `actorbot run --follow` at a high replay speed on three symbols, VmRSS
# sampled into a CSV; prints start / peak / end RSS and the slope, and exits non-zero when the peak reaches the
# limit or the slope is above its threshold. Three symbols from the one bundled day: BTCUSD_PERP as recorded and
# BTCUSD_PERP_B / BTCUSD_PERP_C, the same trades under alias names (actorbot.simulator.aliases) — the same market
# three times, not three markets.
#
#   tests/ActorBot.Benchmarks/soak.sh [--duration 300] [--speed 1000] [--interval 10] [--max-mb 150]
#                                     [--max-slope 20] [--warmup 60] [--out DIR] [--external-sim]
#
# --external-sim: the simulator runs in its own process (`actorbot simulate`), so the service's RSS is the
#   service alone; both processes are sampled (columns service_kb, simulator_kb). Default: run's embedded
#   simulator, in the service's process (what the README's first command does).
# Slope: least-squares fit of RSS (MB) over time (hours) on the samples after --warmup seconds (JIT, pools, the
#   first pass of the data); a 5-minute run's slope is mostly the GC's sawtooth, a 1-hour one is the leak test.
# Needs a Release build of the host (built here if missing): dotnet build -c Release src/ActorBot.Host
set -euo pipefail

duration=300 speed=1000 interval=10 max_mb=150 max_slope=20 warmup=60 out="" external=0 bin=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --speed) speed="$2"; shift 2 ;;
    --interval) interval="$2"; shift 2 ;;
    --max-mb) max_mb="$2"; shift 2 ;;
    --max-slope) max_slope="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --external-sim) external=1; shift ;;
    --bin) bin="$2"; shift 2 ;;
    -h|--help) sed -n 2,18p "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "soak.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${bin:-$repo/src/ActorBot.Host/bin/Release/net10.0/actorbot.dll}"
if [[ ! -f "$bin" ]]; then
  dotnet build -c Release "$repo/src/ActorBot.Host" >&2
fi
out="${out:-$(mktemp -d /tmp/actorbot-soak-XXXXXX)}"
mkdir -p "$out"
data="$bin"; data="${data%/actorbot.dll}/data/binance/BTCUSD_PERP-aggTrades-2026-05-08.zip"

# The three symbols, their contract kind (COIN-M: 100 USD a contract) and, embedded, the aliases.
cat > "$out/soak.conf" <<EOF
actorbot {
  symbols = [BTCUSD_PERP, BTCUSD_PERP_B, BTCUSD_PERP_C]
  simulator.aliases { BTCUSD_PERP = [BTCUSD_PERP_B, BTCUSD_PERP_C] }
  venues.binance-usdm.contracts { BTCUSD_PERP = inverse-100usd, BTCUSD_PERP_B = inverse-100usd, BTCUSD_PERP_C = inverse-100usd }
}
EOF

pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

sim_pid=""
if [[ $external -eq 1 ]]; then
  (cd "$out" && exec dotnet "$bin" simulate --data "$data" --speed "$speed" --follow --rebase-timestamps \
      --alias BTCUSD_PERP=BTCUSD_PERP_B --alias BTCUSD_PERP=BTCUSD_PERP_C --port 0 > simulator.log 2>&1) &
  sim_pid=$!; pids+=("$sim_pid")
  for _ in $(seq 1 300); do grep -q "simulator REST" "$out/simulator.log" 2>/dev/null && break; sleep 0.1; done
  rest=$(grep -o 'REST http://[^ ]*' "$out/simulator.log" | head -1 | cut -d' ' -f2); rest="${rest%/}"
  ws=$(grep -o 'WS ws://[^ ]*' "$out/simulator.log" | head -1 | cut -d' ' -f2); ws="${ws%/}"
  [[ -n "$rest" && -n "$ws" ]] || { echo "soak.sh: the simulator did not start (see $out/simulator.log)" >&2; exit 1; }
  cat >> "$out/soak.conf" <<EOF
actorbot.simulator.enabled = off
actorbot.venues.binance-usdm { testnet { rest-base-url = "$rest", ws-base-url = "$ws" }, market-data = on }
EOF
  # The simulator's fixed test keys (SimulatorOptions); only ever sent to this loopback process.
  (cd "$out" && BINANCE_API_KEY=sim-api-key BINANCE_API_SECRET=sim-api-secret exec dotnet "$bin" run --config soak.conf \
      --trade-mode testnet --http-port 0 --duration "${duration}s" > service.log 2>&1) &
else
  (cd "$out" && exec dotnet "$bin" run --config soak.conf --follow --speed "$speed" --http-port 0 \
      --duration "${duration}s" > service.log 2>&1) &
fi
svc_pid=$!; pids+=("$svc_pid")

rss() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo ""; }
csv="$out/rss.csv"
echo "elapsed_s,service_kb,simulator_kb" > "$csv"
start=$(date +%s)
while kill -0 "$svc_pid" 2>/dev/null; do
  now=$(( $(date +%s) - start ))
  s=$(rss "$svc_pid"); m=""
  [[ -n "$sim_pid" ]] && m=$(rss "$sim_pid")
  [[ -n "$s" ]] && echo "$now,$s,$m" >> "$csv"
  sleep "$interval"
done
set +e
wait "$svc_pid"; rc=$?
set -e
[[ -n "$sim_pid" ]] && kill -TERM "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null || true

echo "soak: $([[ $external -eq 1 ]] && echo 'external simulator' || echo 'embedded simulator'), 3 symbols, speed $speed, ${duration} s, service exit $rc; samples $csv"
awk -F, -v warm="$warmup" -v max_mb="$max_mb" -v max_slope="$max_slope" -v rc="$rc" '
  NR == 1 { next }
  { n++; t[n] = $1; r[n] = $2 / 1024; if ($3 != "") { sim[n] = $3 / 1024; hasSim = 1 } if (r[n] > peak) peak = r[n] }
  END {
    if (n == 0) { print "soak: no samples"; exit 1 }
    for (i = 1; i <= n; i++) if (t[i] >= warm) { k++; sx += t[i] / 3600; sy += r[i]; sxx += (t[i] / 3600) ^ 2; sxy += (t[i] / 3600) * r[i] }
    slope = (k > 1 && k * sxx - sx * sx > 0) ? (k * sxy - sx * sy) / (k * sxx - sx * sx) : 0
    for (i = 1; i <= n; i++) if (t[i] >= warm) { first = i; break }
    if (!first) first = n
    printf "service RSS: at %d s (after warm-up) %.1f MB, peak %.1f MB, end %.1f MB; slope after %d s: %+.1f MB/hour (%d samples)\n", t[first], r[first], peak, r[n], warm, slope, k
    if (hasSim) { for (i = 1; i <= n; i++) if (sim[i] > speak) speak = sim[i]; printf "simulator RSS (own process): start %.1f MB, peak %.1f MB, end %.1f MB\n", sim[1], speak, sim[n] }
    bad = 0
    if (rc != 0) { print "FAIL: the service exited with " rc; bad = 1 }
    if (peak >= max_mb) { printf "FAIL: peak %.1f MB >= %d MB\n", peak, max_mb; bad = 1 }
    if (slope > max_slope) { printf "FAIL: slope %+.1f MB/hour > %d MB/hour\n", slope, max_slope; bad = 1 }
    if (!bad) printf "OK: peak < %d MB, slope <= %d MB/hour\n", max_mb, max_slope
    exit bad
  }' "$csv"
