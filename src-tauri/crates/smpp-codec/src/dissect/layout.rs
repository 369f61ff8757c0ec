//! The field layout of every SMPP 3.4 PDU and the SMPP 5.0 broadcast family, written out
//! from the specifications on its own (it does not reuse the decoder's structs), so the
//! dissector is also a second opinion on the decoder.

/// How a field is laid out on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    U8,
    U32,
    /// C-Octet String of at most `max` octets including the NUL.
    CString {
        max: usize,
    },
    /// Octet String whose length is the value of an earlier integer field.
    OctetString {
        len_from: &'static str,
    },
    /// TLVs to the end of the PDU.
    Tlvs,
    /// `count_from` repetitions of a group.
    Repeated {
        count_from: &'static str,
        group: Group,
    },
}

/// Repeated groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    /// submit_multi dest_address: dest_flag, then an SME address or a distribution list name.
    DestAddress,
    /// submit_multi_resp unsuccess_sme.
    Fields(&'static [FieldSpec]),
}

/// What a field means, which selects how its value is explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sem {
    Plain,
    Count,
    Ton,
    Npi,
    InterfaceVersion,
    EsmClass,
    ProtocolId,
    Priority,
    Time,
    RegisteredDelivery,
    ReplaceIfPresent,
    DataCoding,
    SmDefaultMsgId,
    ShortMessage,
    Password,
    MessageState,
    ErrorCode,
    CommandStatus,
    DestFlag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FieldSpec {
    pub name: &'static str,
    pub kind: Kind,
    pub sem: Sem,
}

const fn f(name: &'static str, kind: Kind, sem: Sem) -> FieldSpec {
    FieldSpec { name, kind, sem }
}

const fn u8f(name: &'static str, sem: Sem) -> FieldSpec {
    f(name, Kind::U8, sem)
}

const fn cs(name: &'static str, max: usize) -> FieldSpec {
    f(name, Kind::CString { max }, Sem::Plain)
}

const TLVS: FieldSpec = f("tlvs", Kind::Tlvs, Sem::Plain);

/// A command and its body layout (header excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CommandSpec {
    pub id: u32,
    pub name: &'static str,
    pub fields: &'static [FieldSpec],
}

const BIND: &[FieldSpec] = &[
    cs("system_id", 16),
    f("password", Kind::CString { max: 9 }, Sem::Password),
    cs("system_type", 13),
    u8f("interface_version", Sem::InterfaceVersion),
    u8f("addr_ton", Sem::Ton),
    u8f("addr_npi", Sem::Npi),
    cs("address_range", 41),
];

/// 5.0 bind responses carry sc_interface_version (and congestion_state) as TLVs.
const BIND_RESP: &[FieldSpec] = &[cs("system_id", 16), TLVS];

const MESSAGE_ID_RESP: &[FieldSpec] = &[cs("message_id", 65), TLVS];

/// Responses with no mandatory body; SMPP 5.0 allows a congestion_state TLV.
const EMPTY_RESP: &[FieldSpec] = &[TLVS];

const EMPTY: &[FieldSpec] = &[];

const SUBMIT_SM: &[FieldSpec] = &[
    cs("service_type", 6),
    u8f("source_addr_ton", Sem::Ton),
    u8f("source_addr_npi", Sem::Npi),
    cs("source_addr", 21),
    u8f("dest_addr_ton", Sem::Ton),
    u8f("dest_addr_npi", Sem::Npi),
    cs("destination_addr", 21),
    u8f("esm_class", Sem::EsmClass),
    u8f("protocol_id", Sem::ProtocolId),
    u8f("priority_flag", Sem::Priority),
    f("schedule_delivery_time", Kind::CString { max: 17 }, Sem::Time),
    f("validity_period", Kind::CString { max: 17 }, Sem::Time),
    u8f("registered_delivery", Sem::RegisteredDelivery),
    u8f("replace_if_present_flag", Sem::ReplaceIfPresent),
    u8f("data_coding", Sem::DataCoding),
    u8f("sm_default_msg_id", Sem::SmDefaultMsgId),
    u8f("sm_length", Sem::Count),
    f("short_message", Kind::OctetString { len_from: "sm_length" }, Sem::ShortMessage),
    TLVS,
];

const UNSUCCESS_SME: &[FieldSpec] = &[
    u8f("dest_addr_ton", Sem::Ton),
    u8f("dest_addr_npi", Sem::Npi),
    cs("destination_addr", 21),
    f("error_status_code", Kind::U32, Sem::CommandStatus),
];

