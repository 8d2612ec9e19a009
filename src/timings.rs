//! Stage times on stderr, for finding where a build's time goes: `GONGSHI_TIMINGS=1 gongshi
//! build` prints one line per stage (`timings: render/pages 812.4 ms`). Off unless the variable is
//! set; nothing written to the output depends on it. The build benchmark reads these lines.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether `GONGSHI_TIMINGS` is set (read once).
fn on() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("GONGSHI_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"))
}

/// Runs `f`, and prints how long it took under `stage` when timings are on.
pub fn time<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    if !on() {
        return f();
    }
    let started = Instant::now();
    let value = f();
    eprintln!("timings: {stage} {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    value
}
