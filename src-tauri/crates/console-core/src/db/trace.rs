//! Read-only lookups for the trace and the filtered log: which messages match, and the facts
//! (segments, PDUs, receipts) their timelines are built from. Every lookup here is served by an
//! index (see migrations/20261203000001_trace_indexes.sql and the plan test in `trace`).

use sqlx::{FromRow, QueryBuilder, Sqlite};

use super::Db;

/// Message filters, already validated and in stored form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageFilter {
    pub profile: Option<String>,
    pub direction: Option<String>,
    pub state: Option<String>,
    pub error_code: Option<String>,
    /// Destination digits.
    pub to: Option<String>,
    pub since_ms: Option<i64>,
    pub until_ms: Option<i64>,
    pub limit: u32,
}

impl MessageFilter {
    fn push_where(&self, q: &mut QueryBuilder<Sqlite>) {
        if let Some(p) = &self.profile {
            q.push(" AND m.profile_id = (SELECT id FROM profiles WHERE name = ").push_bind(p.clone()).push(")");
        }
        if let Some(d) = &self.direction {
            q.push(" AND m.direction = ").push_bind(d.clone());
        }
        if let Some(s) = &self.state {
            q.push(" AND m.state = ").push_bind(s.clone());
        }
        if let Some(e) = &self.error_code {
            q.push(" AND m.error_code = ").push_bind(e.clone());
        }
        if let Some(to) = &self.to {
            q.push(" AND m.dest_addr IN (").push_bind(to.clone()).push(", ").push_bind(format!("+{to}")).push(")");
        }
        if let Some(t) = self.since_ms {
            q.push(" AND m.created_at >= ").push_bind(t);
        }
        if let Some(t) = self.until_ms {
            q.push(" AND m.created_at < ").push_bind(t);
        }
    }

    /// Newest first; one more than the limit, so the caller can tell it was cut.
    fn push_order(&self, q: &mut QueryBuilder<Sqlite>) {
        q.push(" ORDER BY m.created_at DESC, m.id DESC LIMIT ").push_bind(i64::from(self.limit) + 1);
    }
}

/// Message IDs matching only the filters (the log listing).
pub async fn list_message_ids(db: &Db, f: &MessageFilter) -> sqlx::Result<Vec<String>> {
    let mut q = QueryBuilder::<Sqlite>::new("SELECT m.id FROM messages m WHERE 1 = 1");
    f.push_where(&mut q);
    f.push_order(&mut q);
    q.build_query_scalar().fetch_all(db).await
}

/// Our own message ID, exactly (IDs are stored lowercase).
pub async fn find_message_ids_by_id(db: &Db, id: &str, f: &MessageFilter) -> sqlx::Result<Vec<String>> {
    let mut q = QueryBuilder::new("");
    by_id_query(&mut q, id, f);
    q.build_query_scalar().fetch_all(db).await
}

pub(crate) fn by_id_query(q: &mut QueryBuilder<Sqlite>, id: &str, f: &MessageFilter) {
    q.push("SELECT m.id FROM messages m WHERE m.id = ").push_bind(id.to_lowercase());
    f.push_where(q);
    f.push_order(q);
}

/// Segments whose SMSC message_id shares a correlation key with the query (any profile), or
/// equals it exactly (a refused submit's ID has no keys; `command_status <> 0` is the partial
/// index `segments_refused_smsc_id`'s WHERE).
pub async fn find_segment_ids_by_smsc_id(db: &Db, keys: &[String], exact: &str) -> sqlx::Result<Vec<i64>> {
    let mut q = QueryBuilder::new("");
    by_smsc_id_query(&mut q, keys, exact);
    q.build_query_scalar().fetch_all(db).await
}

pub(crate) fn by_smsc_id_query(q: &mut QueryBuilder<Sqlite>, keys: &[String], exact: &str) {
    q.push("SELECT id FROM segments WHERE smsc_message_id = ").push_bind(exact.to_string());
    q.push(" AND command_status <> 0");
    if !keys.is_empty() {
        // Through the primary key, once per profile: an ID pasted from a ticket does not say
        // which account sent it, and profiles are a handful.
        q.push(" UNION SELECT segment_id FROM segment_keys WHERE profile_id IN (SELECT id FROM profiles) AND key IN (");
        let mut sep = q.separated(", ");
        for k in keys {
            sep.push_bind(k.clone());
        }
        q.push(")");
    }
    // An all-digit ID as short as "7" matches one segment per profile at most; the cap keeps
    // a pathological query within SQLite's parameter limit downstream.
    q.push(" LIMIT 5000");
}

