//! bind_transmitter / bind_receiver / bind_transceiver (their responses are in `bind_resp.rs`).

use super::limits::{ADDRESS_RANGE, PASSWORD, SYSTEM_ID, SYSTEM_TYPE};
use super::{BodyError, EncodeError, Warning};
use crate::command::CommandId;
use crate::cstring::{Reader, write_cstring};

/// TX, RX or TRX.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BindKind {
    Transmitter,
    Receiver,
    Transceiver,
}

impl BindKind {
    pub fn command_id(self) -> CommandId {
        match self {
            BindKind::Transmitter => CommandId::BIND_TRANSMITTER,
            BindKind::Receiver => CommandId::BIND_RECEIVER,
            BindKind::Transceiver => CommandId::BIND_TRANSCEIVER,
        }
    }

    pub fn from_command(id: CommandId) -> Option<Self> {
        match id {
            CommandId::BIND_TRANSMITTER => Some(BindKind::Transmitter),
            CommandId::BIND_RECEIVER => Some(BindKind::Receiver),
            CommandId::BIND_TRANSCEIVER => Some(BindKind::Transceiver),
            _ => None,
        }
    }

    /// The short label operators use.
    pub fn label(self) -> &'static str {
        match self {
            BindKind::Transmitter => "TX",
            BindKind::Receiver => "RX",
            BindKind::Transceiver => "TRX",
        }
    }

    /// Whether the bind may send submit_sm.
    pub fn can_transmit(self) -> bool {
        !matches!(self, BindKind::Receiver)
    }

    /// Whether the bind receives deliver_sm.
    pub fn can_receive(self) -> bool {
        !matches!(self, BindKind::Transmitter)
    }
}

/// A bind request. Field limits (octets including the NUL): system_id 16, password 9,
/// system_type 13, address_range 41.
#[derive(Clone, PartialEq, Eq)]
pub struct Bind {
    pub kind: BindKind,
    pub system_id: String,
    pub password: String,
    pub system_type: String,
    pub interface_version: u8,
    pub addr_ton: u8,
    pub addr_npi: u8,
    pub address_range: String,
}

// The password never reaches a log line through Debug.
impl std::fmt::Debug for Bind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bind")
            .field("kind", &self.kind)
            .field("system_id", &self.system_id)
            .field("password", &"********")
            .field("system_type", &self.system_type)
            .field("interface_version", &self.interface_version)
            .field("addr_ton", &self.addr_ton)
            .field("addr_npi", &self.addr_npi)
            .field("address_range", &self.address_range)
            .finish()
    }
}

impl Bind {
    pub(super) fn decode(kind: BindKind, r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        let system_id = r.cstring("system_id", SYSTEM_ID, w);
        let password = r.cstring("password", PASSWORD, w);
        let system_type = r.cstring("system_type", SYSTEM_TYPE, w);
        let interface_version = r.field_u8("interface_version")?;
        let addr_ton = r.field_u8("addr_ton")?;
        let addr_npi = r.field_u8("addr_npi")?;
        let address_range = r.cstring("address_range", ADDRESS_RANGE, w);
        Ok(Self { kind, system_id, password, system_type, interface_version, addr_ton, addr_npi, address_range })
    }

    pub(super) fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "system_id", &self.system_id, SYSTEM_ID)?;
        write_cstring(out, "password", &self.password, PASSWORD)?;
        write_cstring(out, "system_type", &self.system_type, SYSTEM_TYPE)?;
        out.extend_from_slice(&[self.interface_version, self.addr_ton, self.addr_npi]);
        write_cstring(out, "address_range", &self.address_range, ADDRESS_RANGE)
    }
}
