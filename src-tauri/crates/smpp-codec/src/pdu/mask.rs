//! Masking bind passwords in raw PDU bytes before they are logged or shown.

use crate::command::CommandId;
use crate::frame::HEADER_LEN;
use crate::pdu::read_header;

/// Returns `frame` with the password of a bind request or outbind replaced by `*` octets of the
/// same length, so the PDU still parses and its offsets still line up. Other PDUs are returned
/// unchanged. Works on malformed binds too: whatever follows system_id up to the next NUL.
pub fn mask_password(frame: &[u8]) -> Vec<u8> {
    let mut out = frame.to_vec();
    let Some(h) = read_header(frame) else { return out };
    if !matches!(
        h.command_id,
        CommandId::BIND_TRANSMITTER | CommandId::BIND_RECEIVER | CommandId::BIND_TRANSCEIVER | CommandId::OUTBIND
    ) {
        return out;
    }
    let body = out.get_mut(HEADER_LEN..).unwrap_or_default();
    let Some(sid_end) = body.iter().position(|&b| b == 0) else { return out };
    let pw_start = sid_end + 1;
    let pw_len = body.get(pw_start..).map_or(0, |rest| rest.iter().position(|&b| b == 0).unwrap_or(rest.len()));
    if let Some(pw) = body.get_mut(pw_start..pw_start + pw_len) {
        pw.fill(b'*');
    }
    out
}
