//! The SMPP `command_status` table (3.4 and 5.0) with explanations a support engineer can act on.
//!
//! A bare `0x00000058` in a log tells nobody anything; the console shows the name and a
//! sentence instead. Codes the specification leaves unassigned still get a readable label,
//! because SMSCs routinely answer with vendor-specific (0x400..=0x4FF) or invented codes.
//!
//! Naming: SMPP 5.0 renamed the optional-parameter errors 0xC0..=0xC4 to "TLV" names. The table
//! reports `ESME_RINVTLVSTREAM` for 0xC0 and the 3.4 names for 0xC1..=0xC4 (the names most SMSC
//! documentation quotes); the other spelling of each is available as an alias constant and is
//! mentioned in the description, so a search for either name finds the code.

/// One entry of the `command_status` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatusInfo {
    /// The numeric `command_status` value as carried in the PDU header.
    pub code: u32,
    /// The specification's symbolic name, e.g. `ESME_RTHROTTLED`.
    pub name: &'static str,
    /// A sentence explaining what went wrong and, where it helps, what to do about it.
    pub description: &'static str,
}

/// Defines each code once, so the constant, its doc and its table row cannot drift apart.
macro_rules! statuses {
    ($( $name:ident = $code:expr, $desc:expr; )*) => {
        $(
            #[doc = $desc]
            pub const $name: u32 = $code;
        )*

        /// Sorted by code so that [`lookup`] can binary-search.
        static TABLE: &[StatusInfo] = &[
            $( StatusInfo { code: $name, name: stringify!($name), description: $desc }, )*
        ];
    };
}

