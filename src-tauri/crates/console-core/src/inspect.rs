//! The PDU Inspector: any pasted hex, explained field by field.

use smpp_codec::dissect::{DissectOptions, Dissection, dissect, parse_hex};

use crate::error::CoreError;
use crate::model::InspectRequest;

/// Dissects pasted hex. Bad hex is a validation error that says which character is wrong;
/// malformed PDUs are not errors: the dissection shows what could be read and why not more.
pub fn inspect_pdus(req: &InspectRequest) -> Result<Dissection, CoreError> {
    if req.hex.trim().is_empty() {
        return Err(CoreError::validation("hex", "Paste the PDU as hex, e.g. 00000010 00000015 00000000 00000001."));
    }
    let bytes =
        parse_hex(&req.hex).map_err(|e| CoreError::validation("hex", format!("{e}. Paste hex digits only.")))?;
    Ok(dissect(&bytes, &DissectOptions { mask_passwords: !req.show_passwords }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_and_masks() {
        let req = InspectRequest {
            hex: "0x00000021 00000009 00000000 00000001 7465737400 73656372657400 00 34 00 00 00".into(),
            show_passwords: false,
        };
        let d = inspect_pdus(&req).unwrap();
        assert_eq!(d.pdus[0].command_name, "bind_transceiver");
        let pw = d.pdus[0].field("password").unwrap();
        assert!(!pw.value.contains("secret") && !pw.raw_hex.contains("736563726574"));
        let bad = inspect_pdus(&InspectRequest { hex: "00 zz".into(), show_passwords: false }).unwrap_err();
        assert_eq!(bad.code(), "validation");
    }
}
