//! Fuzz target: arbitrary bytes as a roadmap (split into files at `#---file---` lines) through
//! load, validate and, when valid, plans, trees, closures, DOT and Mermaid export and the
//! commands themselves. The checks live in `src/checks.rs`, shared with tests/hardening.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    roadmap_fuzz::checks::roadmap(data);
});
