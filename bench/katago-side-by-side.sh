#!/usr/bin/env bash
# The one place Tengen's inference speed is compared with KataGo's: both, back to back, on this
# machine, the same network size (b6c96: KataGo's g170 network, a Tengen network of random weights
# of the same shape; the arithmetic per evaluation is the same), each at its best setting, and the
# ratio. Figures from different sittings are never compared.
#
#   bench/katago-side-by-side.sh [SIZE...]       (default: 9 19; ./tengen benchmark katago)
#
# KATAGO_DIR: the peer's folder (default ../shared/peers/katago beside the checkout); it needs
# Debian's libzip4, installed here if apt can. TENGEN: the launcher (default ./tengen).
# TENGEN_ENGINES: the worker's inference engines to run, each a line (default: libtorch java).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
peer="${KATAGO_DIR:-$root/../shared/peers/katago}"
tengen="${TENGEN:-$root/tengen}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(9 19)
seconds="${BENCH_SECONDS:-20}"
read -r -a engines <<< "${TENGEN_ENGINES:-libtorch java}"

if [ ! -x "$peer/katago" ]; then
  echo "side-by-side: no KataGo at $peer (set KATAGO_DIR)" >&2
  exit 2
fi
if ldd "$peer/katago" | grep -q "not found"; then
  echo "side-by-side: installing KataGo's libzip4 (apt-get)..." >&2
  if ! { apt-get install -y -q libzip4 >/dev/null 2>&1 || sudo -n apt-get install -y -q libzip4 >/dev/null 2>&1; }; then
    echo "side-by-side: KataGo needs libzip4 (apt-get install libzip4)" >&2
    exit 2
  fi
fi
model="$(ls "$peer"/*.bin.gz | head -1)"
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
sed "s|^logDir *=.*|logDir = $logs|" "$peer/gtp_example.cfg" > "$logs/katago.cfg"

echo "side-by-side on $(hostname), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf '%-5s %-28s %12s %12s\n' size engine visits/s "nn evals/s"
for size in "${sizes[@]}"; do
  # KataGo: its own benchmark, 400 visits a position, the thread counts it would pick among.
  kg="$(cd "$logs" && "$peer/katago" benchmark -model "$model" -config "$logs/katago.cfg" \
    -t 2,4,8,16 -v 400 -n 8 -boardsize "$size" 2>&1 | tr '\r' '\n' \
    | grep -E 'numSearchThreads *= *[0-9]+:.*nnEvals/s' || true)"
  if [ -z "$kg" ]; then
    echo "side-by-side: KataGo's benchmark printed no result" >&2
    exit 1
  fi
  kg_best="$(echo "$kg" | sed -E 's/.*numSearchThreads *= *([0-9]+):.*visits\/s = ([0-9.]+) nnEvals\/s = ([0-9.]+).*/\2 \3 \1/' | sort -g -r | head -1)"
  read -r kg_visits kg_evals kg_threads <<< "$kg_best"
  printf '%-5s %-28s %12.0f %12.0f\n' "${size}x${size}" "KataGo 1.17.2 ($kg_threads threads)" "$kg_visits" "$kg_evals"
  for engine in "${engines[@]}"; do
    # Tengen: the worker's benchmark, 400 visits a search, the searches in flight it would pick among.
    tg="$("$tengen" worker benchmark --arch b6c96 --size "$size" --batches 16 --nn-engine "$engine" \
      --in-flight 2,4,8,16,32 --visits 400 --seconds "$seconds" --device cpu 2>/dev/null)"
    tg_best="$(echo "$tg" | awk '/^searches/{s=1; next} s && NF==4 {print $2, $3, $1}' | sort -g -r | head -1)"
    read -r tg_visits tg_evals tg_flight <<< "$tg_best"
    printf '%-5s %-28s %12.0f %12.0f\n' "${size}x${size}" "Tengen $engine ($tg_flight in flight)" "$tg_visits" "$tg_evals"
    awk -v t="$tg_visits" -v k="$kg_visits" -v te="$tg_evals" -v ke="$kg_evals" -v s="$size" -v e="$engine" \
      'BEGIN { printf "%-5s %-28s %11.2fx %11.2fx\n", s "x" s, "ratio " e " / KataGo", t / k, te / ke }'
  done
done
