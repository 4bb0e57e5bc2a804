//! The daily purge of a running server: shortly after start, then at each interval, the same purge
//! as `cartable purge`, logged. A failure is logged and the next run tries again.
use crate::server::{
    AppState,
    purge::{self, Retention},
};
use tokio::{task::JoinHandle, time};

pub fn start(state: AppState) -> JoinHandle<()> {
    let schedule = state.settings.purge_schedule;
    let retention = Retention::of(&state.settings);
    tokio::spawn(async move {
        let first = time::Instant::now() + schedule.first_after;
        let mut ticks = time::interval_at(first, schedule.every);
        // A machine that slept does not run the purge several times in a row on waking.
        ticks.set_missed_tick_behavior(time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match purge::run(&state.db, &state.clock, retention).await {
                Ok(purged) => tracing::info!(
                    sessions = purged.sessions,
                    mailed_links = purged.mailed_links,
                    throttle_counters = purged.throttle_counters,
                    audit_events = purged.audit_events,
                    "purged what no rule needs any more"
                ),
                Err(error) => tracing::error!(%error, "the daily purge failed"),
            }
        }
    })
}