const SUBMIT_MULTI: &[FieldSpec] = &[
    cs("service_type", 6),
    u8f("source_addr_ton", Sem::Ton),
    u8f("source_addr_npi", Sem::Npi),
    cs("source_addr", 21),
    u8f("number_of_dests", Sem::Count),
    f("dest_address", Kind::Repeated { count_from: "number_of_dests", group: Group::DestAddress }, Sem::Plain),
    u8f("esm_class", Sem::EsmClass),
    u8f("protocol_id", Sem::ProtocolId),
    u8f("priority_flag", Sem::Priority),
    f("schedule_delivery_time", Kind::CString { max: 17 }, Sem::Time),
    f("validity_period", Kind::CString { max: 17 }, Sem::Time),
    u8f("registered_delivery", Sem::RegisteredDelivery),
    u8f("replace_if_present_flag", Sem::ReplaceIfPresent),
    u8f("data_coding", Sem::DataCoding),
    u8f("sm_default_msg_id", Sem::SmDefaultMsgId),
    u8f("sm_length", Sem::Count),
    f("short_message", Kind::OctetString { len_from: "sm_length" }, Sem::ShortMessage),
    TLVS,
];

const SUBMIT_MULTI_RESP: &[FieldSpec] = &[
    cs("message_id", 65),
    u8f("no_unsuccess", Sem::Count),
    f("unsuccess_sme", Kind::Repeated { count_from: "no_unsuccess", group: Group::Fields(UNSUCCESS_SME) }, Sem::Plain),
    TLVS,
];

const QUERY_SM: &[FieldSpec] =
    &[cs("message_id", 65), u8f("source_addr_ton", Sem::Ton), u8f("source_addr_npi", Sem::Npi), cs("source_addr", 21)];

const QUERY_SM_RESP: &[FieldSpec] = &[
    cs("message_id", 65),
    f("final_date", Kind::CString { max: 17 }, Sem::Time),
    u8f("message_state", Sem::MessageState),
    u8f("error_code", Sem::ErrorCode),
    TLVS,
];

/// SMPP 5.0 allows a message_payload TLV in replace_sm.
const REPLACE_SM: &[FieldSpec] = &[
    cs("message_id", 65),
    u8f("source_addr_ton", Sem::Ton),
    u8f("source_addr_npi", Sem::Npi),
    cs("source_addr", 21),
    f("schedule_delivery_time", Kind::CString { max: 17 }, Sem::Time),
    f("validity_period", Kind::CString { max: 17 }, Sem::Time),
    u8f("registered_delivery", Sem::RegisteredDelivery),
    u8f("sm_default_msg_id", Sem::SmDefaultMsgId),
    u8f("sm_length", Sem::Count),
    f("short_message", Kind::OctetString { len_from: "sm_length" }, Sem::ShortMessage),
    TLVS,
];

const CANCEL_SM: &[FieldSpec] = &[
    cs("service_type", 6),
    cs("message_id", 65),
    u8f("source_addr_ton", Sem::Ton),
    u8f("source_addr_npi", Sem::Npi),
    cs("source_addr", 21),
    u8f("dest_addr_ton", Sem::Ton),
    u8f("dest_addr_npi", Sem::Npi),
    cs("destination_addr", 21),
];

const OUTBIND: &[FieldSpec] = &[cs("system_id", 16), f("password", Kind::CString { max: 9 }, Sem::Password)];

const ALERT_NOTIFICATION: &[FieldSpec] = &[
    u8f("source_addr_ton", Sem::Ton),
    u8f("source_addr_npi", Sem::Npi),
    cs("source_addr", 65),
    u8f("esme_addr_ton", Sem::Ton),
    u8f("esme_addr_npi", Sem::Npi),
    cs("esme_addr", 65),
    TLVS,
];

const DATA_SM: &[FieldSpec] = &[
    cs("service_type", 6),
    u8f("source_addr_ton", Sem::Ton),
    u8f("source_addr_npi", Sem::Npi),
    cs("source_addr", 65),
    u8f("dest_addr_ton", Sem::Ton),
    u8f("dest_addr_npi", Sem::Npi),
    cs("destination_addr", 65),
    u8f("esm_class", Sem::EsmClass),
    u8f("registered_delivery", Sem::RegisteredDelivery),
    u8f("data_coding", Sem::DataCoding),
    TLVS,
];

const BROADCAST_SM: &[FieldSpec] = &[
    cs("service_type", 6),
    u8f("source_addr_ton", Sem::Ton),
    u8f("source_addr_npi", Sem::Npi),
    cs("source_addr", 21),
    cs("message_id", 65),
    u8f("priority_flag", Sem::Priority),
    f("schedule_delivery_time", Kind::CString { max: 17 }, Sem::Time),
    f("validity_period", Kind::CString { max: 17 }, Sem::Time),
    u8f("replace_if_present_flag", Sem::ReplaceIfPresent),
    u8f("data_coding", Sem::DataCoding),
    u8f("sm_default_msg_id", Sem::SmDefaultMsgId),
    TLVS,
];

const QUERY_BROADCAST_SM: &[FieldSpec] = &[
    cs("message_id", 65),
    u8f("source_addr_ton", Sem::Ton),
    u8f("source_addr_npi", Sem::Npi),
    cs("source_addr", 21),
    TLVS,
];

const CANCEL_BROADCAST_SM: &[FieldSpec] = &[
    cs("service_type", 6),
    cs("message_id", 65),
    u8f("source_addr_ton", Sem::Ton),
    u8f("source_addr_npi", Sem::Npi),
    cs("source_addr", 21),
    TLVS,
];

