//! The Settings page's log retention commands, and the background prune. Thin adapters over
//! console-core's retention.

use std::time::Duration;

use console_core::Console;
use console_core::model::ApiError;
use console_core::retention::{PruneReport, Retention, VacuumReport};
use tauri::State;
use tokio::sync::watch;

/// The stored retention setting (None: keep forever / no size limit).
#[tauri::command]
pub async fn retention_get(console: State<'_, Console>) -> Result<Retention, ApiError> {
    console.retention().await.map_err(Into::into)
}

/// Stores the retention setting; a validation error says what is wrong.
#[tauri::command]
pub async fn retention_set(console: State<'_, Console>, retention: Retention) -> Result<(), ApiError> {
    console.set_retention(&retention).await.map_err(Into::into)
}

/// Prunes by the stored setting now.
#[tauri::command]
pub async fn log_prune(console: State<'_, Console>) -> Result<PruneReport, ApiError> {
    console.prune_log().await.map_err(Into::into)
}

/// Rebuilds the database file (slow on a big log).
#[tauri::command]
pub async fn log_vacuum(console: State<'_, Console>) -> Result<VacuumReport, ApiError> {
    console.vacuum_log().await.map_err(Into::into)
}

/// The first background prune, after start-up has settled.
const FIRST_PRUNE_AFTER: Duration = Duration::from_secs(60);
/// Then one every hour.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);
/// How long exit waits for a prune in progress to finish its current batch.
const STOP_WAIT: Duration = Duration::from_secs(3);

/// The background prune: stop it before the console shuts down.
pub struct PruneTask {
    stop: watch::Sender<bool>,
    handle: std::sync::Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
}

impl PruneTask {
    /// Starts pruning `console` by its stored setting a minute from now and then every hour.
    pub fn start(console: Console) -> Self {
        let (stop, mut stopped) = watch::channel(false);
        let handle = tauri::async_runtime::spawn(async move {
            let mut wait = FIRST_PRUNE_AFTER;
            loop {
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = stopped.changed() => return,
                }
                wait = PRUNE_EVERY;
                tokio::select! {
                    _ = prune_once(&console) => {}
                    // Dropping the prune mid-way is safe: each batch is its own transaction.
                    _ = stopped.changed() => return,
                }
            }
        });
        Self { stop, handle: std::sync::Mutex::new(Some(handle)) }
    }

    /// Stops the task and waits (briefly) for it to end.
    pub async fn stop(&self) {
        let _ = self.stop.send(true);
        let handle = self.handle.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(h) = handle
            && tokio::time::timeout(STOP_WAIT, h).await.is_err()
        {
            tracing::warn!("background log prune did not stop in time");
        }
    }
}

async fn prune_once(console: &Console) {
    match console.retention().await {
        Ok(r) if r.max_age_days.is_none() && r.max_size_mb.is_none() => {}
        Ok(_) => match console.prune_log().await {
            Ok(report) if report.messages + report.receipts + report.pdus > 0 => tracing::info!(
                "background prune: removed {} messages, {} receipts, {} PDUs; the log uses {} bytes (was {})",
                report.messages,
                report.receipts,
                report.pdus,
                report.used_bytes_after,
                report.used_bytes_before
            ),
            Ok(_) => tracing::debug!("background prune: nothing to remove"),
            Err(e) => tracing::warn!("background prune failed: {e}"),
        },
        Err(e) => tracing::warn!("background prune: cannot read the retention setting: {e}"),
    }
}
