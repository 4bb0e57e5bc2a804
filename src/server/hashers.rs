//! The threads Argon2 runs on: one per core, started on first use, each at a lower priority (nice
//! 10) than the threads that render pages. A flood of sign-ins then takes only the time that pages
//! leave free: the scheduler gives a page's thread the core first, and a parent's home page stays
//! quick while strangers hammer the sign-in form. Being always the same few threads, they also
//! keep Argon2's 19 MiB blocks in a few places of memory, instead of one per thread of tokio's
//! blocking pool (the allocator keeps a freed block per thread that used one: hundreds of MB).
use std::sync::{LazyLock, Mutex, mpsc};

type Job = Box<dyn FnOnce() + Send>;

/// How much lower than a page's thread a hashing thread runs (Linux `nice`).
const NICENESS: i32 = 10;

static QUEUE: LazyLock<mpsc::Sender<Job>> = LazyLock::new(|| {
    let (sender, receiver) = mpsc::channel::<Job>();
    let receiver = std::sync::Arc::new(Mutex::new(receiver));
    for index in 0..cores() {
        let receiver = receiver.clone();
        std::thread::Builder::new()
            .name(format!("argon2-{index}"))
            .spawn(move || {
                lower_priority();
                loop {
                    // The lock is held only to take a job, not while running it.
                    let job = receiver.lock().expect("a hashing thread panicked").recv();
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                }
            })
            .expect("a hashing thread starts");
    }
    sender
});

/// The number of hashing threads: the machine's cores.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |cores| cores.get())
}

/// Runs `work` on a hashing thread and returns its result. The callers bound how many run at once
/// (a permit per core), so a job never waits here for long.
pub async fn run<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (answer, answered) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = answer.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)));
    });
    QUEUE
        .send(job)
        .expect("the hashing threads live as long as the process");
    match answered.await.expect("a hashing job always answers") {
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Lowers the calling thread's priority. On Linux the nice value is per thread, and raising it
/// needs no privilege; elsewhere the threads keep the normal priority.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments; `0` names the calling thread on Linux.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, NICENESS);
    }
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn work_runs_on_a_lower_priority_thread_and_answers() {
        let (name, niceness) = super::run(|| {
            let name = std::thread::current().name().map(str::to_owned);
            // SAFETY: getpriority only reads its integer arguments.
            let niceness = unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
            (name, niceness)
        })
        .await;
        assert!(name.is_some_and(|name| name.starts_with("argon2-")));
        assert_eq!(niceness, super::NICENESS);
    }
}
