//! The TLV table: every standard SMPP 3.4 and 5.0 tag, plus named vendor tags, with the
//! type of its value.

/// Where a tag is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Since {
    /// SMPP 3.4 (and 5.0).
    V34,
    /// Added in SMPP 5.0.
    V50,
    /// A vendor's tag, named after the vendor's documentation.
    Vendor(&'static str),
}

/// The shape of a TLV's value, as the specification defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TlvKind {
    /// 1-octet unsigned integer.
    U8,
    /// 2-octet unsigned integer, big-endian.
    U16,
    /// 4-octet unsigned integer, big-endian.
    U32,
    /// C-Octet String of at most `max` octets including the NUL.
    CString { max: usize },
    /// Octet string of `min..=max` octets.
    Octets { min: usize, max: usize },
    /// Octet string that carries text (vendor tags such as Telesign's price): shown as text.
    Text,
    /// SMPP time (C-Octet String of 17 octets, absolute format), e.g. broadcast_end_time.
    Time,
    /// network_error_code: network type (1 octet) + error code (2 octets).
    NetworkErrorCode,
    /// its_session_info: session number (1) + sequence number with end-of-session bit (1).
    ItsSessionInfo,
    /// source/dest_telematics_id: 2 octets in SMPP 5.0 (1 octet in some 3.4 readings).
    TelematicsId,
    /// source/dest_subaddress: type tag (1) + subaddress (1-22).
    Subaddress,
    /// callback_num: digit mode (1) + TON (1) + NPI (1) + digits (1-16).
    CallbackNum,
    /// callback_num_atag: data coding (1) + display characters (0-64).
    CallbackNumAtag,
    /// broadcast_content_type: network type (1) + content type (2).
    BroadcastContentType,
    /// broadcast_frequency_interval: time unit (1) + number (2).
    BroadcastFrequencyInterval,
    /// broadcast_area_identifier: format (1) + area details (0-100).
    BroadcastArea,
    /// billing_identification: format (1) + billing details (0-1023).
    BillingIdentification,
    /// ms_validity: behaviour (1), optionally + time unit (1) + number (2).
    MsValidity,
    /// alert_on_message_delivery: no value in SMPP 3.4, 1 octet in 5.0.
    AlertOnMessageDelivery,
}

impl TlvKind {
    /// Checks that `value` has this kind's shape; the error says what was expected.
    pub fn check(&self, value: &[u8]) -> Result<(), String> {
        let n = value.len();
        let len = |ok: bool, what: &str| if ok { Ok(()) } else { Err(format!("expected {what}, got {n} octets")) };
        match *self {
            TlvKind::U8 => len(n == 1, "1 octet"),
            TlvKind::U16 => len(n == 2, "2 octets"),
            TlvKind::U32 => len(n == 4, "4 octets"),
            TlvKind::NetworkErrorCode | TlvKind::BroadcastContentType | TlvKind::BroadcastFrequencyInterval => {
                len(n == 3, "3 octets")
            }
            TlvKind::ItsSessionInfo => len(n == 2, "2 octets"),
            TlvKind::TelematicsId => len(n == 1 || n == 2, "1 or 2 octets"),
            TlvKind::Subaddress => len((2..=23).contains(&n), "2-23 octets"),
            TlvKind::CallbackNum => len((4..=19).contains(&n), "4-19 octets"),
            TlvKind::CallbackNumAtag => len((1..=65).contains(&n), "1-65 octets"),
            TlvKind::BroadcastArea => len((1..=101).contains(&n), "1-101 octets"),
            TlvKind::BillingIdentification => len((1..=1024).contains(&n), "1-1024 octets"),
            TlvKind::MsValidity => len(n == 1 || n == 4, "1 or 4 octets"),
            TlvKind::AlertOnMessageDelivery => len(n <= 1, "0 or 1 octet"),
            TlvKind::Octets { min, max } => len(
                (min..=max).contains(&n),
                &if min == max { format!("{min} octets") } else { format!("{min}-{max} octets") },
            ),
            TlvKind::Text => Ok(()),
            TlvKind::CString { max } => check_cstring(value, max),
            TlvKind::Time => {
                check_cstring(value, 17)?;
                let s = std::str::from_utf8(&value[..n - 1]).map_err(|_| "the time is not ASCII".to_string())?;
                crate::time::SmppTime::parse(s).map(|_| ()).map_err(|e| format!("invalid SMPP time: {e}"))
            }
        }
    }
}

