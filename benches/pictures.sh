#!/usr/bin/env bash
# Times the pictures against their size: Graphviz `dot` alone on the DOT text `render` lays out,
# `roadmap render` (SVG) and `roadmap html`, each forced to lay out the whole roadmap (`--full`,
# no `--timeout` of its own), on Metacademy and on generated roadmaps; prints a Markdown table of
# drawn nodes and edges against seconds. Each run is stopped after a time limit, so a size past
# the cliff costs at most that limit per column, and once a column has timed out, larger sizes
# are not tried in it.
#
# usage: benches/pictures.sh [--sizes 500,1000,2000,5000,10000] [--limit SECONDS] [--runs N]
#                            [--out FILE.md] [--dir DIR] [--no-metacademy] [--no-build]
#
#   --sizes LIST      topic counts of the generated roadmaps, comma-separated (1k, 10k work)
#                     [default: 500,1000,2000,5000,10000]
#   --limit S         time limit of one run, in seconds [default: 120]
#   --runs N          runs per measurement below the limit; the median is reported [default: 1]
#   --out FILE        also write the Markdown to FILE
#   --dir DIR         where the generated roadmaps and pictures go [default: a new directory in
#                     $TMPDIR, removed at the end]
#   --no-metacademy   leave out benches/data/metacademy
#   --no-build        use target/release as it is (built by an earlier run)
#   -h, --help        print this help
#
# Run it from the repository root. It builds with `cargo build --release`, and runs with
# XDG_CACHE_HOME, XDG_DATA_HOME and XDG_CONFIG_HOME in a scratch directory, so the user's cache and
# progress are never read or written. Drawn nodes and edges are counted by Graphviz's `gc` on the
# DOT text `render` lays out (`export` with the picture's defaults: `--reduce --no-recommended
# --long-edges stubs`); they include the invisible nodes and edges that pin the stage bands.

set -euo pipefail
export LC_ALL=C

say() { printf 'pictures.sh: %s\n' "$*" >&2; }
die() {
    say "$*"
    exit 2
}
now() { printf '%s\n' "${EPOCHREALTIME/,/.}"; }
usage() { sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; }

sizes_arg=500,1000,2000,5000,10000
limit=120
runs=1
out=
dir=
metacademy=1
build=1
while (($# > 0)); do
    arg=$1
    shift
    case $arg in
    -h | --help) usage; exit 0 ;;
    --sizes) sizes_arg=${1:?--sizes needs a value}; shift ;;
    --limit) limit=${1:?--limit needs a value}; shift ;;
    --runs) runs=${1:?--runs needs a value}; shift ;;
    --out) out=${1:?--out needs a value}; shift ;;
    --dir) dir=${1:?--dir needs a value}; shift ;;
    --no-metacademy) metacademy=0 ;;
    --no-build) build=0 ;;
    *) die "unexpected argument \`$arg\` (see --help)" ;;
    esac
