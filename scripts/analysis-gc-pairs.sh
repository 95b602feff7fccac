#!/usr/bin/env bash
# Before/after of the 10k from-scratch analysis in separate processes (no JIT or heap shared between
# the trees, which in-process alternation in compare-analysis.ts can hide), alternating other/this
# tree N times. Each process runs profile-analysis-phases.ts (3 warm-up + 7 measured runs) under
# --trace-gc-nvp and prints the young-generation collections of the whole process (count, summed
# pause, bytes promoted) next to the whole-run medians.
#
#   scripts/analysis-gc-pairs.sh /path/to/other/tree [pairs=6]
set -euo pipefail
other=${1:?usage: scripts/analysis-gc-pairs.sh /path/to/other/tree [pairs]}
pairs=${2:-6}
here=$(cd "$(dirname "$0")/.." && pwd)
for i in $(seq 1 "$pairs"); do
  for tree in other this; do
    root=$here
    [ "$tree" = other ] && root=$other
    out=$(cd "$here" && nice -n 5 node --expose-gc --trace-gc-nvp --import tsx scripts/profile-analysis-phases.ts --warmup 3 --runs 7 --root "$root" 2>&1)
    gc=$(echo "$out" | grep 'gc=s' | awk '{for(i=1;i<=NF;i++){split($i,kv,"="); if(kv[1]=="promoted")p+=kv[2]; if(kv[1]=="pause")ps+=kv[2]}; n++} END {printf "scavenges %d | pause %.0f ms | promoted %.1f MB", n, ps, p/1e6}')
    wall=$(echo "$out" | grep 'whole run (wall)' | cut -d'|' -f2)
    cpu=$(echo "$out" | grep 'whole run (CPU' | cut -d'|' -f2)
    echo "$i | $tree | $gc | wall median$wall ms | CPU median$cpu ms"
  done
done
