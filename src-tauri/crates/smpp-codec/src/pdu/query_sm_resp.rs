//! query_sm_resp: message_id, final_date, message_state and the network's error_code.

use super::limits::MESSAGE_ID;
use super::{BodyCodec, BodyError, EncodeError, Warning};
use crate::cstring::{Reader, write_cstring, write_time};
use crate::receipt::MessageState;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuerySmResp {
    pub message_id: String,
    /// When the message reached its final state (absolute SMPP time), or empty if not final.
    pub final_date: String,
    /// 0-9 (see [`MessageState`]; 0 SCHEDULED and 9 SKIPPED are SMPP 5.0 additions).
    pub message_state: u8,
    /// Network-specific error code (GSM: the cause), 0 when none.
    pub error_code: u8,
}

impl QuerySmResp {
    /// The message_state as the typed state, when it is one.
    pub fn state(&self) -> Option<MessageState> {
        MessageState::from_u8(self.message_state)
    }
}

impl BodyCodec for QuerySmResp {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        let message_id = r.cstring("message_id", MESSAGE_ID, w);
        let final_date = r.time("final_date", w);
        let at = r.offset();
        let message_state = r.field_u8("message_state")?;
        if MessageState::from_u8(message_state).is_none() {
            w.push(Warning::new(at, "message_state", format!("message_state {message_state} is not a state (0-9)")));
        }
        let error_code = r.field_u8("error_code")?;
        Ok(Self { message_id, final_date, message_state, error_code })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "message_id", &self.message_id, MESSAGE_ID)?;
        write_time(out, "final_date", &self.final_date)?;
        out.extend_from_slice(&[self.message_state, self.error_code]);
        Ok(())
    }
}
