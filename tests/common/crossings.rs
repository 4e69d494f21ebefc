//! How tangled a picture is, measured on Graphviz's own layout: the DOT is laid out with
//! `dot -Tjson`, every drawn edge's B-spline is flattened into the segments between its control
//! points (the control polygon, which holds the curve), and two edges cross when any segment of
//! one properly intersects any segment of the other. Pairs of edges that share an end (a node or
//! an "or" junction) are not counted: they meet at that node by design. Each pair counts once,
//! however often its curves cross. docs/diagrams.md gives the figures this measures.

use std::io::Write;
use std::process::{Command, Stdio};

/// One laid-out picture: how many edges are drawn, how many pairs of them cross, and the size of
/// the drawing in points.
#[derive(Clone, Copy, Debug)]
pub struct Measure {
    pub edges: usize,
    pub crossings: usize,
    pub width: f64,
    pub height: f64,
}

impl Measure {
    pub fn per_edge(&self) -> f64 {
        self.crossings as f64 / self.edges.max(1) as f64
    }
}

type Point = (f64, f64);

struct Drawn {
    ends: [u64; 2],
    segments: Vec<(Point, Point)>,
    /// min x, min y, max x, max y of the control points.
    bounds: [f64; 4],
}

/// The layout of `dot_text` by Graphviz, as JSON.
pub fn layout_json(dot_text: &str) -> serde_json::Value {
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz's dot runs");
    let mut stdin = child.stdin.take().unwrap();
    let text = dot_text.to_owned();
    // Written from a thread, so a large layout filling stdout cannot block the write.
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "dot -Tjson failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("dot -Tjson gives JSON")
}

/// Lays `dot_text` out and counts crossing pairs of drawn edges.
pub fn measure(dot_text: &str) -> Measure {
    measure_layout(&layout_json(dot_text))
}

/// Counts crossing pairs of drawn edges in a layout from [`layout_json`].
pub fn measure_layout(layout: &serde_json::Value) -> Measure {
    let mut drawn = Vec::new();
    for edge in layout["edges"].as_array().into_iter().flatten() {
        let Some(ops) = edge["_draw_"].as_array() else {
            continue;
        };
        // An invisible edge has no drawing operations.
        let Some(points) = ops
            .iter()
            .filter(|op| op["op"] == "b")
            .filter_map(|op| op["points"].as_array())
            .next_back()
        else {
            continue;
        };
        let points: Vec<Point> = points
            .iter()
            .map(|p| (p[0].as_f64().unwrap(), p[1].as_f64().unwrap()))
            .collect();
        let mut bounds = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for &(x, y) in &points {
            bounds = [
                bounds[0].min(x),
                bounds[1].min(y),
                bounds[2].max(x),
                bounds[3].max(y),
            ];
        }
        drawn.push(Drawn {
            ends: [
                edge["tail"].as_u64().unwrap(),
                edge["head"].as_u64().unwrap(),
            ],
            segments: points.windows(2).map(|w| (w[0], w[1])).collect(),
            bounds,
        });
    }
    let mut crossings = 0;
    for (i, a) in drawn.iter().enumerate() {
        for b in &drawn[i + 1..] {
            if a.ends.iter().any(|e| b.ends.contains(e))
                || a.bounds[2] < b.bounds[0]
                || b.bounds[2] < a.bounds[0]
                || a.bounds[3] < b.bounds[1]
                || b.bounds[3] < a.bounds[1]
            {
                continue;
            }
            if a.segments
                .iter()
                .any(|s| b.segments.iter().any(|t| properly_intersect(*s, *t)))
            {
                crossings += 1;
            }
        }
    }
    let bb: Vec<f64> = layout["bb"]
        .as_str()
        .unwrap_or("0,0,0,0")
        .split(',')
        .map(|v| v.parse().unwrap_or(0.0))
        .collect();
    Measure {
        edges: drawn.len(),
        crossings,
        width: bb[2] - bb[0],
        height: bb[3] - bb[1],
    }
}

/// The side of line `a`-`b` that `c` lies on: 1, -1, or 0 when (nearly) on it.
fn side(a: Point, b: Point, c: Point) -> i8 {
    let v = (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
    if v > 1e-9 {
        1
    } else if v < -1e-9 {
        -1
    } else {
        0
    }
}

/// Whether two segments cross at a point inside both (touching or overlapping does not count).
fn properly_intersect((a, b): (Point, Point), (c, d): (Point, Point)) -> bool {
    side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0
}
