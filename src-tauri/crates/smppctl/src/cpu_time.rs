//! CPU time the process has used, for benchmarks: on a shared machine the wall-clock rate of a
//! run moves with the neighbours, while the CPU a run needs per message moves much less, so two
//! builds compare better by it.

use std::time::Duration;

/// The time every thread of this process has spent on a CPU so far (Linux: the first field of
/// each `/proc/self/task/*/schedstat`, in nanoseconds). Threads that have already ended are not
/// counted, so take both readings while the threads doing the work are alive. None where
/// schedstat is not available.
pub fn process_cpu() -> Option<Duration> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let Ok(stat) = std::fs::read_to_string(task.ok()?.path().join("schedstat")) else {
            continue; // the thread ended while we read
        };
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn work_on_a_thread_shows_up_as_cpu_time() {
        let before = process_cpu().expect("schedstat is readable on Linux");
        let started = std::time::Instant::now();
        let mut x = 0u64;
        while started.elapsed() < Duration::from_millis(50) {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
        }
        let used = process_cpu().unwrap() - before;
        // A busy loop of 50 ms is on a CPU for most of it (the machine may lend the core away
        // for part of it); an empty reading would be zero.
        assert!(used >= Duration::from_millis(10), "{used:?}");
    }
}
