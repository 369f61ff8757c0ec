//! command_id values of SMPP 3.4 and 5.0.

/// A command_id as it appears on the wire. Kept as a newtype rather than an enum so that an
/// unknown id from a misbehaving SMSC is representable (and answered with generic_nack).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CommandId(pub u32);

impl CommandId {
    pub const GENERIC_NACK: Self = Self(0x8000_0000);
    pub const BIND_RECEIVER: Self = Self(0x0000_0001);
    pub const BIND_RECEIVER_RESP: Self = Self(0x8000_0001);
    pub const BIND_TRANSMITTER: Self = Self(0x0000_0002);
    pub const BIND_TRANSMITTER_RESP: Self = Self(0x8000_0002);
    pub const QUERY_SM: Self = Self(0x0000_0003);
    pub const QUERY_SM_RESP: Self = Self(0x8000_0003);
    pub const SUBMIT_SM: Self = Self(0x0000_0004);
    pub const SUBMIT_SM_RESP: Self = Self(0x8000_0004);
    pub const DELIVER_SM: Self = Self(0x0000_0005);
    pub const DELIVER_SM_RESP: Self = Self(0x8000_0005);
    pub const UNBIND: Self = Self(0x0000_0006);
    pub const UNBIND_RESP: Self = Self(0x8000_0006);
    pub const REPLACE_SM: Self = Self(0x0000_0007);
    pub const REPLACE_SM_RESP: Self = Self(0x8000_0007);
    pub const CANCEL_SM: Self = Self(0x0000_0008);
    pub const CANCEL_SM_RESP: Self = Self(0x8000_0008);
    pub const BIND_TRANSCEIVER: Self = Self(0x0000_0009);
    pub const BIND_TRANSCEIVER_RESP: Self = Self(0x8000_0009);
    pub const OUTBIND: Self = Self(0x0000_000B);
    pub const ENQUIRE_LINK: Self = Self(0x0000_0015);
    pub const ENQUIRE_LINK_RESP: Self = Self(0x8000_0015);
    pub const SUBMIT_MULTI: Self = Self(0x0000_0021);
    pub const SUBMIT_MULTI_RESP: Self = Self(0x8000_0021);
    pub const ALERT_NOTIFICATION: Self = Self(0x0000_0102);
    pub const DATA_SM: Self = Self(0x0000_0103);
    pub const DATA_SM_RESP: Self = Self(0x8000_0103);
    /// SMPP 5.0 cell broadcast operations.
    pub const BROADCAST_SM: Self = Self(0x0000_0111);
    pub const BROADCAST_SM_RESP: Self = Self(0x8000_0111);
    pub const QUERY_BROADCAST_SM: Self = Self(0x0000_0112);
    pub const QUERY_BROADCAST_SM_RESP: Self = Self(0x8000_0112);
    pub const CANCEL_BROADCAST_SM: Self = Self(0x0000_0113);
    pub const CANCEL_BROADCAST_SM_RESP: Self = Self(0x8000_0113);

    /// Responses have the top bit set.
    pub fn is_response(self) -> bool {
        self.0 & 0x8000_0000 != 0
    }

    /// The command_id of the response to this request (the same id with bit 31 set).
    pub fn response(self) -> Self {
        Self(self.0 | 0x8000_0000)
    }

    /// Whether the request has a response PDU (outbind and alert_notification have none).
    pub fn has_response(self) -> bool {
        !self.is_response() && !matches!(self, Self::OUTBIND | Self::ALERT_NOTIFICATION)
    }