statuses! {
    ESME_ROK = 0x0000_0000,
        "No error: the request was accepted.";
    ESME_RINVMSGLEN = 0x0000_0001,
        "Invalid message length: sm_length or the short_message is wrong or longer than the SMSC accepts; shorten the message or split it into parts.";
    ESME_RINVCMDLEN = 0x0000_0002,
        "Invalid command length: the PDU's command_length does not match its content, so the SMSC considers the PDU malformed.";
    ESME_RINVCMDID = 0x0000_0003,
        "Invalid command ID: the SMSC does not know or does not support this command.";
    ESME_RINVBNDSTS = 0x0000_0004,
        "Incorrect bind status for this command: e.g. submit_sm on a receiver-only bind, or a request sent before the bind completed.";
    ESME_RALYBND = 0x0000_0005,
        "Already bound: a bind was sent on a session that is already bound.";
    ESME_RINVPRTFLG = 0x0000_0006,
        "Invalid priority_flag: the SMSC does not accept this priority value.";
    ESME_RINVREGDLVFLG = 0x0000_0007,
        "Invalid registered_delivery flag: the delivery-receipt request bits are not accepted by the SMSC.";
    ESME_RSYSERR = 0x0000_0008,
        "System error: the SMSC hit an internal error that is not caused by the request's content; it may succeed later.";
    ESME_RINVSRCADR = 0x0000_000A,
        "Invalid source address: the sender (source_addr) is malformed, or not allowed for this account; check the sender ID and its TON/NPI.";
    ESME_RINVDSTADR = 0x0000_000B,
        "Invalid destination address: the recipient (destination_addr) is malformed or not routable; check the number format and its TON/NPI.";
    ESME_RINVMSGID = 0x0000_000C,
        "Invalid message ID: the SMSC does not know the message_id given to query, cancel or replace.";
    ESME_RBINDFAIL = 0x0000_000D,
        "Bind failed: the SMSC refused the bind (often wrong credentials, an IP address that is not whitelisted, or too many sessions).";
    ESME_RINVPASWD = 0x0000_000E,
        "Invalid password: the SMSC rejected the password for this system_id.";
    ESME_RINVSYSID = 0x0000_000F,
        "Invalid system ID: the SMSC does not know this system_id (account name).";
    ESME_RCANCELFAIL = 0x0000_0011,
        "cancel_sm failed: the message could not be cancelled (it may already be delivered, or unknown to the SMSC).";
    ESME_RREPLACEFAIL = 0x0000_0013,
        "replace_sm failed: the message could not be replaced (it may already be delivered, or unknown to the SMSC).";
    ESME_RMSGQFUL = 0x0000_0014,
        "Message queue full: the SMSC (or the queue for this destination) is full; this is not a failure of the message, slow down and retry later.";
    ESME_RINVSERTYP = 0x0000_0015,
        "Invalid service_type: the SMSC does not accept this service_type value.";
    ESME_RINVNUMDESTS = 0x0000_0033,
        "Invalid number of destinations in submit_multi.";
    ESME_RINVDLNAME = 0x0000_0034,
        "Invalid distribution list name in submit_multi.";
    ESME_RINVDESTFLAG = 0x0000_0040,
        "Invalid dest_flag in submit_multi: each destination must be flagged 1 (SME address) or 2 (distribution list).";
    ESME_RINVSUBREP = 0x0000_0042,
        "Invalid 'submit with replace' request: replace_if_present_flag was set where the SMSC does not allow it.";
    ESME_RINVESMCLASS = 0x0000_0043,
        "Invalid esm_class: the messaging mode, message type or UDHI/reply-path bits are not accepted by the SMSC.";
    ESME_RCNTSUBDL = 0x0000_0044,
        "Cannot submit to a distribution list.";
    ESME_RSUBMITFAIL = 0x0000_0045,
        "submit_sm or submit_multi failed: the SMSC rejected the message without a more specific reason; check its logs or ask the provider.";
    ESME_RINVSRCTON = 0x0000_0048,
        "Invalid source address TON (type of number): e.g. an alphanumeric sender needs TON 5.";
    ESME_RINVSRCNPI = 0x0000_0049,
        "Invalid source address NPI (numbering plan indicator).";
    ESME_RINVDSTTON = 0x0000_0050,
        "Invalid destination address TON (type of number): international numbers usually need TON 1.";
    ESME_RINVDSTNPI = 0x0000_0051,
        "Invalid destination address NPI (numbering plan indicator): E.164 numbers usually need NPI 1.";
    ESME_RINVSYSTYP = 0x0000_0053,
        "Invalid system_type: the SMSC does not accept the system_type sent in the bind.";
    ESME_RINVREPFLAG = 0x0000_0054,
        "Invalid replace_if_present_flag value.";
    ESME_RINVNUMMSGS = 0x0000_0055,
        "Invalid number of messages.";
    ESME_RTHROTTLED = 0x0000_0058,
        "Throttling error: the ESME exceeded the SMSC's allowed message rate; slow down and retry later.";
    ESME_RINVSCHED = 0x0000_0061,
        "Invalid scheduled_delivery_time: the time is malformed or not acceptable to the SMSC.";
    ESME_RINVEXPIRY = 0x0000_0062,
        "Invalid validity_period (expiry time): the time is malformed, in the past, or beyond what the SMSC allows.";
    ESME_RINVDFTMSGID = 0x0000_0063,
        "Invalid sm_default_msg_id: the predefined (canned) message was not found.";
    ESME_RX_T_APPN = 0x0000_0064,
        "ESME receiver temporary application error: the ESME could not process this delivery right now; the SMSC should retry it later.";
    ESME_RX_P_APPN = 0x0000_0065,
        "ESME receiver permanent application error: the ESME will never accept this delivery; the SMSC should not retry it.";
    ESME_RX_R_APPN = 0x0000_0066,
        "ESME receiver reject: the ESME refused this message (e.g. unwanted content or sender).";
    ESME_RQUERYFAIL = 0x0000_0067,
        "query_sm failed: the SMSC could not report the status of this message.";
    ESME_RINVTLVSTREAM = 0x0000_00C0,
        "Invalid TLV stream: the optional part of the PDU body is truncated or malformed (SMPP 3.4 name ESME_RINVOPTPARSTREAM).";
    ESME_ROPTPARNOTALLWD = 0x0000_00C1,
        "Optional parameter (TLV) not allowed: this PDU carries a TLV the SMSC does not accept here (SMPP 5.0 name ESME_RTLVNOTALLWD).";
    ESME_RINVPARLEN = 0x0000_00C2,
        "Invalid optional parameter (TLV) length (SMPP 5.0 name ESME_RINVTLVLEN).";
    ESME_RMISSINGOPTPARAM = 0x0000_00C3,
        "Expected optional parameter (TLV) missing: the SMSC requires a TLV this PDU did not carry (SMPP 5.0 name ESME_RMISSINGTLV).";
    ESME_RINVOPTPARAMVAL = 0x0000_00C4,
        "Invalid optional parameter (TLV) value (SMPP 5.0 name ESME_RINVTLVVAL).";
    ESME_RDELIVERYFAILURE = 0x0000_00FE,
        "Delivery failure: the message could not be delivered to its destination (reported in data_sm_resp).";
    ESME_RUNKNOWNERR = 0x0000_00FF,
        "Unknown error: the SMSC reported an unspecified error.";
    ESME_RSERTYPUNAUTH = 0x0000_0100,
        "The ESME is not authorised to use the requested service_type.";
    ESME_RPROHIBITED = 0x0000_0101,
        "The ESME is prohibited from using this operation.";
    ESME_RSERTYPUNAVAIL = 0x0000_0102,
        "The requested service_type is currently unavailable.";
    ESME_RSERTYPDENIED = 0x0000_0103,
        "The requested service_type is denied.";
    ESME_RINVDCS = 0x0000_0104,
        "Invalid data_coding: the SMSC does not support this data coding scheme; try 0x00 (GSM 7-bit) or 0x08 (UCS2).";
    ESME_RINVSRCADDRSUBUNIT = 0x0000_0105,
        "Invalid source address subunit.";
    ESME_RINVDSTADDRSUBUNIT = 0x0000_0106,
        "Invalid destination address subunit.";
    ESME_RINVBCASTFREQINT = 0x0000_0107,
        "Invalid broadcast frequency interval.";
    ESME_RINVBCASTALIAS_NAME = 0x0000_0108,
        "Invalid broadcast alias name.";
    ESME_RINVBCASTAREAFMT = 0x0000_0109,
        "Invalid broadcast area format.";
    ESME_RINVNUMBCAST_AREAS = 0x0000_010A,
        "Invalid number of broadcast areas.";
    ESME_RINVBCASTCNTTYPE = 0x0000_010B,
        "Invalid broadcast content type.";
    ESME_RINVBCASTMSGCLASS = 0x0000_010C,
        "Invalid broadcast message class.";
    ESME_RBCASTFAIL = 0x0000_010D,
        "broadcast_sm failed.";
    ESME_RBCASTQUERYFAIL = 0x0000_010E,
        "query_broadcast_sm failed.";
    ESME_RBCASTCANCELFAIL = 0x0000_010F,
        "cancel_broadcast_sm failed.";
    ESME_RINVBCAST_REP = 0x0000_0110,
        "Invalid number of repeated broadcasts.";
    ESME_RINVBCASTSRVGRP = 0x0000_0111,
        "Invalid broadcast service group.";
    ESME_RINVBCASTCHANIND = 0x0000_0112,
        "Invalid broadcast channel indicator.";
}