fn check_cstring(value: &[u8], max: usize) -> Result<(), String> {
    match value.iter().position(|&b| b == 0) {
        None => Err("expected a NUL-terminated C-Octet String; the NUL is missing".into()),
        Some(p) if p + 1 != value.len() => {
            Err(format!("the C-Octet String ends at octet {} but the TLV has {}", p + 1, value.len()))
        }
        Some(_) if value.len() > max => {
            Err(format!("expected at most {max} octets including the NUL, got {}", value.len()))
        }
        Some(_) => Ok(()),
    }
}

/// One row of the TLV table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TlvInfo {
    pub tag: u16,
    /// The specification's (or vendor's) name, e.g. `receipted_message_id`.
    pub name: &'static str,
    pub kind: TlvKind,
    pub since: Since,
}

macro_rules! tlv_table {
    ($( $konst:ident = $tag:expr, $name:expr, $kind:expr, $since:expr; )*) => {
        /// Tag values of every TLV in the table.
        pub mod tag {
            $(
                #[doc = concat!("`", $name, "`")]
                pub const $konst: u16 = $tag;
            )*
            /// The SMPP 5.0 spelling of [`DESTINATION_PORT`].
            pub const DEST_PORT: u16 = DESTINATION_PORT;
        }

        /// Every row, sorted by tag.
        static TABLE: &[TlvInfo] = &[
            $( TlvInfo { tag: $tag, name: $name, kind: $kind, since: $since }, )*
        ];

        /// The table row for `tag`, if the tag is a standard or named vendor tag.
        ///
        /// A `match` (a jump table or a short compare tree) rather than a search of [`TABLE`]:
        /// decoding and encoding look up every TLV. Each arm's row is a promoted constant, equal
        /// to the row of [`all`].
        pub fn info(tag: u16) -> Option<&'static TlvInfo> {
            match tag {
                $( tag::$konst => Some(&TlvInfo { tag: $tag, name: $name, kind: $kind, since: $since }), )*
                _ => None,
            }
        }
    };
}

use Since::{V34, V50};
use TlvKind::*;

const TELESIGN: Since = Since::Vendor("Telesign");

