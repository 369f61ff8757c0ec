//! outbind: the SMSC asks the ESME to bind (as receiver or transceiver). No response PDU.

use super::limits::{PASSWORD, SYSTEM_ID};
use super::{BodyCodec, BodyError, EncodeError, Warning};
use crate::cstring::{Reader, write_cstring};

/// The SMSC's credentials for the ESME. The password is masked in Debug output.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Outbind {
    pub system_id: String,
    pub password: String,
}

impl std::fmt::Debug for Outbind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outbind").field("system_id", &self.system_id).field("password", &"********").finish()
    }
}

impl BodyCodec for Outbind {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        Ok(Self { system_id: r.cstring("system_id", SYSTEM_ID, w), password: r.cstring("password", PASSWORD, w) })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "system_id", &self.system_id, SYSTEM_ID)?;
        write_cstring(out, "password", &self.password, PASSWORD)
    }
}
