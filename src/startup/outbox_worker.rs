//! The outbox's worker in a running server: sends what is due, then waits until a service wakes
//! it or a few seconds pass (another instance's rows, retries coming due). Asked to stop, it
//! finishes the mail it is sending and marks it: a row is either sent and marked, or left for the
//! next start.
use crate::server::{AppState, notifications::notifier, outbox, surveys, tokens};
use sea_orm::DatabaseConnection;
use std::time::Duration;
use tokio::{sync::watch, task::JoinHandle};

/// How often an idle worker looks again, woken or not.
const IDLE: Duration = Duration::from_secs(2);
/// How often the outbox's backlog and the pool's use are read for the metrics.
const OBSERVE_EVERY: Duration = Duration::from_secs(10);

pub struct Worker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Worker {
    /// Stops between two mails, and waits for it.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// Starts the worker on `db`: the server's pool, without its query counter.
pub fn start(state: AppState, db: DatabaseConnection) -> Worker {
    // Names this process's claims: a row claimed by a worker that died is found by its lease.
    let name = format!("{}-{}", std::process::id(), &tokens::generate()[..8]);
    let (stop, stopping) = watch::channel(false);
    let task = tokio::spawn(async move {
        let go_on = || !*stopping.borrow();
        let mut observed = std::time::Instant::now() - OBSERVE_EVERY;
        while go_on() {
            state.outbox.beat();
            if state.settings.metrics_addr.is_some() && observed.elapsed() >= OBSERVE_EVERY {
                observed = std::time::Instant::now();
                if let Err(error) = super::metrics::observe(&db).await {
                    tracing::warn!(%error, "the outbox's backlog could not be read");
                }
            }
            // Surveys closing tomorrow remind the families that have not answered.
            if let Err(error) = surveys::remind_closing(&db, state.clock.now()).await {
                tracing::error!(%error, "the surveys' reminders could not be written");
            }
            // Notifications due become mail first, then the mail goes.
            if let Err(error) = notifier::deliver_due(&state, &db).await {
                tracing::error!(%error, "notifications could not be delivered");
            }
            let delivery = outbox::Delivery {
                db: &db,
                ..state.delivery()
            };
            match outbox::send_due(&delivery, &name, &go_on).await {
                // A full claim may leave more behind: look again at once.
                Ok(claimed) if claimed > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "the outbox could not be read"),
            }
            let mut stopping = stopping.clone();
            tokio::select! {
                () = state.outbox.woken_or(IDLE) => {}
                _ = stopping.changed() => {}
            }
        }
        // What it claimed and did not send goes to the next start at once, not after the lease.
        if let Err(error) = outbox::release(&db, &name).await {
            tracing::error!(%error, "the outbox's claims could not be let go");
        }
    });
    Worker { stop, task }
}
