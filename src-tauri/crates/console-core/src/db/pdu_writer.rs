//! The PDU log writer: one task owns the `pdus` inserts and writes whatever is queued in one
//! transaction, so the log keeps up with a busy session instead of paying a commit per PDU.
//!
//! The queue is bounded ([`QUEUE_CAPACITY`]): when the disk falls behind, [`PduWriter::send`]
//! waits for room (back-pressure on the session) instead of growing memory. Rows are written in
//! the order they were sent, many rows per INSERT statement. [`PduWriter::flush`] returns once
//! everything sent before it is committed; a crash (SIGKILL, power loss) loses at most what was
//! still queued or in the batch being written.

use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
use tokio::time::{Instant, timeout_at};

use super::Db;
use super::pdus::{self, NewPdu};

/// PDUs that may wait for the writer before senders wait too.
pub const QUEUE_CAPACITY: usize = 8192;
/// The most PDUs written in one transaction.
pub const MAX_BATCH: usize = 2048;
/// How long a batch waits for more PDUs once it has one (unless a flush asks for it, or it is
/// full). SQLite has one writer at a time: every transaction of ours can make another writer
/// (segment updates, receipts) sleep in its busy handler, so fewer, larger batches win.
pub const LINGER: Duration = Duration::from_millis(20);

/// One PDU to log (owned: it outlives the frame it came from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PduRow {
    pub connection_id: i64,
    pub inbound: bool,
    /// Already masked (see `smpp_codec::pdu::mask_password`).
    pub bytes: Vec<u8>,
    pub warnings: Option<String>,
    pub at: i64,
}

impl PduRow {
    fn as_new(&self) -> NewPdu<'_> {
        NewPdu {
            connection_id: self.connection_id,
            inbound: self.inbound,
            bytes: &self.bytes,
            warnings: self.warnings.clone(),
            at: self.at,
        }
    }
}

#[derive(Debug)]
enum Command {
    Row(PduRow),
    Flush(oneshot::Sender<()>),
}

/// A handle on the writer task; cheap to clone. The task ends when every handle is dropped,
/// after writing what is still queued.
#[derive(Debug, Clone)]
pub struct PduWriter {
    tx: mpsc::Sender<Command>,
}

impl PduWriter {
    /// Starts the writer on the current tokio runtime with a queue of [`QUEUE_CAPACITY`].
    pub fn spawn(db: Db) -> PduWriter {
        PduWriter::with_capacity(db, QUEUE_CAPACITY)
    }

    /// Like [`PduWriter::spawn`] with another queue size (tests).
    pub fn with_capacity(db: Db, capacity: usize) -> PduWriter {
        let (tx, rx) = mpsc::channel(capacity.max(1));
        tokio::spawn(run(db, rx));
        PduWriter { tx }
    }

    /// Queues one PDU; waits while the queue is full. A writer that has stopped (the runtime
    /// is shutting down) drops the row with an error in the log.
    pub async fn send(&self, row: PduRow) {
        if self.tx.send(Command::Row(row)).await.is_err() {
            tracing::error!("cannot log PDU: the PDU writer has stopped");
        }
    }

    /// Returns once every PDU sent before this call is committed (or failed and was reported).
    pub async fn flush(&self) {
        let (ack, done) = oneshot::channel();
        if self.tx.send(Command::Flush(ack)).await.is_ok() {
            let _ = done.await;
        }
    }
}

async fn run(db: Db, mut rx: mpsc::Receiver<Command>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let deadline = Instant::now() + LINGER;
        let mut seen = 0;
        loop {
            let flushing = batch[seen..].iter().any(|c| matches!(c, Command::Flush(_)));
            seen = batch.len();
            if flushing || batch.len() >= MAX_BATCH {
                break;
            }
            match timeout_at(deadline, rx.recv_many(&mut batch, MAX_BATCH - seen)).await {
                Ok(n) if n > 0 => {}
                _ => break, // the linger is over, or every handle is gone
            }
        }
        let mut rows = Vec::with_capacity(batch.len());
        let mut acks = Vec::new();
        for c in batch.drain(..) {
            match c {
                Command::Row(r) => rows.push(r),
                Command::Flush(a) => acks.push(a),
            }
        }
        if !rows.is_empty() {
            write_batch(&db, &rows).await;
        }
        // Every row queued before a flush was in this batch or an earlier one.
        for a in acks {
            let _ = a.send(());
        }
    }
}

/// Writes `rows` in one transaction; if that fails, one at a time, so one bad row (or a
/// transient error) costs that row, not its batch.
async fn write_batch(db: &Db, rows: &[PduRow]) {
    match insert_all(db, rows).await {
        Ok(()) => {}
        Err(e) => {
            tracing::warn!("cannot log {} PDUs in one transaction ({e}); writing them one by one", rows.len());
            for r in rows {
                if let Err(e) = pdus::insert_pdu(db, r.as_new()).await {
                    tracing::error!("cannot log PDU: {e}");
                }
            }
        }
    }
}