/// The messages owning these segments.
pub async fn find_message_ids_by_segments(
    db: &Db,
    segment_ids: &[i64],
    f: &MessageFilter,
) -> sqlx::Result<Vec<String>> {
    if segment_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::new("");
    by_segments_query(&mut q, segment_ids, f);
    q.build_query_scalar().fetch_all(db).await
}

pub(crate) fn by_segments_query(q: &mut QueryBuilder<Sqlite>, segment_ids: &[i64], f: &MessageFilter) {
    q.push("SELECT m.id FROM messages m WHERE m.id IN (SELECT message_id FROM segments WHERE id IN (");
    {
        let mut sep = q.separated(", ");
        for id in segment_ids {
            sep.push_bind(*id);
        }
    }
    q.push("))");
    f.push_where(q);
    f.push_order(q);
}

/// Messages to or from a number (`digits` without `+`; stored with or without it).
pub async fn find_message_ids_by_number(db: &Db, digits: &str, f: &MessageFilter) -> sqlx::Result<Vec<String>> {
    let mut q = QueryBuilder::new("");
    by_number_query(&mut q, digits, f);
    q.build_query_scalar().fetch_all(db).await
}

pub(crate) fn by_number_query(q: &mut QueryBuilder<Sqlite>, digits: &str, f: &MessageFilter) {
    let plus = format!("+{digits}");
    q.push("SELECT m.id FROM messages m WHERE (m.dest_addr IN (");
    q.push_bind(digits.to_string()).push(", ").push_bind(plus.clone());
    q.push(") OR m.source_addr IN (").push_bind(digits.to_string()).push(", ").push_bind(plus).push("))");
    f.push_where(q);
    f.push_order(q);
}

/// Messages whose text contains `needle` (ASCII case-insensitive). This one scans, newest
/// logged first, so a common word stops early and a rare one reads the whole log. It reads the
/// table in rowid order (the order messages were logged, which is their creation order) rather
/// than through the creation-time index: a sequential read of the table instead of one lookup
/// per row, about five times faster over a million messages.
pub async fn find_message_ids_by_text(db: &Db, needle: &str, f: &MessageFilter) -> sqlx::Result<Vec<String>> {
    let escaped: String =
        needle.chars().flat_map(|c| if matches!(c, '%' | '_' | '\\') { vec!['\\', c] } else { vec![c] }).collect();
    let mut q = QueryBuilder::<Sqlite>::new("SELECT m.id FROM messages m WHERE m.body LIKE ");
    q.push_bind(format!("%{escaped}%")).push(" ESCAPE '\\'");
    f.push_where(&mut q);
    q.push(" ORDER BY m.rowid DESC LIMIT ").push_bind(i64::from(f.limit) + 1);
    q.build_query_scalar().fetch_all(db).await
}

/// A message's profile preset, and when it was stored (the Queued step) and last changed (the
/// final step): one read for the timeline.
pub async fn get_message_preset_and_times(db: &Db, message_id: &str) -> sqlx::Result<Option<(String, i64, i64)>> {
    sqlx::query_as(
        "SELECT p.preset, m.created_at, m.updated_at FROM messages m JOIN profiles p ON p.id = m.profile_id
         WHERE m.id = ?",
    )
    .bind(message_id)
    .fetch_optional(db)
    .await
}

/// When the message was stored (the Queued step) and last changed (the final step).
pub async fn get_message_times(db: &Db, message_id: &str) -> sqlx::Result<Option<(i64, i64)>> {
    sqlx::query_as("SELECT created_at, updated_at FROM messages WHERE id = ?").bind(message_id).fetch_optional(db).await
}

/// A segment with every time and reference the timeline needs.
#[derive(Debug, Clone, FromRow)]
pub struct TraceSegmentRow {
    pub id: i64,
    pub part_no: i64,
    pub connection_id: Option<i64>,
    pub sequence_number: Option<i64>,
    pub smsc_message_id: Option<String>,
    pub command_status: Option<i64>,
    pub state: String,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub queued_at: i64,
    pub submitted_at: Option<i64>,
    pub responded_at: Option<i64>,
    pub receipt_at: Option<i64>,
}

pub async fn list_trace_segments(db: &Db, message_id: &str) -> sqlx::Result<Vec<TraceSegmentRow>> {
    sqlx::query_as(
        "SELECT id, part_no, connection_id, sequence_number, smsc_message_id, command_status, state, error_code,
             error_message, queued_at, submitted_at, responded_at, receipt_at
         FROM segments WHERE message_id = ? ORDER BY part_no",
    )
    .bind(message_id)
    .fetch_all(db)
    .await
}

