//! Publishing what the log writer committed: the messages a batch changed are read back and
//! sent to subscribers (the window, smppctl waiting for a receipt) by a task of their own, on a
//! connection of their own, so the writer goes on with the next batch meanwhile.
//!
//! Why not on the writer: reading each changed message back (its view joins the profile and
//! its first part) cost the writer a fifth of its throughput whenever a window was open, and
//! the writer is the log's one bottleneck; the reads run on another core here. Batches that
//! queue up while the publisher reads are taken together and each message is read once, at
//! its latest state: a subscriber may see a message skip a state it passed through quickly
//! (Queued straight to Accepted), never an older state after a newer one.

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension};
use tokio::sync::{broadcast, mpsc, oneshot};

use crate::db::messages::{MessageRow, VIEW_BY_ID};
use crate::model::ConsoleEvent;

/// Committed batches waiting for the publisher before the writer waits too (back-pressure:
/// a publisher that cannot keep up slows the log instead of growing memory).
const QUEUE: usize = 64;
/// The most batches taken together.
const MAX_TAKEN: usize = 256;

/// What one committed batch leaves to publish.
#[derive(Debug)]
pub(super) struct Committed {
    /// Messages the batch changed, in the order they were first changed.
    pub changed: Vec<String>,
    /// Flushes in the batch: answered once its messages are published.
    pub flushes: Vec<oneshot::Sender<()>>,
}

/// The writer's side of the publisher.
#[derive(Debug)]
pub(super) struct Publisher {
    tx: mpsc::Sender<Committed>,
}

impl Publisher {
    /// Opens a read connection on the log at `path` and starts publishing on `events`.
    pub fn start(path: &Path, events: broadcast::Sender<ConsoleEvent>) -> rusqlite::Result<Publisher> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "query_only", true)?;
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(run(conn, events, rx));
        Ok(Publisher { tx })
    }

    /// Hands over a committed batch; waits while the publisher is [`QUEUE`] batches behind.
    /// A publisher that has stopped answers the flushes at once (dropping them does).
    pub async fn publish(&self, committed: Committed) {
        let _ = self.tx.send(committed).await;
    }
}

async fn run(mut conn: Connection, events: broadcast::Sender<ConsoleEvent>, mut rx: mpsc::Receiver<Committed>) {
    let mut taken = Vec::with_capacity(MAX_TAKEN);
    while rx.recv_many(&mut taken, MAX_TAKEN).await > 0 {
        let mut seen = HashSet::new();
        let mut ids = Vec::new();
        let mut flushes = Vec::new();
        for c in taken.drain(..) {
            ids.extend(c.changed.into_iter().filter(|id| seen.insert(id.clone())));
            flushes.extend(c.flushes);
        }
        // Nobody listening (smppctl without a window): nothing is read.
        if !ids.is_empty() && events.receiver_count() > 0 {
            let events = events.clone();
            // SQLite blocks: the reads run on a blocking thread, the connection travels along.
            match tokio::task::spawn_blocking(move || {
                publish(&conn, &events, &ids);
                conn
            })
            .await
            {
                Ok(c) => conn = c,
                Err(e) => {
                    tracing::error!("the log's publisher stopped: {e}");
                    return;
                }
            }
        }
        for ack in flushes {
            let _ = ack.send(());
        }
    }
}

/// Reads each message's view, as committed, and sends it.
fn publish(conn: &Connection, events: &broadcast::Sender<ConsoleEvent>, ids: &[String]) {
    // One read transaction: every view from the same snapshot, one lock for all.
    if let Err(e) = conn.execute_batch("BEGIN") {
        tracing::warn!("cannot read changed messages to publish them: {e}");
        return;
    }
    for id in ids {
        let view = (|| {
            let mut st = conn.prepare_cached(VIEW_BY_ID)?;
            st.query_row([id], MessageRow::from_rusqlite).optional()
        })();
        match view {
            Ok(Some(row)) => {
                let _ = events.send(ConsoleEvent::Message { message: row.into() });
            }
            Ok(None) => {} // pruned meanwhile
            Err(e) => tracing::warn!("cannot read message {id} to publish it: {e}"),
        }
    }
    let _ = conn.execute_batch("COMMIT");
}