tlv_table! {
    DEST_ADDR_SUBUNIT = 0x0005, "dest_addr_subunit", U8, V34;
    DEST_NETWORK_TYPE = 0x0006, "dest_network_type", U8, V34;
    DEST_BEARER_TYPE = 0x0007, "dest_bearer_type", U8, V34;
    DEST_TELEMATICS_ID = 0x0008, "dest_telematics_id", TelematicsId, V34;
    SOURCE_ADDR_SUBUNIT = 0x000D, "source_addr_subunit", U8, V34;
    SOURCE_NETWORK_TYPE = 0x000E, "source_network_type", U8, V34;
    SOURCE_BEARER_TYPE = 0x000F, "source_bearer_type", U8, V34;
    SOURCE_TELEMATICS_ID = 0x0010, "source_telematics_id", TelematicsId, V34;
    QOS_TIME_TO_LIVE = 0x0017, "qos_time_to_live", U32, V34;
    PAYLOAD_TYPE = 0x0019, "payload_type", U8, V34;
    ADDITIONAL_STATUS_INFO_TEXT = 0x001D, "additional_status_info_text", CString { max: 256 }, V34;
    RECEIPTED_MESSAGE_ID = 0x001E, "receipted_message_id", CString { max: 65 }, V34;
    MS_MSG_WAIT_FACILITIES = 0x0030, "ms_msg_wait_facilities", U8, V34;
    PRIVACY_INDICATOR = 0x0201, "privacy_indicator", U8, V34;
    SOURCE_SUBADDRESS = 0x0202, "source_subaddress", Subaddress, V34;
    DEST_SUBADDRESS = 0x0203, "dest_subaddress", Subaddress, V34;
    USER_MESSAGE_REFERENCE = 0x0204, "user_message_reference", U16, V34;
    USER_RESPONSE_CODE = 0x0205, "user_response_code", U8, V34;
    SOURCE_PORT = 0x020A, "source_port", U16, V34;
    DESTINATION_PORT = 0x020B, "destination_port", U16, V34;
    SAR_MSG_REF_NUM = 0x020C, "sar_msg_ref_num", U16, V34;
    LANGUAGE_INDICATOR = 0x020D, "language_indicator", U8, V34;
    SAR_TOTAL_SEGMENTS = 0x020E, "sar_total_segments", U8, V34;
    SAR_SEGMENT_SEQNUM = 0x020F, "sar_segment_seqnum", U8, V34;
    SC_INTERFACE_VERSION = 0x0210, "sc_interface_version", U8, V34;
    CALLBACK_NUM_PRES_IND = 0x0302, "callback_num_pres_ind", U8, V34;
    CALLBACK_NUM_ATAG = 0x0303, "callback_num_atag", CallbackNumAtag, V34;
    NUMBER_OF_MESSAGES = 0x0304, "number_of_messages", U8, V34;
    CALLBACK_NUM = 0x0381, "callback_num", CallbackNum, V34;
    MOBILE_COUNTRY_CODE = 0x0410, "mobile_country_code", Text, TELESIGN;
    MOBILE_NETWORK_CODE = 0x0411, "mobile_network_code", Text, TELESIGN;
    PRICE = 0x0412, "price", Text, TELESIGN;
    DPF_RESULT = 0x0420, "dpf_result", U8, V34;
    SET_DPF = 0x0421, "set_dpf", U8, V34;
    MS_AVAILABILITY_STATUS = 0x0422, "ms_availability_status", U8, V34;
    NETWORK_ERROR_CODE = 0x0423, "network_error_code", NetworkErrorCode, V34;
    MESSAGE_PAYLOAD = 0x0424, "message_payload", Octets { min: 0, max: 65535 }, V34;
    DELIVERY_FAILURE_REASON = 0x0425, "delivery_failure_reason", U8, V34;
    MORE_MESSAGES_TO_SEND = 0x0426, "more_messages_to_send", U8, V34;
    MESSAGE_STATE = 0x0427, "message_state", U8, V34;
    CONGESTION_STATE = 0x0428, "congestion_state", U8, V50;
    USSD_SERVICE_OP = 0x0501, "ussd_service_op", U8, V34;
    BROADCAST_CHANNEL_INDICATOR = 0x0600, "broadcast_channel_indicator", U8, V50;
    BROADCAST_CONTENT_TYPE = 0x0601, "broadcast_content_type", BroadcastContentType, V50;
    BROADCAST_CONTENT_TYPE_INFO = 0x0602, "broadcast_content_type_info", Octets { min: 0, max: 255 }, V50;
    BROADCAST_MESSAGE_CLASS = 0x0603, "broadcast_message_class", U8, V50;
    BROADCAST_REP_NUM = 0x0604, "broadcast_rep_num", U16, V50;
    BROADCAST_FREQUENCY_INTERVAL = 0x0605, "broadcast_frequency_interval", BroadcastFrequencyInterval, V50;
    BROADCAST_AREA_IDENTIFIER = 0x0606, "broadcast_area_identifier", BroadcastArea, V50;
    BROADCAST_ERROR_STATUS = 0x0607, "broadcast_error_status", U32, V50;
    BROADCAST_AREA_SUCCESS = 0x0608, "broadcast_area_success", U8, V50;
    BROADCAST_END_TIME = 0x0609, "broadcast_end_time", Time, V50;
    BROADCAST_SERVICE_GROUP = 0x060A, "broadcast_service_group", Octets { min: 1, max: 255 }, V50;
    BILLING_IDENTIFICATION = 0x060B, "billing_identification", BillingIdentification, V50;
    SOURCE_NETWORK_ID = 0x060D, "source_network_id", CString { max: 65 }, V50;
    DEST_NETWORK_ID = 0x060E, "dest_network_id", CString { max: 65 }, V50;
    SOURCE_NODE_ID = 0x060F, "source_node_id", Octets { min: 6, max: 6 }, V50;
    DEST_NODE_ID = 0x0610, "dest_node_id", Octets { min: 6, max: 6 }, V50;
    DEST_ADDR_NP_RESOLUTION = 0x0611, "dest_addr_np_resolution", U8, V50;
    DEST_ADDR_NP_INFORMATION = 0x0612, "dest_addr_np_information", Octets { min: 10, max: 10 }, V50;
    DEST_ADDR_NP_COUNTRY = 0x0613, "dest_addr_np_country", Octets { min: 1, max: 5 }, V50;
    DISPLAY_TIME = 0x1201, "display_time", U8, V34;
    SMS_SIGNAL = 0x1203, "sms_signal", U16, V34;
    MS_VALIDITY = 0x1204, "ms_validity", MsValidity, V34;
    ALERT_ON_MESSAGE_DELIVERY = 0x130C, "alert_on_message_delivery", AlertOnMessageDelivery, V34;
    ITS_REPLY_TYPE = 0x1380, "its_reply_type", U8, V34;
    ITS_SESSION_INFO = 0x1383, "its_session_info", ItsSessionInfo, V34;
}

