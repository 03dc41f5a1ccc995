//! Warnings on stderr. Loading and analysis keep going past bad input; the user sees
//! each skipped or repaired file named once. `-q` silences them.

use std::sync::atomic::{AtomicBool, Ordering};

static QUIET: AtomicBool = AtomicBool::new(false);

/// Silences warnings (`-q`).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Prints `scope: warning: WHERE: WHAT` unless quiet.
pub fn warn(place: &str, what: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        eprintln!("scope: warning: {place}: {what}");
    }
}

/// Prints an informational note (engine choice and the like) unless quiet.
pub fn note(what: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        eprintln!("scope: {what}");
    }
}