    /// Every command_id SMPP 3.4 and 5.0 define.
    pub const ALL: [Self; 33] = [
        Self::GENERIC_NACK,
        Self::BIND_RECEIVER,
        Self::BIND_RECEIVER_RESP,
        Self::BIND_TRANSMITTER,
        Self::BIND_TRANSMITTER_RESP,
        Self::QUERY_SM,
        Self::QUERY_SM_RESP,
        Self::SUBMIT_SM,
        Self::SUBMIT_SM_RESP,
        Self::DELIVER_SM,
        Self::DELIVER_SM_RESP,
        Self::UNBIND,
        Self::UNBIND_RESP,
        Self::REPLACE_SM,
        Self::REPLACE_SM_RESP,
        Self::CANCEL_SM,
        Self::CANCEL_SM_RESP,
        Self::BIND_TRANSCEIVER,
        Self::BIND_TRANSCEIVER_RESP,
        Self::OUTBIND,
        Self::ENQUIRE_LINK,
        Self::ENQUIRE_LINK_RESP,
        Self::SUBMIT_MULTI,
        Self::SUBMIT_MULTI_RESP,
        Self::ALERT_NOTIFICATION,
        Self::DATA_SM,
        Self::DATA_SM_RESP,
        Self::BROADCAST_SM,
        Self::BROADCAST_SM_RESP,
        Self::QUERY_BROADCAST_SM,
        Self::QUERY_BROADCAST_SM_RESP,
        Self::CANCEL_BROADCAST_SM,
        Self::CANCEL_BROADCAST_SM_RESP,
    ];

    /// The spec's name (e.g. `submit_sm_resp`), or None for ids the spec does not define.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Self::GENERIC_NACK => "generic_nack",
            Self::BIND_RECEIVER => "bind_receiver",
            Self::BIND_RECEIVER_RESP => "bind_receiver_resp",
            Self::BIND_TRANSMITTER => "bind_transmitter",
            Self::BIND_TRANSMITTER_RESP => "bind_transmitter_resp",
            Self::QUERY_SM => "query_sm",
            Self::QUERY_SM_RESP => "query_sm_resp",
            Self::SUBMIT_SM => "submit_sm",
            Self::SUBMIT_SM_RESP => "submit_sm_resp",
            Self::DELIVER_SM => "deliver_sm",
            Self::DELIVER_SM_RESP => "deliver_sm_resp",
            Self::UNBIND => "unbind",
            Self::UNBIND_RESP => "unbind_resp",
            Self::REPLACE_SM => "replace_sm",
            Self::REPLACE_SM_RESP => "replace_sm_resp",
            Self::CANCEL_SM => "cancel_sm",
            Self::CANCEL_SM_RESP => "cancel_sm_resp",
            Self::BIND_TRANSCEIVER => "bind_transceiver",
            Self::BIND_TRANSCEIVER_RESP => "bind_transceiver_resp",
            Self::OUTBIND => "outbind",
            Self::ENQUIRE_LINK => "enquire_link",
            Self::ENQUIRE_LINK_RESP => "enquire_link_resp",
            Self::SUBMIT_MULTI => "submit_multi",
            Self::SUBMIT_MULTI_RESP => "submit_multi_resp",
            Self::ALERT_NOTIFICATION => "alert_notification",
            Self::DATA_SM => "data_sm",
            Self::DATA_SM_RESP => "data_sm_resp",
            Self::BROADCAST_SM => "broadcast_sm",
            Self::BROADCAST_SM_RESP => "broadcast_sm_resp",
            Self::QUERY_BROADCAST_SM => "query_broadcast_sm",
            Self::QUERY_BROADCAST_SM_RESP => "query_broadcast_sm_resp",
            Self::CANCEL_BROADCAST_SM => "cancel_broadcast_sm",
            Self::CANCEL_BROADCAST_SM_RESP => "cancel_broadcast_sm_resp",
            _ => return None,
        })
    }
}

impl std::fmt::Display for CommandId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "command 0x{:08X}", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_and_names() {
        assert!(CommandId::SUBMIT_SM_RESP.is_response());
        assert!(!CommandId::SUBMIT_SM.is_response());
        assert_eq!(CommandId::SUBMIT_SM.response(), CommandId::SUBMIT_SM_RESP);
        assert_eq!(CommandId::ENQUIRE_LINK.to_string(), "enquire_link");
        assert_eq!(CommandId(0x1234).to_string(), "command 0x00001234");
        assert!(CommandId::ALL.iter().all(|c| c.name().is_some()));
        assert!(CommandId::ALL.iter().filter(|c| c.has_response()).all(|c| CommandId::ALL.contains(&c.response())));
        assert!(!CommandId::OUTBIND.has_response());
        assert_eq!(CommandId::BROADCAST_SM.response().to_string(), "broadcast_sm_resp");
    }
}
