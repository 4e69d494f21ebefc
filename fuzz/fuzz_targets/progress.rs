//! Fuzz target: arbitrary bytes as a progress file, read through `Progress::read`; whatever
//! reads must write back as text that reads back to the same value. The checks live in
//! `src/checks.rs`, shared with tests/hardening.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    roadmap_fuzz::checks::progress(data);
});
