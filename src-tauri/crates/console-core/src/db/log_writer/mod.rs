//! The log writer: one task owns every write of the message log's hot path (messages,
//! segments, their events and keys, receipts, PDUs) and writes whatever is queued in one
//! transaction on its own SQLite connection.
//!
//! Why one writer with its own connection: SQLite has one writer at a time, so writers on
//! several pool connections only wait on each other in the busy handler; and every statement
//! through sqlx's pool is a round trip to that connection's worker thread, which cost more
//! than the statement itself (about two dozen per message). Here a batch is one hop to a
//! blocking thread, with cached prepared statements, so the log keeps up with the session.
//!
//! The queue is bounded ([`QUEUE_CAPACITY`]): when the disk falls behind, senders wait for room
//! (back-pressure on the session) instead of growing memory. Operations are applied in the
//! order they were queued. A batch that somebody waits for (a message that must be on disk
//! before its submit_sm is written, a flush) is written at once; otherwise the writer lingers
//! briefly for more, so an idle trickle does not cost a commit per PDU. Messages whose parts
//! changed are rolled up (see `rollup`) at the end of the batch; after the commit they are
//! published by a task of their own (`publish`), and a flush returns once they are.
//! A crash (SIGKILL, power loss) loses at most what was queued or in the batch being written.

mod apply;
mod ops;
mod patch;
mod publish;

use std::path::Path;
use std::time::Duration;

use tokio::sync::{broadcast, mpsc, oneshot};
use tokio::time::{Instant, timeout_at};

pub use ops::{EventRow, HeldPart, LogOp, MessageInsert, OutcomeRow, PduRow, Persisted, ReceiptRow, Release};

use crate::error::CoreError;
use crate::model::ConsoleEvent;

/// Operations that may wait for the writer before senders wait too.
pub const QUEUE_CAPACITY: usize = 8192;
/// The most operations written in one transaction.
pub const MAX_BATCH: usize = 4096;
/// How long a batch nobody waits for lingers for more operations.
pub const LINGER: Duration = Duration::from_millis(20);

/// A handle on the writer; cheap to clone. The writer ends when every handle is dropped, after
/// writing what is still queued.
#[derive(Debug, Clone)]
pub struct LogWriter {
    tx: mpsc::Sender<LogOp>,
}

impl LogWriter {
    /// Opens a connection of its own on the log at `path` (already migrated by `db::open`) and
    /// starts the writer on the current tokio runtime. Changed messages are published on
    /// `events` (None: not published, e.g. a benchmark).
    pub fn open(path: &Path, events: Option<broadcast::Sender<ConsoleEvent>>) -> Result<LogWriter, CoreError> {
        LogWriter::with_capacity(path, events, QUEUE_CAPACITY)
    }

    /// Like [`LogWriter::open`] with another queue size (tests).
    pub fn with_capacity(
        path: &Path,
        events: Option<broadcast::Sender<ConsoleEvent>>,
        capacity: usize,
    ) -> Result<LogWriter, CoreError> {
        let cannot_open = |e: rusqlite::Error| CoreError::LogWriter(format!("cannot open {}: {e}", path.display()));
        let conn = apply::Writer::open(path).map_err(cannot_open)?;
        let publisher =
            events.map(|events| publish::Publisher::start(path, events)).transpose().map_err(cannot_open)?;
        let (tx, rx) = mpsc::channel(capacity.max(1));
        tokio::spawn(run(conn, rx, publisher));
        Ok(LogWriter { tx })
    }

    /// Queues an operation; waits while the queue is full. A writer that has stopped (the
    /// runtime is shutting down) drops it with an error in the log.
    pub async fn send(&self, op: LogOp) {
        if self.tx.send(op).await.is_err() {
            tracing::error!("cannot log: the log writer has stopped");
        }
    }

    pub async fn pdu(&self, row: PduRow) {
        self.send(LogOp::Pdu(row)).await;
    }

    pub async fn submitted(&self, segment_id: i64, connection_id: i64, sequence_number: u32, at: i64) {
        self.send(LogOp::Submitted { segment_id, connection_id, sequence_number, at }).await;
    }

    pub async fn outcome(&self, o: OutcomeRow) {
        self.send(LogOp::Outcome(Box::new(o))).await;
    }

    pub async fn event(&self, e: EventRow) {
        self.send(LogOp::Event(Box::new(e))).await;
    }

    pub async fn receipt(&self, r: ReceiptRow) {
        self.send(LogOp::Receipt(Box::new(r))).await;
    }

    /// Stores a message (and its Queued segments) and returns once it is committed, with the
    /// segment ids in part order.
    pub async fn persist_message(&self, m: MessageInsert) -> Result<Vec<i64>, CoreError> {
        let (ack, done) = oneshot::channel();
        self.send(LogOp::Message(Box::new(m), Some(ack))).await;
        match done.await {
            Ok(Ok(ids)) => Ok(ids),
            Ok(Err(e)) => Err(CoreError::LogWriter(format!("the message was not stored: {e}"))),
            Err(_) => Err(CoreError::LogWriter("its writer has stopped (the app is shutting down)".into())),
        }
    }

    /// Returns once everything queued before this call is committed (or failed and was
    /// reported), and the messages it changed are published.
    pub async fn flush(&self) {
        let (ack, done) = oneshot::channel();
        if self.tx.send(LogOp::Flush(ack)).await.is_ok() {
            let _ = done.await;
        }
    }

    /// Room left in the queue (tests).
    pub fn capacity(&self) -> usize {
        self.tx.capacity()
    }
}

async fn run(mut writer: apply::Writer, mut rx: mpsc::Receiver<LogOp>, publisher: Option<publish::Publisher>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let deadline = Instant::now() + LINGER;
        let mut seen = 0;
        loop {
            let awaited = batch[seen..].iter().any(LogOp::awaited);
            seen = batch.len();
            if awaited || batch.len() >= MAX_BATCH {
                break;
            }
            match timeout_at(deadline, rx.recv_many(&mut batch, MAX_BATCH - seen)).await {
                Ok(n) if n > 0 => {}
                _ => break, // the linger is over, or every handle is gone
            }
        }
        let ops = std::mem::take(&mut batch);
        // SQLite blocks: the batch runs on a blocking thread, the connection travels with it.
        let done = tokio::task::spawn_blocking(move || {
            let mut ops = ops;
            let committed = writer.write_batch(&mut ops);
            (writer, ops, committed)
        })
        .await;
        match done {
            Ok((w, mut ops, committed)) => {
                writer = w;
                ops.clear();
                batch = ops;
                match &publisher {
                    Some(p) => p.publish(committed).await,
                    // Nobody to publish to: flushes are answered now (dropping them does).
                    None => drop(committed),
                }
            }
            Err(e) => {
                tracing::error!("the log writer stopped: {e}");
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests;
