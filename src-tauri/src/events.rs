//! Database changes reach the window through one event, `console-event`.

use std::collections::HashMap;

use console_core::model::ConsoleEvent;
use tauri::{AppHandle, Emitter};
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};

pub const CONSOLE_EVENT: &str = "console-event";

/// The most events taken off the channel at once before they are emitted.
const MAX_TAKEN: usize = 1024;

pub fn forward(app: AppHandle, mut events: Receiver<ConsoleEvent>) {
    tauri::async_runtime::spawn(async move {
        loop {
            let first = match events.recv().await {
                Ok(ev) => ev,
                Err(RecvError::Lagged(n)) => missed(n),
                Err(RecvError::Closed) => break,
            };
            // What queued up while the last events were emitted goes together: during a bulk
            // send a message changes several times within milliseconds, and each emit is a
            // serialisation and a message to the webview.
            let mut taken = vec![first];
            let mut closed = false;
            while taken.len() < MAX_TAKEN {
                match events.try_recv() {
                    Ok(ev) => taken.push(ev),
                    Err(TryRecvError::Lagged(n)) => taken.push(missed(n)),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Closed) => {
                        closed = true;
                        break;
                    }
                }
            }
            for ev in coalesce(taken) {
                if let Err(e) = app.emit(CONSOLE_EVENT, ev) {
                    tracing::warn!("cannot emit {CONSOLE_EVENT}: {e}");
                }
            }
            if closed {
                break;
            }
        }
    });
}

/// Too far behind: events were dropped, so the window re-reads what it shows.
fn missed(count: u64) -> ConsoleEvent {
    tracing::warn!("UI missed {count} console events; it reloads");
    ConsoleEvent::Missed { count }
}

/// Keeps one event per message: its latest view, where its first one was (the window upserts
/// by id, so the states in between would only be drawn over). Other events stay as they are,
/// in order.
fn coalesce(events: Vec<ConsoleEvent>) -> Vec<ConsoleEvent> {
    let mut out: Vec<ConsoleEvent> = Vec::with_capacity(events.len());
    let mut at: HashMap<String, usize> = HashMap::new();
    for ev in events {
        match ev {
            ConsoleEvent::Message { message } => match at.get(&message.id) {
                Some(&i) => out[i] = ConsoleEvent::Message { message },
                None => {
                    at.insert(message.id.clone(), out.len());
                    out.push(ConsoleEvent::Message { message });
                }
            },
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use console_core::model::{MessageState, MessageView};

    use super::*;

    fn message(id: &str, state: MessageState) -> ConsoleEvent {
        ConsoleEvent::Message {
            message: MessageView {
                id: id.into(),
                profile_name: "p".into(),
                direction: "MT".into(),
                source: "Acme".into(),
                destination: "447700900123".into(),
                text: "hi".into(),
                data_coding: "GSM7".into(),
                parts: 1,
                request_dlr: true,
                state,
                smsc_message_id: None,
                error: None,
                receipt_stat: None,
                receipt_err: None,
                created_at: "2026-12-03T00:00:00.000Z".into(),
                updated_at: "2026-12-03T00:00:00.000Z".into(),
            },
        }
    }

    fn shown(events: &[ConsoleEvent]) -> Vec<String> {
        events
            .iter()
            .map(|e| match e {
                ConsoleEvent::Message { message } => format!("{}:{}", message.id, message.state.as_str()),
                ConsoleEvent::Missed { count } => format!("missed {count}"),
                ConsoleEvent::Bind { .. } => "bind".into(),
            })
            .collect()
    }

    #[test]
    fn a_message_changed_several_times_is_emitted_once_with_its_latest_state() {
        let taken = vec![
            message("a", MessageState::Queued),
            message("b", MessageState::Queued),
            message("a", MessageState::Accepted),
            ConsoleEvent::Missed { count: 3 },
            message("a", MessageState::Delivered),
            message("c", MessageState::Queued),
        ];
        assert_eq!(shown(&coalesce(taken)), ["a:Delivered", "b:Queued", "missed 3", "c:Queued"]);
    }

    #[test]
    fn events_of_different_messages_are_all_kept_in_order() {
        let taken = vec![message("x", MessageState::Queued), message("y", MessageState::Accepted)];
        assert_eq!(shown(&coalesce(taken)), ["x:Queued", "y:Accepted"]);
    }
}
