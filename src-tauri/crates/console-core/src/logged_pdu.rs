//! One PDU from the log, as the Inspector opens it from a trace.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::rfc3339;
use crate::db::{self, Db};
use crate::error::CoreError;

/// A PDU as it went over the wire (bind passwords were masked before it was logged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoggedPdu {
    #[ts(type = "number")]
    pub id: i64,
    /// "in" (from the SMSC) or "out" (from us).
    pub direction: String,
    /// RFC 3339 UTC with milliseconds.
    pub at: String,
    /// The whole frame, lowercase hex without separators.
    pub hex: String,
    /// e.g. submit_sm_resp; "command 0x…" for an unknown command, "unknown" when the header
    /// is unreadable.
    pub command_name: String,
}

pub(crate) async fn logged_pdu(db: &Db, id: i64) -> Result<Option<LoggedPdu>, CoreError> {
    let Some((direction, bytes, at, _connection)) = db::pdus::get_pdu(db, id).await? else {
        return Ok(None);
    };
    let command_name = match smpp_codec::pdu::read_header(&bytes) {
        Some(h) => h.command_id.name().map_or_else(|| format!("command 0x{:08x}", h.command_id.0), str::to_owned),
        None => "unknown".to_owned(),
    };
    let hex = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(Some(LoggedPdu { id, direction, at: rfc3339(at), hex, command_name }))
}
