//! Stage times on stderr, for finding where a build's time goes: `GONGSHI_TIMINGS=1 gongshi
//! build` prints one line per stage, its wall time and the CPU time the whole process spent
//! meanwhile, user and kernel (`timings: render/pages wall 812.4 ms, user 1530.2 ms, sys 40.1 ms`;
//! on a busy machine the CPU times say more than the wall time). Off unless the variable is set;
//! nothing written to the output depends on it. Evaluate, which must stay pure, is timed as a whole.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

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
    let (started, cpu) = (Instant::now(), cpu_time());
    let value = f();
    let (user, sys) = cpu_time();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    eprintln!(
        "timings: {stage} wall {:.1} ms, user {:.1} ms, sys {:.1} ms",
        ms(started.elapsed()),
        ms(user.saturating_sub(cpu.0)),
        ms(sys.saturating_sub(cpu.1))
    );
    value
}

/// The user and kernel CPU time of this process so far (all threads).
#[cfg(unix)]
fn cpu_time() -> (Duration, Duration) {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let d = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    (d(usage.ru_utime), d(usage.ru_stime))
}

#[cfg(not(unix))]
fn cpu_time() -> (Duration, Duration) {
    (Duration::ZERO, Duration::ZERO)
}
