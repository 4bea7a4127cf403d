#!/usr/bin/env bash
# Issue 10, batch figures: whole-process `samad issue --demo` for 1,000 and 10,000 diplomas,
# on one core (taskset -c 0, --threads 1) and on two (--threads 2), at each level in LEVELS;
# wall time and peak resident memory from GNU time. Prints one line per run and the
# two-core speed-up and the 10,000/1,000 memory ratio.
#
#   scripts/bench-batch.sh                 # LEVELS="B-B B-LTA" COUNTS="1000 10000"
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/target/bench-batch
rm -rf "$work" && mkdir -p "$work"
levels=${LEVELS:-"B-B B-LTA"}
counts=${COUNTS:-"1000 10000"}

cargo build --release --quiet --example samad
samad=$root/target/release/examples/samad

printf '%-6s %6s %5s %10s %12s %12s\n' level count cores "wall s" "per diploma" "peak RSS MiB"
for level in $levels; do
  for count in $counts; do
    for cores in 1 2; do
      out=$work/$level-$count-$cores
      if [ "$cores" = 1 ]; then pin=(taskset -c 0); else pin=(); fi
      /usr/bin/time -f '%e %M' -o "$work/time.txt" "${pin[@]}" "$samad" issue --demo \
        --count "$count" --level "$level" --threads "$cores" --out "$out" > /dev/null
      read -r wall rss_kib < "$work/time.txt"
      files=$(find "$out" -maxdepth 1 -name '*.pdf' | wc -l)
      [ "$files" = "$count" ] || { echo "expected $count PDFs, found $files" >&2; exit 1; }
      awk -v l="$level" -v n="$count" -v k="$cores" -v w="$wall" -v m="$rss_kib" \
        'BEGIN { printf "%-6s %6s %5s %10.2f %9.0f µs %12.1f\n", l, n, k, w, w * 1e6 / n, m / 1024 }'
      echo "$level $count $cores $wall $rss_kib" >> "$work/results.txt"
      rm -rf "$out"
    done
  done
done

python3 - "$work/results.txt" <<'PY'
import sys, collections
rows = [l.split() for l in open(sys.argv[1])]
by = {(l, int(c), int(k)): (float(w), int(m)) for l, c, k, w, m in rows}
print()
for (level, count, cores), (wall, _) in sorted(by.items()):
    if cores == 2 and (level, count, 1) in by:
        print(f"{level} {count}: two cores give {by[(level, count, 1)][0] / wall:.2f}x one core")
levels = sorted({l for l, _, _ in by})
counts = sorted({c for _, c, _ in by})
if len(counts) >= 2:
    small, big = counts[0], counts[-1]
    for level in levels:
        for cores in (1, 2):
            if (level, small, cores) in by and (level, big, cores) in by:
                ratio = by[(level, big, cores)][1] / by[(level, small, cores)][1]
                print(f"{level}, {cores} core(s): peak memory {big} / {small} = {ratio:.2f}")
PY
