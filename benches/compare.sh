#!/usr/bin/env bash
# Times `roadmap` against coreutils `tsort`, Graphviz `tred` and Python networkx on the same
# generated graphs, and prints the results as a Markdown section (ratios and peak memory).
#
# usage: benches/compare.sh [--sizes 1000,10000,100000] [--runs N] [--out FILE.md]
#                           [--install-networkx] [--dir DIR] [--tred-timeout SECONDS]
#                           [--tred-always]
#
#   --sizes LIST          topic counts, comma-separated; 10k and 1M style suffixes work
#                         [default: 1000,10000,100000; 1000000 is opt-in, it takes minutes]
#   --runs N              runs per measurement; the median is reported [default: 3]
#   --out FILE            also write the Markdown to FILE
#   --install-networkx    `pip install networkx` when it is missing (else networkx is skipped)
#   --dir DIR             where the generated graphs live, reused when present
#                         [default: target/compare]
#   --tred-timeout S      time limit of one `tred` run [default: 300]
#   --tred-always         run `tred` even where the previous size predicts it cannot finish
#                         within the limit (by default it is then not run, to save the time)
#   -h, --help            print this help
#
# Run it from the repository root. It builds the tool and the repository's generator with
# `cargo build --release`, generates each graph with the generator, as
# `cargo run --release --example generate` would (TOML, tsort edge list and DOT), and
# runs everything with XDG_CACHE_HOME, XDG_DATA_HOME and XDG_CONFIG_HOME pointed at a scratch
# directory, so the user's cache and progress files are never read or written.
# PYTHON selects the Python interpreter [default: python3]; ROADMAP_BIN measures another
# `roadmap` binary instead of target/release/roadmap (say, an older build), with the same graphs.

set -euo pipefail
export LC_ALL=C

readonly DEGREE=5 SEED=1
readonly TRED_MAX=100000 # tred cannot finish above this (it is over 300 s already at 100k)
readonly TIME_BIN=/usr/bin/time
PYTHON=${PYTHON:-python3}

say() { printf 'compare.sh: %s\n' "$*" >&2; }
die() {
    say "$*"
    exit 2
}
# Seconds since the epoch, to the microsecond.
now() {
    if [[ -n ${EPOCHREALTIME:-} ]]; then
        printf '%s\n' "${EPOCHREALTIME/,/.}"
    else
        date +%s.%N
    fi
}

usage() { sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; }

if ((BASH_VERSINFO[0] < 4)); then
    die "needs bash 4 or later (this is bash $BASH_VERSION)"
fi

# ---------------------------------------------------------------------------------------------
# Arguments

sizes_arg=1000,10000,100000
runs=3
out=
install_nx=0
work_dir=target/compare
tred_timeout=300
tred_always=0
command_line="benches/compare.sh"
for a in "$@"; do
    if [[ $a =~ ^[A-Za-z0-9_./,=:+-]+$ ]]; then command_line+=" $a"; else command_line+=" $(printf '%q' "$a")"; fi
done

# need_value REST...: takes the option's value from the next argument unless it came as
# --name=value; true when it did, so the caller shifts it off.
need_value() {
    if [[ -z $value ]]; then
        (($# > 0)) || die "$arg needs a value (see --help)"
        value=$1
        return 0
    fi
    return 1
}
while (($# > 0)); do
    arg=$1
    shift
    value=
    case $arg in
    --*=*)
        value=${arg#*=}
        arg=${arg%%=*}
        ;;
    esac
    case $arg in
    -h | --help)
        usage
        exit 0
        ;;
    --sizes) if need_value "$@"; then shift; fi; sizes_arg=$value ;;
    --runs) if need_value "$@"; then shift; fi; runs=$value ;;
    --out) if need_value "$@"; then shift; fi; out=$value ;;
    --dir) if need_value "$@"; then shift; fi; work_dir=$value ;;
    --tred-timeout) if need_value "$@"; then shift; fi; tred_timeout=$value ;;
    --install-networkx) install_nx=1 ;;
    --tred-always) tred_always=1 ;;
    *) die "unexpected argument \`$arg\` (see --help)" ;;
    esac
done

