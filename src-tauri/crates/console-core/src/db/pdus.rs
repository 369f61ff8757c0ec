//! `pdus`: every PDU in and out, passwords masked before they get here.

use super::Db;

#[derive(Debug)]
pub struct NewPdu<'a> {
    pub connection_id: i64,
    pub inbound: bool,
    /// Already masked (see `smpp_codec::pdu::mask_password`).
    pub bytes: &'a [u8],
    pub warnings: Option<String>,
    pub at: i64,
}

/// One PDU, autocommit: what binds did before the log writer (see [`super::log_writer`]), kept
/// for `smppctl bench-log` to compare against.
pub async fn insert_pdu<'e, E: sqlx::SqliteExecutor<'e>>(db: E, p: NewPdu<'_>) -> sqlx::Result<i64> {
    let header = smpp_codec::pdu::read_header(p.bytes);
    let r = sqlx::query(
        "INSERT INTO pdus (connection_id, direction, command_id, command_status, sequence_number, bytes, warnings, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(p.connection_id)
    .bind(if p.inbound { "in" } else { "out" })
    .bind(header.map_or(0, |h| i64::from(h.command_id.0)))
    .bind(header.map_or(0, |h| i64::from(h.command_status)))
    .bind(header.map_or(0, |h| i64::from(h.sequence_number)))
    .bind(p.bytes)
    .bind(p.warnings)
    .bind(p.at)
    .execute(db)
    .await?;
    Ok(r.last_insert_rowid())
}

/// All logged PDU bytes of a connection, oldest first (tests and the future inspector).
pub async fn list_pdu_bytes_for_connection(db: &Db, connection_id: i64) -> sqlx::Result<Vec<Vec<u8>>> {
    sqlx::query_scalar("SELECT bytes FROM pdus WHERE connection_id = ? ORDER BY id")
        .bind(connection_id)
        .fetch_all(db)
        .await
}

/// One logged PDU as stored: (direction "in"/"out", bytes, at ms, connection id).
pub async fn get_pdu(db: &Db, id: i64) -> sqlx::Result<Option<(String, Vec<u8>, i64, i64)>> {
    sqlx::query_as("SELECT direction, bytes, at, connection_id FROM pdus WHERE id = ?")
        .bind(id)
        .fetch_optional(db)
        .await
}
