#!/usr/bin/env bash
# Issue 10, batch figures: whole-process `samad issue --demo` for 1,000 and 10,000 diplomas,
# on one core (taskset -c 0, --threads 1) and on two (--threads 2), at each level in LEVELS;
# wall time and peak resident memory from GNU time. Prints one line per run, then per
# configuration the median over REPS runs, the two-core speed-up and the 10,000/1,000
# memory ratio.
#
#   scripts/bench-batch.sh                      # LEVELS="B-B B-LTA" COUNTS="1000 10000" REPS=3
#   OUT_ROOT=/dev/shm scripts/bench-batch.sh    # outputs on tmpfs: the code without the disk
#
# Fairness: every run writes into a new directory, after `sync`, and nothing is deleted
# until all runs are done — on ext4, creating files right after deleting thousands makes
# inode allocation scan the recently freed ones, which would bill one run for the last.
# The one-core and two-core runs alternate in order from one repetition to the next.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${OUT_ROOT:-$root/target}/bench-batch
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
levels=${LEVELS:-"B-B B-LTA"}
counts=${COUNTS:-"1000 10000"}
reps=${REPS:-3}

cargo build --release --quiet --example samad
samad=$root/target/release/examples/samad

printf '%-6s %6s %5s %4s %10s %12s %12s\n' level count cores rep "wall s" "per diploma" "peak RSS MiB"
for level in $levels; do
  for count in $counts; do
    for rep in $(seq "$reps"); do
      if ((rep % 2)); then order="1 2"; else order="2 1"; fi
      for cores in $order; do
        out=$work/$level-$count-$cores-$rep
        if [ "$cores" = 1 ]; then pin=(taskset -c 0); else pin=(); fi
        sync
        /usr/bin/time -f '%e %M' -o "$work/time.txt" "${pin[@]}" "$samad" issue --demo \
          --count "$count" --level "$level" --threads "$cores" --out "$out" > /dev/null
        read -r wall rss_kib < "$work/time.txt"
        files=$(find "$out" -maxdepth 1 -name '*.pdf' | wc -l)
        [ "$files" = "$count" ] || { echo "expected $count PDFs, found $files" >&2; exit 1; }
        awk -v l="$level" -v n="$count" -v k="$cores" -v r="$rep" -v w="$wall" -v m="$rss_kib" \
          'BEGIN { printf "%-6s %6s %5s %4s %10.2f %9.0f µs %12.1f\n", l, n, k, r, w, w * 1e6 / n, m / 1024 }'
        echo "$level $count $cores $wall $rss_kib" >> "$work/results.txt"
      done
    done
  done
done

python3 - "$work/results.txt" <<'PY'
import sys, statistics, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    level, count, cores, wall, rss = line.split()
    runs[(level, int(count), int(cores))].append((float(wall), int(rss)))
med = {k: (statistics.median(w for w, _ in v), statistics.median(m for _, m in v),
           min(w for w, _ in v), max(w for w, _ in v)) for k, v in runs.items()}
print()
for (level, count, cores), (wall, rss, lo, hi) in sorted(med.items()):
    print(f"{level} {count:>6} x{cores}: median {wall:.2f} s ({lo:.2f}-{hi:.2f}), "
          f"{wall * 1e6 / count:.0f} us/diploma, peak RSS {rss / 1024:.1f} MiB")
for (level, count, cores), (wall, *_ ) in sorted(med.items()):
    if cores == 2 and (level, count, 1) in med:
        print(f"{level} {count}: two cores give {med[(level, count, 1)][0] / wall:.2f}x one core")
counts = sorted({c for _, c, _ in med})
if len(counts) >= 2:
    small, big = counts[0], counts[-1]
    for level in sorted({l for l, _, _ in med}):
        for cores in (1, 2):
            if (level, small, cores) in med and (level, big, cores) in med:
                ratio = med[(level, big, cores)][1] / med[(level, small, cores)][1]
                print(f"{level}, {cores} core(s): peak memory {big} / {small} = {ratio:.2f}")
PY
