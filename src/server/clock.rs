//! The time the server's rules act on: real time, plus an offset that tests move forward to see a
//! lock lift or a link expire without sleeping.
use chrono::{DateTime, Duration, Utc};
use std::sync::{
    Arc,
    atomic::{AtomicI64, Ordering},
};

#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.offset_seconds.load(Ordering::Relaxed))
    }

    /// Moves this clock (and every copy of it) forward.
    pub fn advance(&self, by: Duration) {
        self.offset_seconds
            .fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
}
