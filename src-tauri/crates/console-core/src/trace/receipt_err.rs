//! What a receipt's `err:` means. SMPP leaves receipt error values to the SMSC; where a
//! provider publishes its table (Telesign's SMPP integration guide), the trace names the code.
//!
//! The table lives here, not in smpp-codec, because only the trace reads it; move it to the
//! codec's status module if the session or the PDU Inspector needs it too.

use smpp_codec::receipt::parse_err_code;

/// Telesign's receipt `err` values (its SMPP integration guide, "Error codes").
const TELESIGN: &[(u32, &str)] = &[
    (0x000, "Successful Delivery."),
    (0x008, "System Error."),
    (0x00A, "Invalid Source Address."),
    (0x00B, "Invalid Destination Address."),
    (0x014, "Message Queue Full."),
    (0x0FF, "Unknown Error."),
    (0x401, "Send error."),
    (0x402, "Other party is not connected."),
    (0x403, "Unknown provider error."),
    (0x404, "Unknown user error."),
    (0x405, "Invalid request."),
    (0x407, "Absent subscriber error."),
    (0x408, "Generic error for system exceptions."),
    (0x4A0, "Temporary phone error."),
    (0x4A1, "Permanent phone error."),
    (0x4A2, "Gateway/network cannot route message."),
    (0x4A3, "Message expired before delivery."),
    (0x4A4, "SMS not supported."),
    (0x4A5, "Message blocked by customer request."),
    (0x4A6, "Message blocked by Telesign."),
    (0x4A7, "Invalid/unsupported message content."),
    (0x4A8, "Transaction not attempted."),
    (0x4A9, "Not authorized."),
    (0x4AA, "Status not available."),
    (0x4AB, "DLR sending could not be guaranteed. Please check status of the message manually."),
    (0x4AC, "This product is not enabled for this Customer ID."),
    (0x4AD, "Not allowed host."),
    (0x4AE, "SMS exceeded transaction hard cap. Request denied."),
    (0x4AF, "Invalid country code."),
    (0x4B0, "Campaign error."),
    (0x4B1, "Carrier rejected - temporary problem."),
    (0x4B2, "Carrier rejected - permanent error."),
    (0x4B3, "Error on gateway - temporary error."),
    (0x4B4, "Error on gateway - permanent error."),
    (0x4B5, "Parameters problem."),
    (0x4B6, "Message blocked by subscriber action or request."),
    (0x4B7, "Subscriber low on credit."),
    (0x4B8, "Roaming error."),
    (0x4B9, "Mobile number portability error."),
    (0x4BA, "Suspected spam."),
    (0x4BC, "Message blocked due to high risk recommendation."),
    (
        0x4BD,
        "The message was delivered, but a final DLR never arrived. This error only exists for DLRs with a status of EXPIRED.",
    ),
    (0x4BF, "Message not sent due to the price exceeding your set maximum price."),
    (0x4C0, "Destination blocked by prefix."),
    (0x4C1, "Content sent is not allowed."),
    (
        0x4C2,
        "The Sender ID included in this request cannot be used to send messages to this destination phone number. The Sender ID may either be blocklisted for this country or needs to be added to a whitelist for this country.",
    ),
];

/// The explanation of a receipt `err` value for a profile with this preset.
///
/// Telesign writes `err` as hex ("its err field contains a hexadecimal value"), so for it an
/// all-digit value such as `401` is 0x401; elsewhere the codec's rule applies (decimal unless
/// it says 0x or has hex letters).
pub(crate) fn explain_receipt_err(preset: &str, err: &str) -> Option<String> {
    let telesign = preset.eq_ignore_ascii_case("telesign");
    let code = if telesign {
        let digits = err.trim();
        let digits = digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0X")).unwrap_or(digits);
        u32::from_str_radix(digits, 16).ok()
    } else {
        parse_err_code(err)
    }?;
    if telesign && let Some((_, meaning)) = TELESIGN.iter().find(|(c, _)| *c == code) {
        return Some(format!("Telesign 0x{code:03X}: {meaning}"));
    }
    if code == 0 {
        return Some("No error.".into());
    }
    let whose = if telesign { "Telesign does not list it" } else { "SMPP leaves receipt err values to the SMSC" };
    Some(format!("Error {code} (0x{code:03X}) from the SMSC or network; {whose}, so ask the provider what it means."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telesign_codes_are_named_and_read_as_hex() {
        let m = explain_receipt_err("telesign", "4A2").unwrap();
        assert!(m.contains("Gateway/network cannot route message"), "{m}");
        assert!(explain_receipt_err("Telesign", "0x4a2").unwrap().contains("cannot route"));
        assert!(explain_receipt_err("telesign", "401").unwrap().contains("Send error"));
        assert!(explain_receipt_err("telesign", "000").unwrap().contains("Successful Delivery"));
        assert!(explain_receipt_err("telesign", "4FF").unwrap().contains("does not list"));
        assert_eq!(TELESIGN.len(), 46);
    }

    #[test]
    fn other_presets_get_a_generic_reading() {
        assert_eq!(explain_receipt_err("generic", "000").as_deref(), Some("No error."));
        // Without the preset, 401 is decimal and not Telesign's "Send error".
        let m = explain_receipt_err("simulator", "401").unwrap();
        assert!(m.starts_with("Error 401 (0x191)") && m.contains("ask the provider"), "{m}");
        assert_eq!(explain_receipt_err("generic", "n/a"), None);
    }
}
