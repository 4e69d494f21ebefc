//! Helpers shared by the unit tests: a small seeded random source, so that tests over random
//! inputs repeat exactly without a dependency.

/// Numbers below `bound` from a xorshift generator started at `seed` (not zero): the same
/// sequence on every run.
pub fn below(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut x = seed;
    move |bound| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % bound
    }
}
