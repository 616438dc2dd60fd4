# Shared by bench/run.sh and bench/w1.sh: cases measured in alternating rounds, medians printed.
# add NAME SETUP CMD     registers a case (SETUP runs untimed before each timed CMD)
# rounds                 runs RUNS rounds; each round runs every registered case once, in order, so drift in the
#                        machine hits every tool alike; then prints, per case, the median, min-max and peak RSS
# median NAME            the median of a case measured by the last `rounds`
RUNS=${RUNS:-5}
[ "$RUNS" -ge 5 ] || echo "note: RUNS=$RUNS; the figures in bench/RESULTS.md are medians of at least 5 runs"
names=(); setups=(); cmds=()
declare -A MEDIAN
add() { names+=("$1"); setups+=("$2"); cmds+=("$3"); }
rounds() {
  local i r t m
  for i in "${!names[@]}"; do : > "$work/case$i"; done
  for r in $(seq "$RUNS"); do
    for i in "${!names[@]}"; do
      eval "${setups[$i]}"
      /usr/bin/time -f "%e %M" -o "$work/t" bash -c "${cmds[$i]}" >/dev/null 2>"$work/err" \
        || { echo "${names[$i]} failed:"; cat "$work/err"; exit 1; }
      tail -1 "$work/t" >> "$work/case$i"
    done
  done
  for i in "${!names[@]}"; do
    local sorted=($(cut -d' ' -f1 "$work/case$i" | sort -n)) rss
    rss=$(cut -d' ' -f2 "$work/case$i" | sort -n | tail -1)
    MEDIAN[${names[$i]}]=${sorted[$((RUNS / 2))]}
    printf '%-50s %8s s  (%s-%s)  %6d MB\n' "${names[$i]}" "${sorted[$((RUNS / 2))]}" "${sorted[0]}" "${sorted[$((RUNS - 1))]}" $((rss / 1024))
  done
  names=(); setups=(); cmds=()
}
median() { echo "${MEDIAN[$1]:-0}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2fx", a / b; else print "-" }'; }
