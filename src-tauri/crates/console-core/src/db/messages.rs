//! `messages`: one row per logical message, with its rolled-up state.

use sqlx::FromRow;

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

/// One message's view, for the log writer's own (rusqlite) connection.
pub(crate) const VIEW_BY_ID: &str = concat!(view_select!(), " WHERE m.id = ?");

impl MessageRow {
    pub(crate) fn from_rusqlite(r: &rusqlite::Row<'_>) -> rusqlite::Result<MessageRow> {
        Ok(MessageRow {
            id: r.get("id")?,
            profile_name: r.get("profile_name")?,
            direction: r.get("direction")?,
            source_addr: r.get("source_addr")?,
            dest_addr: r.get("dest_addr")?,
            body: r.get("body")?,
            alphabet: r.get("alphabet")?,
            parts: r.get("parts")?,
            request_dlr: r.get("request_dlr")?,
            state: r.get("state")?,
            error_code: r.get("error_code")?,
            error_message: r.get("error_message")?,
            receipt_stat: r.get("receipt_stat")?,
            receipt_err: r.get("receipt_err")?,
            smsc_message_id: r.get("smsc_message_id")?,
            created_at: r.get("created_at")?,
            updated_at: r.get("updated_at")?,
        })
    }
}

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

/// Messages a previous run left waiting (it stopped or crashed mid-send): a search of the
/// State filter's index, which leads with the state.
pub async fn list_unfinished_message_ids(db: &Db) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT id FROM messages WHERE state IN ('Queued', 'Submitted')").fetch_all(db).await
}
