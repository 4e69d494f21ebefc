#!/usr/bin/env python3
"""The networkx side of benches/compare.sh.

    python3 benches/compare_networkx.py GRAPH.tsort GOAL

Loads a coreutils-tsort edge list written by `cargo run --example generate -- --format tsort`
(one `prerequisite topic` pair per line; `t t` names a topic with no edge), orders the whole
graph topologically, and walks everything GOAL needs: the descendants of GOAL along
"requires" edges, which are its ancestors in the prerequisite -> topic graph built here. That is
the graph work of `roadmap check` (ordering) and `roadmap plan GOAL` (the goal's closure).

Prints one line, `topics N edges E order N needed K load_s L sort_s S walk_s W`, so a reader
can see where the time goes; compare.sh measures the whole process (interpreter start and
`import networkx` included) with /usr/bin/time, like every other tool it runs.
"""

import sys
import time


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    path, goal = sys.argv[1], sys.argv[2]
    import networkx as nx

    t0 = time.perf_counter()
    g = nx.DiGraph()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 2:
                continue
            a, b = parts
            if a == b:
                g.add_node(a)  # tsort's spelling of a lone node, not a self-loop
            else:
                g.add_edge(a, b)
    t1 = time.perf_counter()
    order = list(nx.topological_sort(g))
    t2 = time.perf_counter()
    if goal not in g:
        print(f"compare_networkx: no node `{goal}` in {path}", file=sys.stderr)
        return 1
    needed = nx.ancestors(g, goal)
    t3 = time.perf_counter()
    print(
        f"topics {g.number_of_nodes()} edges {g.number_of_edges()} order {len(order)} "
        f"needed {len(needed)} load_s {t1 - t0:.3f} sort_s {t2 - t1:.3f} walk_s {t3 - t2:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
