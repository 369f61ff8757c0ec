//! `messages`: one row per logical message, with its rolled-up state.

use sqlx::{FromRow, Sqlite, Transaction};

use super::Db;
use crate::clock::rfc3339;
use crate::model::{ApiError, MessageState, MessageView};

#[derive(Debug, FromRow)]
pub(crate) struct MessageRow {
    id: String,
    profile_name: String,
    direction: String,
    source_addr: String,
    dest_addr: String,
    body: String,
    alphabet: String,
    parts: i64,
    request_dlr: bool,
    state: String,
    error_code: Option<String>,
    error_message: Option<String>,
    receipt_stat: Option<String>,
    receipt_err: Option<String>,
    smsc_message_id: Option<String>,
    created_at: i64,
    updated_at: i64,
}

impl From<MessageRow> for MessageView {
    fn from(r: MessageRow) -> Self {
        MessageView {
            id: r.id,
            profile_name: r.profile_name,
            direction: r.direction,
            source: r.source_addr,
            destination: r.dest_addr,
            text: r.body,
            data_coding: r.alphabet,
            parts: u32::try_from(r.parts).unwrap_or(0),
            request_dlr: r.request_dlr,
            // A state this build does not know (written by a newer one) shows as unknown.
            state: MessageState::parse(&r.state).unwrap_or(MessageState::UnknownOutcome),
            smsc_message_id: r.smsc_message_id,
            error: r.error_code.map(|code| ApiError { code, message: r.error_message.unwrap_or_default() }),
            receipt_stat: r.receipt_stat,
            receipt_err: r.receipt_err,
            created_at: rfc3339(r.created_at),
            updated_at: rfc3339(r.updated_at),
        }
    }
}

// A macro, not a const: sqlx only takes static SQL, and concat! needs a literal.
macro_rules! view_select {
    () => {
        "SELECT m.id, p.name AS profile_name, m.direction, m.source_addr, m.dest_addr, m.body,
        m.alphabet, m.parts, m.request_dlr, m.state, m.error_code, m.error_message, m.receipt_stat,
        m.receipt_err, m.created_at, m.updated_at,
        (SELECT s.smsc_message_id FROM segments s WHERE s.message_id = m.id ORDER BY s.part_no LIMIT 1) AS smsc_message_id
     FROM messages m JOIN profiles p ON p.id = m.profile_id"
    };
}
// The paged listing (`message_pages`) selects the same view.
pub(crate) use view_select;

pub async fn get_message_view(db: &Db, id: &str) -> sqlx::Result<Option<MessageView>> {
    let row: Option<MessageRow> =
        sqlx::query_as(concat!(view_select!(), " WHERE m.id = ?")).bind(id).fetch_optional(db).await?;
    Ok(row.map(Into::into))
}

/// Newest first.
pub async fn list_message_views(db: &Db, limit: u32) -> sqlx::Result<Vec<MessageView>> {
    let rows: Vec<MessageRow> =
        sqlx::query_as(concat!(view_select!(), " ORDER BY m.created_at DESC, m.id DESC LIMIT ?"))
            .bind(i64::from(limit))
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

#[derive(Debug)]
pub struct NewMessage<'a> {
    pub id: &'a str,
    pub profile_id: i64,
    pub direction: &'a str,
    pub source: &'a crate::addresses::Address,
    pub dest: &'a crate::addresses::Address,
    pub body: &'a str,
    pub data_coding: u8,
    pub alphabet: &'a str,
    pub parts: usize,
    pub request_dlr: bool,
    pub state: MessageState,
    pub now: i64,
}

pub async fn insert_message(tx: &mut Transaction<'_, Sqlite>, m: NewMessage<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO messages (id, profile_id, direction, source_addr, source_ton, source_npi, dest_addr, dest_ton,
             dest_npi, body, data_coding, alphabet, parts, request_dlr, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(m.id)
    .bind(m.profile_id)
    .bind(m.direction)
    .bind(&m.source.addr)
    .bind(i64::from(m.source.ton))
    .bind(i64::from(m.source.npi))
    .bind(&m.dest.addr)
    .bind(i64::from(m.dest.ton))
    .bind(i64::from(m.dest.npi))
    .bind(m.body)
    .bind(i64::from(m.data_coding))
    .bind(m.alphabet)
    .bind(m.parts as i64)
    .bind(m.request_dlr)
    .bind(m.state.as_str())
    .bind(m.now)
    .bind(m.now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Sets the rolled-up state of a message (see `rollup`).
pub async fn update_message_state(
    db: &Db,
    id: &str,
    state: MessageState,
    error: Option<&ApiError>,
    receipt: (Option<&str>, Option<&str>),
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE messages SET state = ?, error_code = ?, error_message = ?, receipt_stat = ?, receipt_err = ?,
             updated_at = ? WHERE id = ?",
    )
    .bind(state.as_str())
    .bind(error.map(|e| e.code.as_str()))
    .bind(error.map(|e| e.message.as_str()))
    .bind(receipt.0)
    .bind(receipt.1)
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// Messages a previous run left waiting (it stopped or crashed mid-send).
pub async fn list_unfinished_message_ids(db: &Db) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT id FROM messages WHERE state IN ('Queued', 'Submitted')").fetch_all(db).await
}