/// SMPP 3.4 name of 0xC0 (see [`ESME_RINVTLVSTREAM`]).
pub const ESME_RINVOPTPARSTREAM: u32 = ESME_RINVTLVSTREAM;
/// SMPP 5.0 name of 0xC1 (see [`ESME_ROPTPARNOTALLWD`]).
pub const ESME_RTLVNOTALLWD: u32 = ESME_ROPTPARNOTALLWD;
/// SMPP 5.0 name of 0xC2 (see [`ESME_RINVPARLEN`]).
pub const ESME_RINVTLVLEN: u32 = ESME_RINVPARLEN;
/// SMPP 5.0 name of 0xC3 (see [`ESME_RMISSINGOPTPARAM`]).
pub const ESME_RMISSINGTLV: u32 = ESME_RMISSINGOPTPARAM;
/// SMPP 5.0 name of 0xC4 (see [`ESME_RINVOPTPARAMVAL`]).
pub const ESME_RINVTLVVAL: u32 = ESME_RINVOPTPARAMVAL;

/// The other spellings of renamed codes, so that [`code_by_name`] accepts either.
const ALIASES: &[(&str, u32)] = &[
    ("ESME_RINVOPTPARSTREAM", ESME_RINVOPTPARSTREAM),
    ("ESME_RTLVNOTALLWD", ESME_RTLVNOTALLWD),
    ("ESME_RINVTLVLEN", ESME_RINVTLVLEN),
    ("ESME_RMISSINGTLV", ESME_RMISSINGTLV),
    ("ESME_RINVTLVVAL", ESME_RINVTLVVAL),
];