/// dest_address with dest_flag 1.
pub(crate) const SME_ADDRESS: &[FieldSpec] =
    &[u8f("dest_addr_ton", Sem::Ton), u8f("dest_addr_npi", Sem::Npi), cs("destination_addr", 21)];

/// dest_address with dest_flag 2.
pub(crate) const DL_NAME: &[FieldSpec] = &[cs("dl_name", 21)];

pub(crate) const DEST_FLAG: FieldSpec = u8f("dest_flag", Sem::DestFlag);

const fn c(id: u32, name: &'static str, fields: &'static [FieldSpec]) -> CommandSpec {
    CommandSpec { id, name, fields }
}

static COMMANDS: &[CommandSpec] = &[
    c(0x0000_0001, "bind_receiver", BIND),
    c(0x0000_0002, "bind_transmitter", BIND),
    c(0x0000_0003, "query_sm", QUERY_SM),
    c(0x0000_0004, "submit_sm", SUBMIT_SM),
    c(0x0000_0005, "deliver_sm", SUBMIT_SM),
    c(0x0000_0006, "unbind", EMPTY),
    c(0x0000_0007, "replace_sm", REPLACE_SM),
    c(0x0000_0008, "cancel_sm", CANCEL_SM),
    c(0x0000_0009, "bind_transceiver", BIND),
    c(0x0000_000B, "outbind", OUTBIND),
    c(0x0000_0015, "enquire_link", EMPTY),
    c(0x0000_0021, "submit_multi", SUBMIT_MULTI),
    c(0x0000_0102, "alert_notification", ALERT_NOTIFICATION),
    c(0x0000_0103, "data_sm", DATA_SM),
    c(0x0000_0111, "broadcast_sm", BROADCAST_SM),
    c(0x0000_0112, "query_broadcast_sm", QUERY_BROADCAST_SM),
    c(0x0000_0113, "cancel_broadcast_sm", CANCEL_BROADCAST_SM),
    c(0x8000_0000, "generic_nack", EMPTY),
    c(0x8000_0001, "bind_receiver_resp", BIND_RESP),
    c(0x8000_0002, "bind_transmitter_resp", BIND_RESP),
    c(0x8000_0003, "query_sm_resp", QUERY_SM_RESP),
    c(0x8000_0004, "submit_sm_resp", MESSAGE_ID_RESP),
    c(0x8000_0005, "deliver_sm_resp", MESSAGE_ID_RESP),
    c(0x8000_0006, "unbind_resp", EMPTY_RESP),
    c(0x8000_0007, "replace_sm_resp", EMPTY_RESP),
    c(0x8000_0008, "cancel_sm_resp", EMPTY_RESP),
    c(0x8000_0009, "bind_transceiver_resp", BIND_RESP),
    c(0x8000_0015, "enquire_link_resp", EMPTY_RESP),
    c(0x8000_0021, "submit_multi_resp", SUBMIT_MULTI_RESP),
    c(0x8000_0103, "data_sm_resp", MESSAGE_ID_RESP),
    c(0x8000_0111, "broadcast_sm_resp", MESSAGE_ID_RESP),
    c(0x8000_0112, "query_broadcast_sm_resp", MESSAGE_ID_RESP),
    c(0x8000_0113, "cancel_broadcast_sm_resp", EMPTY_RESP),
];

/// The layout of a command, None for ids neither 3.4 nor 5.0 defines.
pub(crate) fn command(id: u32) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|c| c.id == id)
}

/// Every command the dissector knows.
#[cfg(test)]
pub(crate) fn commands() -> &'static [CommandSpec] {
    COMMANDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        for (i, c) in commands().iter().enumerate() {
            assert!(commands()[i + 1..].iter().all(|o| o.id != c.id), "{} twice", c.name);
            if let Some(name) = crate::CommandId(c.id).name() {
                assert_eq!(name, c.name);
            }
            let is_response = c.id & 0x8000_0000 != 0;
            assert_eq!(is_response, c.name.ends_with("_resp") || c.name == "generic_nack", "{}", c.name);
            // Every length and count refers to an earlier integer field.
            for (j, f) in c.fields.iter().enumerate() {
                let from = match f.kind {
                    Kind::OctetString { len_from } => Some(len_from),
                    Kind::Repeated { count_from, .. } => Some(count_from),
                    _ => None,
                };
                if let Some(from) = from {
                    assert!(c.fields[..j].iter().any(|e| e.name == from && e.kind == Kind::U8), "{}", c.name);
                }
            }
        }
    }

    #[test]
    fn every_command_dissects_zero_filled_and_random_bodies() {
        let opts = crate::dissect::DissectOptions::default();
        for c in commands() {
            for body_len in 0..40usize {
                let mut bytes = u32::try_from(16 + body_len).unwrap_or_default().to_be_bytes().to_vec();
                bytes.extend_from_slice(&c.id.to_be_bytes());
                bytes.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 1]);
                bytes.extend(std::iter::repeat_n(1u8, body_len));
                let d = crate::dissect::dissect(&bytes, &opts);
                assert_eq!(d.pdus.len(), 1);
                assert_eq!(d.pdus[0].command_name, c.name);
            }
        }
    }
}
