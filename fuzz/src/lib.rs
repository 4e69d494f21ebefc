//! The checks the fuzz targets run, as a library so that tests/hardening.rs can replay the kept
//! inputs through exactly the same code (it includes `checks.rs` by path).

pub mod checks;
