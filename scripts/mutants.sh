#!/usr/bin/env bash
# Mutation testing of the core modules with cargo-mutants: which changes to the code no test
# notices. Not part of .ci/run: a module takes 30-90 minutes on 2 cores. Results and the table
# are described in docs/testing.md.
#
#   scripts/mutants.sh [MODULE...]     (default: every core module, in the order below)
#   scripts/mutants.sh --table [MODULE...]   only print the table of the last runs
#   scripts/mutants.sh --recheck MODULE...   test again, against the quick tests of the tree as it
#                                           is now, only what the last run of each module missed
#                                           (after adding tests for it)
#
# Each module runs in two passes. The quick pass tests every mutant against the unit tests, the
# end-to-end CLI cases and the module's own integration tests. The slow pass takes only the
# mutants the quick pass missed (named exactly), against the slow test binaries too
# (property tests, the bad-input corpus, the loader's differential test). A mutant is caught when
# any test of the suite fails on it.
#
# Environment:
#   MUTANTS_DIR      where the tree copies, their one shared target/ and the results go
#                    (default /tmp/roadmap-mutants; delete it when done: it grows to gigabytes)
#                    One run at a time in one MUTANTS_DIR: every copy of the tree builds
#                    the same artefacts there, so a second run replaces the first's test binaries.
#   MUTANTS_JOBS     parallel builds (default 1: the machine is shared)
#   MUTANTS_TIMEOUT  seconds for one mutant's build or tests (default 240): a mutant that makes
#                    a loop endless is a timeout, counted as caught by cargo-mutants' rules
#   MUTANTS_SLOW     0 to skip the slow pass
#   MUTANTS_RE       only the mutants whose names match this regular expression (part of a
#                    module, e.g. 'depth_order|critical_path'); the table then counts only them
#   MUTANTS_FILES    only these files of the module, as `--file` takes them (space-separated,
#                    e.g. src/load/stream.rs): cargo-mutants 27.1 lets its "delete field"
#                    mutants through any `--re`, so a part of one file needs its file named too
# Needs cargo-mutants (`cargo install --locked cargo-mutants`, 27 or later) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${MUTANTS_DIR:-/tmp/roadmap-mutants}
jobs=${MUTANTS_JOBS:-1}
timeout=${MUTANTS_TIMEOUT:-240}
equivalent=scripts/mutants-equivalent.txt

core=(progress query plan choose dag graph why search validate cache load lookup assess lint parallel)

# The files of a module: src/NAME.rs and, for a module with a folder, src/NAME/*.
files() {
    if [ -n "${MUTANTS_FILES:-}" ]; then
        printf -- '--file\n%s\n' $MUTANTS_FILES
        return
    fi
    local f=("--file" "src/$1.rs")
    [ -d "src/$1" ] && f+=("--file" "src/$1/**")
    printf '%s\n' "${f[@]}"
}

# The quick tests for a module: the test targets to build and run (`cargo test` arguments; only
# these are built for each mutant), then `--` and the arguments for the test binaries. A few unit
# tests take most of the unit tests' time and test only their own module: skipped for the others.
quick() {
    local t=(--lib --test=cli --test=default_roadmap --test=ergonomics)
    case $1 in
        progress) t+=(--test=progress --test=ics) ;;
        cache) t+=(--test=cache) ;;
        load | validate | lint) t+=(--test=findings --test=schema) ;;
        assess) t+=(--test=assess) ;;
        search) t+=(--test=interface_language) ;;
        parallel) t+=(--test=large) ;;
    esac
    t+=(--)
    local slow_unit=(
        load:load::tests::anything_unusual_falls_back_to_the_whole_file
        load:load::tests::pieces_give_what_the_whole_file_gives
        query:query::tests::long_chains_are_linear
        graph:graph::tests::long_chains_and_long_cycles_need_no_recursion
        assess:assess::tests::recovers_any_downward_closed_set
    )
    local u
    for u in "${slow_unit[@]}"; do
        case $1:${u%%:*} in
            load:load | validate:load | lint:load | query:query | graph:graph | assess:assess) ;;
            *) t+=(--skip "${u#*:}") ;;
        esac
    done
    printf '%s\n' "${t[@]}"
}

# The slow tests, for what the quick pass did not catch: the property tests, the bad-input
# corpus and robustness properties, and every integration test that reads the module's output.
slow() {
    local t=(--lib --test=cli --test=default_roadmap --test=ergonomics --test=properties
             --test=robustness --test=hardening --test=progress --test=cache --test=assess
             --test=findings --test=ics --test=interface_language --test=html)
    case $1 in
        load | validate | lint) t+=(--test=loader --test=schema) ;;
    esac
    t+=(--)
    printf '%s\n' "${t[@]}"
}

# `cargo test` arguments as cargo-mutants takes them: the targets with `-C` (so that the build
# of each mutant makes only them); what follows `--` goes after cargo-mutants' own `--` and
# cargo test's `--`.
as_args() {
    local rest=0 a
    for a in "$@"; do
        if [ $rest = 1 ]; then printf '%s\n' "$a"; continue; fi
        if [ "$a" = -- ]; then rest=1; printf -- '--\n--\n'; continue; fi
        printf -- '-C\n%s\n' "$a"
    done
}