/// First code of the range SMPP reserves for SMSC vendor-specific errors.
pub const VENDOR_SPECIFIC_FIRST: u32 = 0x0000_0400;
/// Last code of the range SMPP reserves for SMSC vendor-specific errors.
pub const VENDOR_SPECIFIC_LAST: u32 = 0x0000_04FF;

/// The entry for `code`, or `None` when the specification does not name it.
pub fn lookup(code: u32) -> Option<&'static StatusInfo> {
    TABLE.binary_search_by_key(&code, |info| info.code).ok().and_then(|index| TABLE.get(index))
}

/// Every named code of SMPP 3.4 and 5.0, sorted by code (for pickers and reference views).
pub fn all() -> &'static [StatusInfo] {
    TABLE
}

/// The code for a symbolic name (case-insensitive, 3.4 and 5.0 spellings), for configuration
/// files and simulators where people write names rather than numbers.
pub fn code_by_name(name: &str) -> Option<u32> {
    let wanted = name.trim();
    TABLE
        .iter()
        .map(|info| (info.name, info.code))
        .chain(ALIASES.iter().copied())
        .find(|(candidate, _)| candidate.eq_ignore_ascii_case(wanted))
        .map(|(_, code)| code)
}

/// Whether `code` falls in the range SMPP leaves to SMSC vendors (0x400..=0x4FF).
pub fn is_vendor_specific(code: u32) -> bool {
    (VENDOR_SPECIFIC_FIRST..=VENDOR_SPECIFIC_LAST).contains(&code)
}

/// The symbolic name, or for unassigned codes the hex value (with a "vendor error" prefix in
/// the vendor range), so a log line always shows something searchable.
pub fn name(code: u32) -> String {
    match lookup(code) {
        Some(info) => info.name.to_string(),
        None if is_vendor_specific(code) => format!("vendor error 0x{code:08X}"),
        None => format!("0x{code:08X}"),
    }
}

/// The explanation, or a fallback that at least says which kind of unknown code it is.
pub fn describe(code: u32) -> String {
    match lookup(code) {
        Some(info) => info.description.to_string(),
        None if is_vendor_specific(code) => format!(
            "SMSC vendor-specific error 0x{code:08X}: its meaning is defined by the SMSC vendor, not by SMPP; check the provider's error code list."
        ),
        None => format!(
            "Unassigned status 0x{code:08X}: SMPP reserves this value and gives it no meaning; the SMSC uses it for its own purposes, so ask the provider what it means."
        ),
    }
}