done
[[ $limit =~ ^[1-9][0-9]*$ ]] || die "--limit: \`$limit\` is not a positive number of seconds"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs: \`$runs\` is not a positive number"
sizes=()
IFS=, read -r -a parts <<<"$sizes_arg"
for p in "${parts[@]}"; do
    case $p in
    *[kK]) n=${p%?}000 ;;
    *) n=$p ;;
    esac
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "--sizes: \`$p\` is not a positive number of topics"
    sizes+=("$n")
done
mapfile -t sizes < <(printf '%s\n' "${sizes[@]}" | sort -n -u)

[[ -f Cargo.toml && -f examples/generate.rs ]] || die "run me from the repository root"
[[ -x /usr/bin/time ]] || die "GNU time is needed at /usr/bin/time (apt-get install time)"
for tool in dot gc timeout; do
    command -v "$tool" >/dev/null || die "\`$tool\` is needed (apt-get install graphviz coreutils)"
done

if [[ -z $dir ]]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-pictures.XXXXXX")
    trap 'rm -rf "$dir"' EXIT
fi
mkdir -p "$dir"
if ((build)); then
    say "building: cargo build --release --bin roadmap --example generate"
    cargo build --release --bin roadmap --example generate >&2 || die "the build failed"
fi
cp target/release/roadmap target/release/examples/generate "$dir/"
export XDG_CACHE_HOME=$dir/xdg/cache XDG_DATA_HOME=$dir/xdg/data XDG_CONFIG_HOME=$dir/xdg/config
unset ROADMAP_PATH ROADMAP_LANG ROADMAP_PROGRESS ROADMAP_NO_CACHE
mkdir -p "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"

# What stops a command that overruns: `timeout` sends TERM, then KILL 5 s later; `roadmap` passes
# its own limit on to nothing here (`--timeout 0`), so the limit below is the only one.
FULL=(--full --timeout 0)

# run_timed LABEL CMD...: the median wall time of `runs` runs in seconds, with the CPU time of
# the run and its children (`dot`) in parentheses, which a busy machine changes less; `>LIMIT`
# when a run overran, or `failed`. A run that overran is not repeated.
run_timed() {
    local label=$1 times=() i status
    shift
    for ((i = 0; i < runs; i++)); do
        status=0
        /usr/bin/time -f '%e %U %S' -o "$dir/time" timeout -k 5 "$limit" "$@" >/dev/null 2>"$dir/stderr" || status=$?
        if ((status == 124 || status == 137)); then
            echo ">$limit"
            return
        elif ((status != 0)); then
            say "$label failed ($status): $(head -c 300 "$dir/stderr")"
            echo failed
            return
        fi
        times+=("$(awk 'END {printf "%.2f (%.2f)", $1, $2 + $3}' "$dir/time")")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'
}

declare -A over=()
rows=()
# measure NAME TOPICS FILE
measure() {
    local name=$1 topics=$2 file=$3 dot_file=$dir/$1.dot counts nodes edges load col t
    local rm=("$dir/roadmap" --roadmap "$file")
    "${rm[@]}" check >/dev/null 2>&1 || true # fills the cache: loading is not what is measured
    "${rm[@]}" export --reduce --no-recommended --long-edges stubs -o "$dot_file"
    counts=$(gc -n -e "$dot_file" | awk '{print $1, $2}' | head -n 1)
    nodes=${counts%% *}
    edges=${counts##* }
    load=$(cut -d ' ' -f 1 /proc/loadavg)
    local cells=()
    for col in dot render html; do
        if [[ -n ${over[$col]:-} ]]; then
            cells+=("(not run)")
            continue
        fi
        say "$name: $col"
        case $col in
        dot) t=$(run_timed "$name dot" dot -Tsvg -o "$dir/$name.dot.svg" "$dot_file") ;;
        render) t=$(run_timed "$name render" "${rm[@]}" render "${FULL[@]}" -o "$dir/$name.svg") ;;
        html) t=$(run_timed "$name html" "${rm[@]}" html "${FULL[@]}" -o "$dir/$name.html") ;;
        esac
        [[ $t == ">"* ]] && over[$col]=1
        cells+=("$t")
    done
    load+=" → $(cut -d ' ' -f 1 /proc/loadavg)"
    rows+=("| $name | $topics | $nodes | $edges | ${cells[0]} | ${cells[1]} | ${cells[2]} | $load |")
    say "${rows[-1]}"
    rm -f "$dir/$name".*svg "$dir/$name.html"
}

if ((metacademy)); then
    n=$(grep -c '^\[\[topic\]\]' benches/data/metacademy/*.toml | awk -F: '{s += $NF} END {print s}')
    measure metacademy "$n" benches/data/metacademy
fi
for n in "${sizes[@]}"; do
    "$dir/generate" --topics "$n" --degree 5 --seed 1 -o "$dir/generated-$n.toml" 2>/dev/null
    measure "generated-$n" "$n" "$dir/generated-$n.toml"
    rm -f "$dir/generated-$n.toml"
done

{
    echo "Measured $(date -u +%Y-%m-%d) with $(dot -V 2>&1 | head -n 1), limit ${limit} s per run, median of $runs run(s):"
    echo
    echo "Times are wall-clock seconds, with the CPU seconds of the process and its children in parentheses."
    echo
    echo "| Roadmap | Topics | Drawn nodes | Drawn edges | \`dot -Tsvg\` (s) | \`render --full\` (s) | \`html --full\` (s) | Load average |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    printf '%s\n' "${rows[@]}"
} | tee ${out:+"$out"}