table() {
    python3 - "$dir" "$equivalent" "$@" <<'PY'
import json, os, re, sys
out, equivalent_file, modules = sys.argv[1], sys.argv[2], sys.argv[3:]
# Equivalent mutants: cargo-mutants' names without line and column, one a line ("# why" above).
equivalent = set()
if os.path.exists(equivalent_file):
    for line in open(equivalent_file):
        line = line.strip()
        if line and not line.startswith('#'):
            equivalent.add(line)
def plain(name):
    return re.sub(r'^([^:]+):\d+:\d+: ', r'\1: ', name)
print(f"| module | mutants | caught | timeout | missed | unviable | equivalent | score |")
print(f"|---|---:|---:|---:|---:|---:|---:|---:|")
missed_all = []
for m in modules:
    # A later pass's outcomes replace the earlier ones for the mutants it tested again.
    outcomes = {}
    for run in ('quick', 'slow', 'recheck'):
        path = os.path.join(out, m, run, 'mutants.out', 'outcomes.json')
        if os.path.exists(path):
            for o in json.load(open(path))['outcomes']:
                if o['scenario'] != 'Baseline':
                    outcomes[o['scenario']['Mutant']['name']] = o
    if not outcomes:
        print(f"| {m} | not measured | | | | | | |")
        continue
    outcomes = list(outcomes.values())
    counts = dict(caught=0, timeout=0, missed=0, unviable=0, equivalent=0)
    for o in outcomes:
        s = o['scenario']
        name = plain(s['Mutant']['name'])
        kind = {'CaughtMutant': 'caught', 'Timeout': 'timeout', 'MissedMutant': 'missed',
                'Unviable': 'unviable'}[o['summary']]
        if kind == 'missed' and name in equivalent:
            kind = 'equivalent'
        counts[kind] += 1
        if kind == 'missed':
            missed_all.append(s['Mutant']['name'])
    total = sum(counts.values())
    viable = counts['caught'] + counts['timeout'] + counts['missed']
    score = f"{100 * (counts['caught'] + counts['timeout']) / viable:.1f} %" if viable else "-"
    print(f"| {m} | {total} | {counts['caught']} | {counts['timeout']} | {counts['missed']} "
          f"| {counts['unviable']} | {counts['equivalent']} | {score} |")
if missed_all:
    print("\nMissed (not listed as equivalent):")
    for n in missed_all:
        print("  " + n)
PY
}

# Each mutant named in the file $1 by its whole name, as cargo-mutants options.
only_these() {
    python3 -c 'import re, sys
for n in open(sys.argv[1]).read().splitlines():
    print("--re"); print("^" + re.escape(n) + "$")' "$1"
}

if [ "${1:-}" = "--recheck" ]; then
    shift
    mkdir -p "$dir/tmp"
    export TMPDIR="$dir/tmp" CARGO_TARGET_DIR="$dir/target" CARGO_PROFILE_DEV_DEBUG=0
    for m in "$@"; do
        # Still missed: what the slow pass missed, else what the quick pass missed.
        missed=$dir/$m/slow/mutants.out/missed.txt
        [ -f "$missed" ] || missed=$dir/$m/quick/mutants.out/missed.txt
        [ -s "$missed" ] || continue
        cp "$missed" "$dir/$m/recheck-names.txt"
        mapfile -t f < <(files "$m")
        mapfile -t q < <(as_args $(quick "$m"))
        mapfile -t only < <(only_these "$dir/$m/recheck-names.txt")
        rm -rf "$dir/$m/recheck"
        mkdir -p "$dir/$m/recheck"
        echo "==> $m: recheck of $(wc -l < "$dir/$m/recheck-names.txt") missed"
        cargo mutants --jobs "$jobs" --timeout "$timeout" --build-timeout 1200 --no-shuffle \
            --copy-target false "${f[@]}" "${only[@]}" --output "$dir/$m/recheck" "${q[@]}" || true
    done
    table "$@"
    exit
fi
if [ "${1:-}" = "--table" ]; then
    shift
    [ $# -gt 0 ] || set -- "${core[@]}"
    table "$@"
    exit
fi
[ $# -gt 0 ] || set -- "${core[@]}"

# cargo-mutants copies the tree for every run: the copies go under $dir/tmp, and all of them
# build into one target/ so that the dependencies are compiled once. No debug information: it
# only slows every mutant's build and link.
mkdir -p "$dir/tmp"
export TMPDIR="$dir/tmp" CARGO_TARGET_DIR="$dir/target" CARGO_PROFILE_DEV_DEBUG=0
common=(--jobs "$jobs" --timeout "$timeout" --build-timeout 1200 --no-shuffle --copy-target false)

for m in "$@"; do
    mapfile -t f < <(files "$m")
    mapfile -t q < <(as_args $(quick "$m"))
    echo "==> $m: quick pass"
    rm -rf "$dir/$m"
    mkdir -p "$dir/$m/quick"
    part=()
    [ -z "${MUTANTS_RE:-}" ] || part=(--re "$MUTANTS_RE")
    cargo mutants "${common[@]}" "${f[@]}" "${part[@]}" --output "$dir/$m/quick" "${q[@]}" || true
    missed=$dir/$m/quick/mutants.out/missed.txt
    if [ "${MUTANTS_SLOW:-1}" != 0 ] && [ -s "$missed" ]; then
        mapfile -t s < <(as_args $(slow "$m"))
        mapfile -t only < <(only_these "$missed")
        echo "==> $m: slow pass over $(wc -l < "$missed") missed"
        mkdir -p "$dir/$m/slow"
        cargo mutants "${common[@]}" "${f[@]}" "${only[@]}" --output "$dir/$m/slow" \
            "${s[@]}" || true
    fi
done
table "$@"