[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs: \`$runs\` is not a positive number"
[[ $tred_timeout =~ ^[1-9][0-9]*$ ]] || die "--tred-timeout: \`$tred_timeout\` is not a positive number of seconds"

sizes=()
IFS=, read -r -a parts <<<"$sizes_arg"
for p in "${parts[@]}"; do
    case $p in
    *[kK]) n=${p%?}000 ;;
    *[mM]) n=${p%?}000000 ;;
    *) n=$p ;;
    esac
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "--sizes: \`$p\` is not a positive number of topics"
    sizes+=("$n")
done
((${#sizes[@]} > 0)) || die "--sizes: no size given"
mapfile -t sizes < <(printf '%s\n' "${sizes[@]}" | sort -n -u)

started=$(now)
load_start=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo unknown)

# ---------------------------------------------------------------------------------------------
# Where we are, and which tools there are

if [[ ! -f Cargo.toml || ! -f examples/generate.rs ]] || ! grep -q '^name = "roadmap"' Cargo.toml; then
    die "run me from the roadmap repository root (cd /path/to/roadmap && benches/compare.sh); $(pwd) is not it"
fi

notes=()
note() { notes+=("$*"); }

if [[ ! -x $TIME_BIN ]] || ! "$TIME_BIN" --version 2>&1 | grep -q GNU; then
    die "GNU time is needed at $TIME_BIN to measure peak memory: install it (Debian/Ubuntu: apt-get install time; Fedora: dnf install time)"
fi
command -v cargo >/dev/null || die "cargo is not on PATH: install Rust (https://rustup.rs)"

have_tsort=0
if command -v tsort >/dev/null; then
    have_tsort=1
else
    note "\`tsort\` is not installed (it is in GNU coreutils): the tsort columns are empty."
fi

have_tred=0
if ! command -v tred >/dev/null; then
    note "\`tred\` is not installed (apt-get install graphviz, brew install graphviz): the tred columns are empty."
elif ! command -v timeout >/dev/null; then
    note "\`timeout\` (GNU coreutils) is missing, so \`tred\` cannot be given a time limit: skipped."
else
    have_tred=1
fi

have_nx=0
nx_ok() { command -v "$PYTHON" >/dev/null && "$PYTHON" -c 'import networkx' >/dev/null 2>&1; }
if ! command -v "$PYTHON" >/dev/null; then
    note "\`$PYTHON\` is not on PATH: networkx skipped."
elif nx_ok; then
    have_nx=1
elif ((install_nx)); then
    say "networkx is missing for $PYTHON; installing it with pip (--install-networkx)"
    if "$PYTHON" -m pip install networkx >&2 && nx_ok; then
        have_nx=1
    else
        note "networkx is missing and \`$PYTHON -m pip install networkx\` failed: networkx skipped."
    fi
else
    note "networkx is not installed for \`$PYTHON\`: skipped (pass \`--install-networkx\` to pip install it)."
fi

# ---------------------------------------------------------------------------------------------
# Build, scratch space, graphs

scratch=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-compare.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# One build for the tool and the generator: building is the slow part of `cargo run`, and with
# one build the graphs do not depend on sources that change while this runs.
say "building: cargo build --release --bin roadmap --example generate"
cargo build --release --bin roadmap --example generate >&2 \
    || die "cargo build --release failed (see above): the tool or its generator does not build"
# Copies, so that a build started elsewhere while this runs cannot swap the binaries under it.
cp target/release/examples/generate "$scratch/generate"
generate_bin=$scratch/generate
roadmap_bin=${ROADMAP_BIN:-target/release/roadmap}
[[ -x $roadmap_bin ]] || die "no executable roadmap at $roadmap_bin"
cp "$roadmap_bin" "$scratch/roadmap"
roadmap_bin=$scratch/roadmap

# Never touch the user's cache, data (progress) or configuration, and ignore their defaults.
export XDG_CACHE_HOME=$scratch/cache XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config
mkdir -p "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
unset ROADMAP_PATH ROADMAP_LANG ROADMAP_PROGRESS ROADMAP_NO_CACHE

roadmap_help=$("$roadmap_bin" --help 2>&1) || true
if [[ $roadmap_help == *--no-cache* ]]; then
    has_cache=1
    modes=(cold warm)
else
    has_cache=0
    modes=(cold)
    note "This build has no \`--no-cache\` option (\`roadmap --help\` does not list it), so there is one set of \`roadmap\` numbers, run as is with an empty cache directory; the cold/warm split appears once the cache exists."
fi

mkdir -p "$work_dir"
declare -A goal edges toml_bytes
for n in "${sizes[@]}"; do
    base=$work_dir/g$n-d$DEGREE-s$SEED
    for fmt in toml tsort dot; do
        f=$base.$fmt
        if [[ -s $f && $f -nt examples/generate.rs ]]; then
            continue
        fi
        say "generating $f"
        "$generate_bin" \
            --topics "$n" --degree "$DEGREE" --seed "$SEED" --format "$fmt" -o "$f.part" \
            || die "the generator failed for $n topics ($fmt)"
        mv "$f.part" "$f"
    done
    if [[ ! -s $base.edges || $base.edges -ot $base.tsort ]]; then
        # `t t` is tsort's way of naming a topic with no edge; every other line is one edge.
        awk '$1 != $2 { e++ } END { print e + 0 }' "$base.tsort" >"$base.edges"
    fi
    edges[$n]=$(<"$base.edges")
    toml_bytes[$n]=$(wc -c <"$base.toml")
    # The generator writes topics in layer order, so the last one is in the deepest layer.
    goal[$n]=$(tail -n 40 "$base.toml" | sed -n 's/^id = "\(.*\)"$/\1/p' | tail -n 1)
    [[ -n ${goal[$n]} ]] || die "cannot find the last topic id in $base.toml"
done

# ---------------------------------------------------------------------------------------------
# Measuring

declare -A T R ST # median wall seconds, median peak RSS (KiB), status: ok, timeout, fail
declare -A NX_LINE
before_run=:       # a command run before each measured run, not timed
run_stdout=/dev/null

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure KEY LIMIT CMD... : runs CMD $runs times (stdout to $run_stdout), with a time limit of
# LIMIT seconds when LIMIT > 0, and stores the medians. A run that fails or hits the limit ends
# the series: repeating a 300 s timeout would only cost time.
measure() {
    local key=$1 limit=$2
    shift 2
    local times=() rss=() i rc t0 t1 last
    ST[$key]=ok
    for ((i = 0; i < runs; i++)); do
        $before_run
        rc=0
        t0=$(now)
        if ((limit > 0)); then
            "$TIME_BIN" -f '%e %M' -o "$scratch/time" timeout "$limit" "$@" >"$run_stdout" 2>"$scratch/stderr" || rc=$?
        else
            "$TIME_BIN" -f '%e %M' -o "$scratch/time" "$@" >"$run_stdout" 2>"$scratch/stderr" || rc=$?
        fi
        t1=$(now)
        last=$(tail -n 1 "$scratch/time")
        if ((limit > 0 && rc == 124)); then
            ST[$key]=timeout
            T[$key]=$limit
            R[$key]=${last#* }
            say "  $key: hit the ${limit} s limit"
            return 0
        elif ((rc != 0)); then
            ST[$key]=fail
            note "\`$key\` at ${n} topics failed (exit status $rc): $(head -c 300 "$scratch/stderr" | tr '\n' ' ')"
            say "  $key: failed with status $rc"
            return 0
        fi
        times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')")
        rss+=("${last#* }")
    done
    T[$key]=$(printf '%s\n' "${times[@]}" | median)
    R[$key]=$(printf '%s\n' "${rss[@]}" | median)
    say "  $key: $(fmt_time "$key"), $(fmt_rss "$key")"
}

wipe_cache() { rm -rf "${XDG_CACHE_HOME:?}" && mkdir -p "$XDG_CACHE_HOME"; }

# ---------------------------------------------------------------------------------------------
# Formatting

fmt_time() {
    case ${ST[$1]:-} in
    ok) awk -v s="${T[$1]}" 'BEGIN {
            if (s < 0.01) printf "%.1f ms", s * 1000
            else if (s < 1) printf "%.0f ms", s * 1000
            else if (s < 10) printf "%.2f s", s
            else printf "%.1f s", s }' ;;
    timeout) printf '>%s s' "${T[$1]}" ;;
    predicted) printf 'not run (≥ %s s predicted)' "${T[$1]}" ;;
    fail) printf 'failed' ;;
    *) printf '—' ;;
    esac
}

kib() {
    awk -v k="$1" 'BEGIN {
        if (k < 1024) printf "%d KiB", k
        else if (k < 1048576) printf "%.1f MiB", k / 1024
        else printf "%.2f GiB", k / 1048576 }'
}

fmt_rss() {
    case ${ST[$1]:-} in
    ok | timeout) kib "${R[$1]}" ;;
    *) printf '—' ;;
    esac
}

fmt_bytes() {
    awk -v b="$1" 'BEGIN {
        if (b < 1048576) printf "%.0f KiB", b / 1024
        else printf "%.1f MiB", b / 1048576 }'
}

# number, shown with a precision that suits its size
fmt_num() { awk -v r="$1" 'BEGIN { if (r < 10) printf "%.2f", r; else if (r < 100) printf "%.1f", r; else printf "%.0f", r }'; }

# mark VALUE OP TARGET: a tick or a cross after a ratio that has a target
mark() {
    if awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { exit !((op == "<=") ? v <= t : v >= t) }'; then
        printf ' ✓'
    else
        printf ' ✗'
    fi
}

# ratio NUM_KEY DEN_KEY [OP TARGET]: time of NUM over time of DEN, "—" when either is missing; a
# numerator that hit its time limit gives a lower bound.
ratio() {
    local nk=$1 dk=$2 op=${3:-} target=${4:-} r
    if [[ ${ST[$dk]:-} != ok ]] || [[ ${ST[$nk]:-} != ok && ${ST[$nk]:-} != timeout ]]; then
        printf '—'
        return
    fi
    r=$(awk -v a="${T[$nk]}" -v b="${T[$dk]}" 'BEGIN { print (b > 0 ? a / b : 0) }')
    if [[ ${ST[$nk]} == timeout ]]; then
        printf '>'
        # A lower bound proves a ">=" target only.
        if [[ $op == "<=" ]]; then op=; fi
    fi
    fmt_num "$r"
    if [[ -n $op ]]; then mark "$r" "$op" "$target"; fi
}

# growth KEY N PREV time|rss: the value at N over the value at PREV, marked against the target
# (for roadmap's own figures) from 100k to 1M
growth() {
    local key=$1 n=$2 p=$3 what=$4 a b
    if [[ ${ST[$n:$key]:-} != ok || ${ST[$p:$key]:-} != ok ]]; then
        printf '—'
        return
    fi
    if [[ $what == time ]]; then a=${T[$n:$key]} b=${T[$p:$key]}; else a=${R[$n:$key]} b=${R[$p:$key]}; fi
    awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f×", (b > 0 ? a / b : 0) }'
    if ((n == 1000000 && p == 100000)) && [[ $key != tsort ]]; then
        mark "$(awk -v a="$a" -v b="$b" 'BEGIN { print (b > 0 ? a / b : 0) }')" "<=" 12
    fi
}

# ---------------------------------------------------------------------------------------------
# The runs

tred_gave_up_at=
tred_last_ok=
for n in "${sizes[@]}"; do
    base=$work_dir/g$n-d$DEGREE-s$SEED
    say "[$n topics, ${edges[$n]} edges, goal ${goal[$n]}]"

    if ((have_tsort)); then
        measure "$n:tsort" 0 tsort "$base.tsort"
    fi

    uncached=()
    for mode in "${modes[@]}"; do
        flags=()
        if [[ $mode == cold ]]; then
            ((has_cache)) && flags=(--no-cache)
            before_run=wipe_cache
        else
            before_run=:
        fi
        for cmd in check plan export; do
            case $cmd in
            check) args=(check) ;;
            plan) args=(plan "${goal[$n]}") ;;
            export) args=(export --reduce --cluster none) ;;
            esac
            if [[ $mode == warm ]]; then
                wipe_cache
                if ! "$roadmap_bin" --roadmap "$base.toml" "${args[@]}" >/dev/null 2>"$scratch/stderr"; then
                    note "The priming run of \`$cmd\` at $n topics failed: $(head -c 300 "$scratch/stderr" | tr '\n' ' ')"
                fi
                if [[ -z $(find "$XDG_CACHE_HOME" -type f -print -quit) ]]; then
                    uncached+=("$cmd")
                fi
            fi
            measure "$n:$cmd.$mode" 0 "$roadmap_bin" "${flags[@]}" --roadmap "$base.toml" "${args[@]}"
        done
    done
    before_run=:
    if ((${#uncached[@]} > 0)); then
        list=
        for c in "${uncached[@]}"; do list+="${list:+, }\`$c\`"; done
        note "At $n topics the priming run of $list wrote nothing under XDG_CACHE_HOME, so those warm numbers are uncached ones (the tool does not cache small roadmaps)."
    fi

    if ((have_tred)); then
        if ((n > TRED_MAX)); then
            note "\`tred\` skipped at $n topics: above $TRED_MAX topics it cannot finish in any useful time."
        elif [[ -n $tred_gave_up_at ]]; then
            note "\`tred\` skipped at $n topics: it already hit the ${tred_timeout} s limit at $tred_gave_up_at topics."
        else
            # tred's time grows faster than the square of the size (about 400x from 1k to 10k
            # topics), so the square is a safe lower bound; a run predicted far over the limit
            # would only spend the whole limit to say so.
            predicted=
            if [[ -n $tred_last_ok ]]; then
                predicted=$(awk -v t="${T[$tred_last_ok:tred]}" -v a="$n" -v b="$tred_last_ok" 'BEGIN { printf "%.0f", t * (a / b) ^ 2 }')
            fi
            if ((!tred_always)) && [[ -n $predicted ]] && ((predicted > 4 * tred_timeout)); then
                ST[$n:tred]=predicted
                T[$n:tred]=$predicted
                note "\`tred\` not run at $n topics: from $(fmt_time "$tred_last_ok:tred") at $tred_last_ok topics it would take at least about $predicted s (its time grows faster than the square of the size), far over the ${tred_timeout} s limit. \`--tred-always\` runs it anyway, up to the limit."
                say "  $n:tred: not run, predicted >= $predicted s"
            else
                measure "$n:tred" "$tred_timeout" tred "$base.dot"
                case ${ST[$n:tred]} in
                timeout) tred_gave_up_at=$n ;;
                ok) tred_last_ok=$n ;;
                esac
            fi
        fi
    fi

    if ((have_nx)); then
        run_stdout=$scratch/nx.out
        measure "$n:nx" 0 "$PYTHON" benches/compare_networkx.py "$base.tsort" "${goal[$n]}"
        run_stdout=/dev/null
        NX_LINE[$n]=$(cat "$scratch/nx.out" 2>/dev/null || true)
    fi
done
load_end=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo unknown)
if awk -v a="${load_start%% *}" -v b="${load_end%% *}" -v c="$(nproc)" 'BEGIN { exit !(a + 0 > c / 2 || b + 0 > c / 2) }'; then
    note "The machine was busy with other work (load average ${load_start%% *} at the start and ${load_end%% *} at the end, on $(nproc) CPUs): the figures are slower and noisier than on an idle machine."
fi
elapsed=$(awk -v a="$started" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }')

# ---------------------------------------------------------------------------------------------
# The report

first_line() { local v; v=$("$@" 2>&1) || true; printf '%s' "${v%%$'\n'*}"; }

cpu_model=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1 || true)
[[ -n $cpu_model ]] || cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1 || true)
mem_total=$(free -h 2>/dev/null | awk '/^Mem:/ { print $2 }' || true)
tools="\`$(first_line "$roadmap_bin" --version)\` ($(first_line rustc --version))"
((have_tsort)) && tools+=", \`$(first_line tsort --version)\`"
command -v dot >/dev/null && tools+=", \`$(first_line dot -V)\`"
if ((have_nx)); then
    tools+=", $(first_line "$PYTHON" --version) with networkx $(first_line "$PYTHON" -c 'import networkx; print(networkx.__version__)')"
fi

if ((has_cache)); then
    cold="cold (\`--no-cache\`)"
    warm="warm (cache primed)"
    cold_short=cold
else
    cold="no cache"
    cold_short=$cold
fi

report=$scratch/report.md
{
    echo "## Comparison with tsort, tred and networkx"
    echo
    echo "- Machine: $(nproc) CPUs (${cpu_model:-unknown CPU}), ${mem_total:-?} RAM, Linux $(uname -r); load average $load_start at the start, $load_end at the end"
    echo "- Tools: $tools"
    echo "- Date: $(date '+%Y-%m-%d %H:%M %Z')"
    echo "- Command, from the repository root: \`$command_line\` (took $elapsed s, build included)"
    echo
    echo "Graphs from \`cargo run --release --example generate -- --topics N --degree $DEGREE --seed $SEED\`"
    echo "(as TOML, and as a tsort edge list and DOT with \`--format tsort\`, \`--format dot\`); the goal"
    if ((runs == 1)); then each="Each figure is from one run"; else each="Each figure is the median of $runs runs"; fi
    echo "of \`plan\` is the last topic, in the deepest layer. $each:"
    echo "wall time and peak resident memory of the process, from \`/usr/bin/time -f \"%e %M\"\`, the"
    echo "wall time read with a microsecond clock around it. The \`roadmap\` runs have XDG_CACHE_HOME"
    if ((has_cache)); then
        echo "in a scratch directory: *cold* runs pass \`--no-cache\` with that directory emptied, *warm*"
        echo "runs come after one untimed priming run, without \`--no-cache\`."
    else
        echo "in an empty scratch directory."
    fi
    echo

    echo "### Graphs"
    echo
    echo "| Topics | TOML | tsort list | DOT | Edges | Goal |"
    echo "| ---: | ---: | ---: | ---: | ---: | --- |"
    for n in "${sizes[@]}"; do
        base=$work_dir/g$n-d$DEGREE-s$SEED
        echo "| $n | $(fmt_bytes "${toml_bytes[$n]}") | $(fmt_bytes "$(wc -c <"$base.tsort")") | $(fmt_bytes "$(wc -c <"$base.dot")") | ${edges[$n]} | \`${goal[$n]}\` |"
    done
    echo
    echo "Edges are the requirements and \`one_of\` alternatives, as tsort, tred and networkx see them;"
    echo "\`check\` also counts the few \`recommends\` among its prerequisites."
    echo

    for cmd in check plan; do
        if [[ $cmd == check ]]; then
            echo "### Ordering the whole graph: \`roadmap check\` vs \`tsort\`"
        else
            echo "### A deep goal: \`roadmap plan GOAL\` vs \`tsort\` (whole graph)"
        fi
        echo
        head="| Topics | Edges | tsort | RSS |"
        rule="| ---: | ---: | ---: | ---: |"
        for mode in "${modes[@]}"; do
            label=$cold
            [[ $mode == warm ]] && label=$warm
            head+=" $cmd, $label | RSS | $cmd/tsort (≤ 1.0) |"
            rule+=" ---: | ---: | ---: |"
        done
        echo "$head"
        echo "$rule"
        for n in "${sizes[@]}"; do
            row="| $n | ${edges[$n]} | $(fmt_time "$n:tsort") | $(fmt_rss "$n:tsort") |"
            for mode in "${modes[@]}"; do
                k=$n:$cmd.$mode
                row+=" $(fmt_time "$k") | $(fmt_rss "$k") | $(ratio "$k" "$n:tsort" "<=" 1.0) |"
            done
            echo "$row"
        done
        echo
    done

    echo "### Transitive reduction: \`roadmap export --reduce --cluster none\` vs \`tred\`"
    echo
    head="| Topics | Edges | tred | RSS |"
    rule="| ---: | ---: | ---: | ---: |"
    for mode in "${modes[@]}"; do
        label=$cold
        [[ $mode == warm ]] && label=$warm
        head+=" export, $label | RSS | tred/export (≥ 50 at 10k) |"
        rule+=" ---: | ---: | ---: |"
    done
    echo "$head"
    echo "$rule"
    for n in "${sizes[@]}"; do
        row="| $n | ${edges[$n]} | $(fmt_time "$n:tred") | $(fmt_rss "$n:tred") |"
        for mode in "${modes[@]}"; do
            k=$n:export.$mode
            if ((n == 10000)); then
                r=$(ratio "$n:tred" "$k" ">=" 50)
            else
                r=$(ratio "$n:tred" "$k")
            fi
            row+=" $(fmt_time "$k") | $(fmt_rss "$k") | $r |"
        done
        echo "$row"
    done
    echo
    if ((have_tred)); then
        echo "\`tred\` runs with \`timeout $tred_timeout\`; \">$tred_timeout s\" means it hit the limit (once: a timed-out"
        echo "run is not repeated), and the ratio is then a lower bound."
        echo
    fi

    echo "### Python networkx: load the edge list, topological sort, everything the goal needs"
    echo
    if ((have_nx)); then
        echo "| Topics | Edges | networkx | RSS | networkx/check, $cold_short | networkx/plan, $cold_short | RSS networkx/plan | Inside Python (load, sort, walk) |"
        echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
        for n in "${sizes[@]}"; do
            k=$n:nx
            rr="—"
            if [[ ${ST[$k]:-} == ok && ${ST[$n:plan.cold]:-} == ok ]]; then
                rr=$(fmt_num "$(awk -v a="${R[$k]}" -v b="${R[$n:plan.cold]}" 'BEGIN { print a / b }')")
            fi
            inside=$(awk '{ for (i = 1; i < NF; i++) v[$i] = $(i + 1) } END { if (NR) printf "%s s, %s s, %s s", v["load_s"], v["sort_s"], v["walk_s"] }' <<<"${NX_LINE[$n]:-}")
            echo "| $n | ${edges[$n]} | $(fmt_time "$k") | $(fmt_rss "$k") | $(ratio "$k" "$n:check.cold") | $(ratio "$k" "$n:plan.cold") | $rr | ${inside:-—} |"
        done
        echo
        echo "The networkx time is the whole process (\`benches/compare_networkx.py\`): interpreter start,"
        echo "\`import networkx\`, parsing the tsort list, \`topological_sort\` and \`ancestors(goal)\`. A ratio"
        echo "above 1 means \`roadmap\` is faster, though it also parses TOML and validates the roadmap."
    else
        echo "Skipped: networkx is not available (see the notes)."
    fi
    echo

    echo "### Memory: peak RSS of \`roadmap check\` relative to the TOML file"
    echo
    head="| Topics | TOML |"
    rule="| ---: | ---: |"
    for mode in "${modes[@]}"; do
        label=$cold
        [[ $mode == warm ]] && label=$warm
        head+=" check RSS, $label | RSS/TOML (≤ 10) |"
        rule+=" ---: | ---: |"
    done
    echo "$head"
    echo "$rule"
    for n in "${sizes[@]}"; do
        row="| $n | $(fmt_bytes "${toml_bytes[$n]}") |"
        for mode in "${modes[@]}"; do
            k=$n:check.$mode
            if [[ ${ST[$k]:-} == ok ]]; then
                r=$(awk -v k="${R[$k]}" -v b="${toml_bytes[$n]}" 'BEGIN { print k * 1024 / b }')
                row+=" $(fmt_rss "$k") | $(fmt_num "$r")×$(mark "$r" "<=" 10) |"
            else
                row+=" — | — |"
            fi
        done
        echo "$row"
    done
    echo
    echo "At small sizes the fixed memory of the process, whatever the roadmap, dominates the ratio."
    echo

    if ((${#sizes[@]} > 1)); then
        echo "### Growth: each size relative to the previous one (roadmap $cold_short)"
        echo
        echo "| Topics | Topics × | check time | check RSS | plan time | plan RSS | export time | export RSS | tsort time |"
        echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        prev=
        for n in "${sizes[@]}"; do
            if [[ -n $prev ]]; then
                echo "| $n | $(awk -v a="$n" -v b="$prev" 'BEGIN { printf "%g×", a / b }') | $(growth check.cold "$n" "$prev" time) | $(growth check.cold "$n" "$prev" rss) | $(growth plan.cold "$n" "$prev" time) | $(growth plan.cold "$n" "$prev" rss) | $(growth export.cold "$n" "$prev" time) | $(growth export.cold "$n" "$prev" rss) | $(growth tsort "$n" "$prev" time) |"
            fi
            prev=$n
        done
        echo
        echo "Target: 1M topics within 12× the time and memory of 100k (near-linear growth)."
        echo
    fi

    if ((${#notes[@]} > 0)); then
        echo "### Notes"
        echo
        for x in "${notes[@]}"; do echo "- $x"; done
        echo
    fi
} >"$report"

cat "$report"
if [[ -n $out ]]; then
    cp "$report" "$out" || die "cannot write $out"
    say "wrote $out"
fi