async fn insert_all(db: &Db, rows: &[PduRow]) -> sqlx::Result<()> {
    let new: Vec<NewPdu<'_>> = rows.iter().map(PduRow::as_new).collect();
    let mut tx = super::begin_write(db).await?;
    pdus::insert_pdus(&mut tx, &new).await?;
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(connection_id: i64, n: u32) -> PduRow {
        // A generic_nack header with sequence number n: 16 bytes, readable by read_header.
        let mut bytes = Vec::with_capacity(16);
        bytes.extend_from_slice(&16u32.to_be_bytes());
        bytes.extend_from_slice(&0x8000_0000u32.to_be_bytes());
        bytes.extend_from_slice(&0u32.to_be_bytes());
        bytes.extend_from_slice(&n.to_be_bytes());
        PduRow { connection_id, inbound: n.is_multiple_of(2), bytes, warnings: None, at: i64::from(n) }
    }

    async fn open() -> (tempfile::TempDir, Db, i64) {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::db::open(&dir.path().join("w.db")).await.unwrap();
        let p = crate::db::profiles::NewProfile {
            name: "w",
            preset: "generic",
            host: "h",
            port: 1,
            system_id: "s",
            bind_type: "TRX",
            builtin_simulator: false,
        };
        let profile = crate::db::profiles::upsert_profile(&db, p, 0).await.unwrap();
        let conn = crate::db::connections::insert_connection(&db, profile.id, "h", 1, "TRX", 0).await.unwrap();
        (dir, db, conn)
    }

    #[tokio::test]
    async fn flush_persists_every_queued_pdu_in_order() {
        let (_dir, db, conn) = open().await;
        let w = PduWriter::with_capacity(db.clone(), 64);
        let sent: Vec<PduRow> = (1..=5000).map(|n| row(conn, n)).collect();
        for r in &sent {
            w.send(r.clone()).await;
        }
        w.flush().await;
        let stored = pdus::list_pdu_bytes_for_connection(&db, conn).await.unwrap();
        assert_eq!(stored.len(), sent.len());
        assert!(stored.iter().zip(&sent).all(|(s, r)| *s == r.bytes), "rows out of order");
        // The header columns the trace joins on are filled as for a direct insert.
        let seqs: Vec<i64> = sqlx::query_scalar("SELECT sequence_number FROM pdus WHERE connection_id = ? ORDER BY id")
            .bind(conn)
            .fetch_all(&db)
            .await
            .unwrap();
        assert_eq!(seqs, (1..=5000).collect::<Vec<i64>>());
    }

    #[tokio::test]
    async fn a_full_queue_makes_send_wait_instead_of_growing() {
        let (_dir, db, conn) = open().await;
        // Hold the write lock so the writer cannot commit: the queue fills and stays full.
        let mut blocker = db.acquire().await.unwrap();
        sqlx::query("BEGIN IMMEDIATE").execute(&mut *blocker).await.unwrap();
        let w = PduWriter::with_capacity(db.clone(), 4);
        // The writer takes what is queued into its (blocked) batch; after that at most 4 fit.
        let mut queued = 0u32;
        loop {
            let r = row(conn, queued + 1);
            match tokio::time::timeout(Duration::from_millis(200), w.send(r)).await {
                Ok(()) => queued += 1,
                Err(_) => break,
            }
            assert!(queued <= 4 + MAX_BATCH as u32, "send never waited: the queue is not bounded");
        }
        assert!(queued >= 4, "only {queued} queued before send waited");
        assert_eq!(w.tx.capacity(), 0, "send waited although the queue had room");
        sqlx::query("COMMIT").execute(&mut *blocker).await.unwrap();
        drop(blocker);
        // Once the disk is writable again, the waiting is over and nothing was lost.
        tokio::time::timeout(Duration::from_secs(20), async {
            w.send(row(conn, queued + 1)).await;
            w.flush().await;
        })
        .await
        .expect("the writer did not resume");
        let stored = pdus::list_pdu_bytes_for_connection(&db, conn).await.unwrap();
        assert_eq!(stored.len(), queued as usize + 1);
    }

    #[tokio::test]
    async fn a_clone_flushes_what_another_handle_sent() {
        let (_dir, db, conn) = open().await;
        let w = PduWriter::spawn(db.clone());
        for n in 1..=100 {
            w.send(row(conn, n)).await;
        }
        let probe = w.clone();
        drop(w);
        probe.flush().await;
        drop(probe);
        let stored = pdus::list_pdu_bytes_for_connection(&db, conn).await.unwrap();
        assert_eq!(stored.len(), 100);
    }
}