/// The command types are the partial index `pdus_exchange_seq`'s WHERE, word for word (submit_sm,
/// submit_sm_resp, generic_nack).
pub(crate) const PDUS_FOR_SEQUENCE: &str = "SELECT id, command_id, command_status, at FROM pdus
     WHERE connection_id = ? AND sequence_number = ? AND (command_id = 4 OR command_id = 2147483652 OR command_id = 2147483648)
     ORDER BY id";

/// `command_id = 5 AND direction = 'in'` is the partial index `pdus_deliver_at`'s WHERE.
pub(crate) const DELIVER_PDUS_BETWEEN: &str =
    "SELECT id, bytes FROM pdus WHERE connection_id = ? AND at BETWEEN ? AND ?
     AND command_id = 5 AND direction = 'in' ORDER BY at DESC, id DESC LIMIT ?";

/// A logged PDU's header facts.
#[derive(Debug, Clone, FromRow)]
pub struct PduRef {
    pub id: i64,
    pub command_id: i64,
    pub command_status: i64,
    pub at: i64,
}

/// The PDUs of one submit exchange (submit_sm, and its submit_sm_resp or generic_nack share the
/// sequence number), oldest first. Sequence numbers wrap on long connections: callers pick the
/// one nearest in time.
pub async fn list_pdus_for_sequence(db: &Db, connection_id: i64, sequence_number: i64) -> sqlx::Result<Vec<PduRef>> {
    sqlx::query_as(PDUS_FOR_SEQUENCE).bind(connection_id).bind(sequence_number).fetch_all(db).await
}

/// deliver_sm PDUs of a connection within [from, to], latest first: a receipt is stored just
/// after its PDU, so under heavy traffic the one wanted is among the first few.
/// The latest `limit` deliver_sm PDUs of a connection logged between `from` and `to`.
pub async fn list_deliver_pdus_between(
    db: &Db,
    connection_id: i64,
    from: i64,
    to: i64,
    limit: u32,
) -> sqlx::Result<Vec<(i64, Vec<u8>)>> {
    sqlx::query_as(DELIVER_PDUS_BETWEEN).bind(connection_id).bind(from).bind(to).bind(limit).fetch_all(db).await
}

/// The bytes of one logged PDU (already masked).
pub async fn get_pdu_bytes(db: &Db, id: i64) -> sqlx::Result<Option<Vec<u8>>> {
    sqlx::query_scalar("SELECT bytes FROM pdus WHERE id = ?").bind(id).fetch_optional(db).await
}

#[derive(Debug, Clone, FromRow)]
pub struct TraceReceiptRow {
    pub id: i64,
    pub profile_name: String,
    pub preset: String,
    pub connection_id: Option<i64>,
    pub smsc_message_id: String,
    pub message_state: Option<i64>,
    pub stat: Option<String>,
    pub err: Option<String>,
    pub duplicate: bool,
    pub received_at: i64,
}

macro_rules! receipt_select {
    () => {
        "SELECT r.id, p.name AS profile_name, p.preset, r.connection_id, r.smsc_message_id, r.message_state, r.stat,
             r.err, r.duplicate, r.received_at
         FROM receipts r JOIN profiles p ON p.id = r.profile_id"
    };
}

pub async fn list_receipts_for_segment(db: &Db, segment_id: i64) -> sqlx::Result<Vec<TraceReceiptRow>> {
    sqlx::query_as(concat!(receipt_select!(), " WHERE r.segment_id = ? ORDER BY r.received_at, r.id"))
        .bind(segment_id)
        .fetch_all(db)
        .await
}

/// Orphan receipts whose ID, lowercased without leading zeros, is one of `forms`.
pub async fn find_orphan_receipts(db: &Db, forms: &[String]) -> sqlx::Result<Vec<TraceReceiptRow>> {
    if forms.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::new("");
    orphans_query(&mut q, forms);
    q.build_query_as().fetch_all(db).await
}

pub(crate) fn orphans_query(q: &mut QueryBuilder<Sqlite>, forms: &[String]) {
    q.push(concat!(receipt_select!(), " WHERE r.segment_id IS NULL AND ltrim(lower(r.smsc_message_id), '0') IN ("));
    {
        let mut sep = q.separated(", ");
        for f in forms {
            sep.push_bind(f.clone());
        }
    }
    q.push(") ORDER BY r.received_at DESC LIMIT 100");
}