/// The name of `tag` (e.g. `message_state`), or None for an unknown tag.
pub fn tlv_name(tag: u16) -> Option<&'static str> {
    info(tag).map(|i| i.name)
}

/// Every row of the table, sorted by tag.
pub fn all() -> &'static [TlvInfo] {
    TABLE
}

/// Whether `tag` lies in the range SMPP reserves for vendor-specific TLVs (0x1400-0x3FFF).
pub fn is_vendor_range(tag: u16) -> bool {
    (0x1400..=0x3FFF).contains(&tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_complete() {
        assert!(TABLE.windows(2).all(|w| w[0].tag < w[1].tag));
        assert_eq!(TABLE.iter().filter(|i| i.since == V34).count(), 44);
        assert_eq!(TABLE.iter().filter(|i| i.since == V50).count(), 20);
        assert_eq!(tlv_name(tag::MESSAGE_STATE), Some("message_state"));
        assert_eq!(tlv_name(tag::PRICE), Some("price"));
        assert_eq!(tlv_name(0x1400), None);
        assert_eq!(info(tag::BROADCAST_REP_NUM).map(|i| i.kind), Some(U16));
    }

    #[test]
    fn info_agrees_with_the_table_for_every_tag() {
        for tag in 0..=u16::MAX {
            let searched = TABLE.binary_search_by_key(&tag, |i| i.tag).ok().map(|i| &TABLE[i]);
            assert_eq!(info(tag), searched, "0x{tag:04X}");
        }
    }

    #[test]
    fn kinds_check_shapes() {
        assert!(U8.check(&[1]).is_ok());
        assert!(U8.check(&[1, 2]).unwrap_err().contains("1 octet"));
        assert!(CString { max: 4 }.check(b"abc\0").is_ok());
        assert!(CString { max: 4 }.check(b"abcd\0").unwrap_err().contains("at most 4"));
        assert!(CString { max: 4 }.check(b"ab").unwrap_err().contains("NUL is missing"));
        assert!(CString { max: 9 }.check(b"ab\0cd\0").is_err());
        assert!(Time.check(b"240305143000004+\0").is_ok());
        assert!(Time.check(b"241305143000004+\0").unwrap_err().contains("month"));
        assert!(AlertOnMessageDelivery.check(&[]).is_ok());
        assert!(NetworkErrorCode.check(&[3, 0, 1]).is_ok());
    }
}