/// Whether the status asks the sender to slow down and retry rather than reporting a failure.
///
/// Only throttling and a full queue qualify: they say "not now", whereas e.g. `ESME_RSYSERR` or
/// `ESME_RSUBMITFAIL` may or may not succeed again, and retrying them blindly can duplicate
/// messages or hammer a broken SMSC.
pub fn is_retryable(code: u32) -> bool {
    matches!(code, ESME_RTHROTTLED | ESME_RMSGQFUL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in TABLE.windows(2) {
            assert!(pair[0].code < pair[1].code, "{} / {}", pair[0].name, pair[1].name);
        }
    }

    #[test]
    fn every_entry_is_found_by_lookup_and_name() {
        for info in all() {
            assert_eq!(lookup(info.code), Some(info));
            assert_eq!(name(info.code), info.name);
            assert_eq!(describe(info.code), info.description);
            assert_eq!(code_by_name(info.name), Some(info.code));
            assert!(info.name.starts_with("ESME_R"), "{}", info.name);
            assert!(info.description.ends_with('.'), "{}", info.name);
            assert!(info.description.len() > 15, "{}", info.name);
        }
    }

    #[test]
    fn smpp34_codes_have_spec_values() {
        let expected: &[(u32, &str)] = &[
            (0x00, "ESME_ROK"),
            (0x01, "ESME_RINVMSGLEN"),
            (0x02, "ESME_RINVCMDLEN"),
            (0x03, "ESME_RINVCMDID"),
            (0x04, "ESME_RINVBNDSTS"),
            (0x05, "ESME_RALYBND"),
            (0x06, "ESME_RINVPRTFLG"),
            (0x07, "ESME_RINVREGDLVFLG"),
            (0x08, "ESME_RSYSERR"),
            (0x0A, "ESME_RINVSRCADR"),
            (0x0B, "ESME_RINVDSTADR"),
            (0x0C, "ESME_RINVMSGID"),
            (0x0D, "ESME_RBINDFAIL"),
            (0x0E, "ESME_RINVPASWD"),
            (0x0F, "ESME_RINVSYSID"),
            (0x11, "ESME_RCANCELFAIL"),
            (0x13, "ESME_RREPLACEFAIL"),
            (0x14, "ESME_RMSGQFUL"),
            (0x15, "ESME_RINVSERTYP"),
            (0x33, "ESME_RINVNUMDESTS"),
            (0x34, "ESME_RINVDLNAME"),
            (0x40, "ESME_RINVDESTFLAG"),
            (0x42, "ESME_RINVSUBREP"),
            (0x43, "ESME_RINVESMCLASS"),
            (0x44, "ESME_RCNTSUBDL"),
            (0x45, "ESME_RSUBMITFAIL"),
            (0x48, "ESME_RINVSRCTON"),
            (0x49, "ESME_RINVSRCNPI"),
            (0x50, "ESME_RINVDSTTON"),
            (0x51, "ESME_RINVDSTNPI"),
            (0x53, "ESME_RINVSYSTYP"),
            (0x54, "ESME_RINVREPFLAG"),
            (0x55, "ESME_RINVNUMMSGS"),
            (0x58, "ESME_RTHROTTLED"),
            (0x61, "ESME_RINVSCHED"),
            (0x62, "ESME_RINVEXPIRY"),
            (0x63, "ESME_RINVDFTMSGID"),
            (0x64, "ESME_RX_T_APPN"),
            (0x65, "ESME_RX_P_APPN"),
            (0x66, "ESME_RX_R_APPN"),
            (0x67, "ESME_RQUERYFAIL"),
            (0xC0, "ESME_RINVTLVSTREAM"),
            (0xC1, "ESME_ROPTPARNOTALLWD"),
            (0xC2, "ESME_RINVPARLEN"),
            (0xC3, "ESME_RMISSINGOPTPARAM"),
            (0xC4, "ESME_RINVOPTPARAMVAL"),
            (0xFE, "ESME_RDELIVERYFAILURE"),
            (0xFF, "ESME_RUNKNOWNERR"),
        ];
        for (code, expected_name) in expected {
            assert_eq!(name(*code), *expected_name, "code 0x{code:X}");
        }
    }

    #[test]
    fn smpp50_codes_have_spec_values() {
        let names = [
            "ESME_RSERTYPUNAUTH",
            "ESME_RPROHIBITED",
            "ESME_RSERTYPUNAVAIL",
            "ESME_RSERTYPDENIED",
            "ESME_RINVDCS",
            "ESME_RINVSRCADDRSUBUNIT",
            "ESME_RINVDSTADDRSUBUNIT",
            "ESME_RINVBCASTFREQINT",
            "ESME_RINVBCASTALIAS_NAME",
            "ESME_RINVBCASTAREAFMT",
            "ESME_RINVNUMBCAST_AREAS",
            "ESME_RINVBCASTCNTTYPE",
            "ESME_RINVBCASTMSGCLASS",
            "ESME_RBCASTFAIL",
            "ESME_RBCASTQUERYFAIL",
            "ESME_RBCASTCANCELFAIL",
            "ESME_RINVBCAST_REP",
            "ESME_RINVBCASTSRVGRP",
            "ESME_RINVBCASTCHANIND",
        ];
        for (offset, expected_name) in (0u32..).zip(names) {
            assert_eq!(name(0x100 + offset), expected_name);
        }
        assert_eq!(lookup(0x113), None);
    }

    #[test]
    fn constants_match_the_table() {
        assert_eq!(ESME_ROK, 0);
        assert_eq!(ESME_RTHROTTLED, 0x58);
        assert_eq!(ESME_RMSGQFUL, 0x14);
        assert_eq!(ESME_RINVBCASTCHANIND, 0x112);
        assert_eq!(ESME_RINVOPTPARSTREAM, 0xC0);
        assert_eq!(ESME_RINVTLVVAL, 0xC4);
    }

    #[test]
    fn aliases_resolve_case_insensitively() {
        assert_eq!(code_by_name("ESME_RINVOPTPARSTREAM"), Some(0xC0));
        assert_eq!(code_by_name("esme_rtlvnotallwd"), Some(0xC1));
        assert_eq!(code_by_name("ESME_RINVTLVLEN"), Some(0xC2));
        assert_eq!(code_by_name(" ESME_RMISSINGTLV "), Some(0xC3));
        assert_eq!(code_by_name("ESME_RINVTLVVAL"), Some(0xC4));
        assert_eq!(code_by_name("esme_rthrottled"), Some(0x58));
        assert_eq!(code_by_name("ESME_RNOPE"), None);
        // Both spellings are findable in the text a user reads.
        assert!(describe(0xC0).contains("ESME_RINVOPTPARSTREAM"));
        assert!(describe(0xC4).contains("ESME_RINVTLVVAL"));
    }

    #[test]
    fn throttling_description_is_actionable() {
        assert_eq!(
            describe(ESME_RTHROTTLED),
            "Throttling error: the ESME exceeded the SMSC's allowed message rate; slow down and retry later."
        );
    }

    #[test]
    fn unknown_codes_get_hex_names() {
        assert_eq!(name(0x09), "0x00000009");
        assert_eq!(name(0x68), "0x00000068");
        assert_eq!(name(0x113), "0x00000113");
        assert_eq!(name(0xFFFF_FFFF), "0xFFFFFFFF");
        assert!(describe(0x09).contains("0x00000009"));
        assert!(describe(0x09).contains("Unassigned"));
    }

    #[test]
    fn vendor_range_is_labelled() {
        assert_eq!(name(0x400), "vendor error 0x00000400");
        assert_eq!(name(0x401), "vendor error 0x00000401");
        assert_eq!(name(0x4FF), "vendor error 0x000004FF");
        assert_eq!(name(0x3FF), "0x000003FF");
        assert_eq!(name(0x500), "0x00000500");
        assert!(describe(0x4A2).contains("vendor-specific"));
        assert!(is_vendor_specific(0x400));
        assert!(!is_vendor_specific(0x500));
    }

    #[test]
    fn only_throttling_and_queue_full_are_retryable() {
        assert!(is_retryable(ESME_RTHROTTLED));
        assert!(is_retryable(ESME_RMSGQFUL));
        for info in all() {
            if info.code != ESME_RTHROTTLED && info.code != ESME_RMSGQFUL {
                assert!(!is_retryable(info.code), "{}", info.name);
            }
        }
        assert!(!is_retryable(0x401));
    }
}
