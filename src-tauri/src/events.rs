//! Database changes reach the window through one event, `console-event`.

use console_core::model::ConsoleEvent;
use tauri::{AppHandle, Emitter};
use tokio::sync::broadcast::{Receiver, error::RecvError};

pub const CONSOLE_EVENT: &str = "console-event";

pub fn forward(app: AppHandle, mut events: Receiver<ConsoleEvent>) {
    tauri::async_runtime::spawn(async move {
        loop {
            match events.recv().await {
                Ok(ev) => {
                    if let Err(e) = app.emit(CONSOLE_EVENT, ev) {
                        tracing::warn!("cannot emit {CONSOLE_EVENT}: {e}");
                    }
                }
                // Too far behind: events were dropped, so the window re-reads what it shows.
                Err(RecvError::Lagged(n)) => {
                    tracing::warn!("UI missed {n} console events; it reloads");
                    if let Err(e) = app.emit(CONSOLE_EVENT, ConsoleEvent::Missed { count: n }) {
                        tracing::warn!("cannot emit {CONSOLE_EVENT}: {e}");
                    }
                }
                Err(RecvError::Closed) => break,
            }
        }
    });
}
