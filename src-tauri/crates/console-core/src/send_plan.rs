//! What a send puts on the wire, from the request and the profile's defaults: sender (the
//! profile's when the request gives none), TON/NPI, alphabet (the profile's default encoding,
//! or chosen from the text) and concatenation (8- or 16-bit UDH, SAR TLVs, or one
//! message_payload).

use smpp_codec::coding::{self, Alphabet, Concat};
use smpp_codec::tlv::{Tlv, tag};

use crate::addresses::{self, Address};
use crate::db::profiles::Profile;
use crate::error::CoreError;
use crate::model::SendRequest;

/// One submit_sm's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlannedPart {
    pub short_message: Vec<u8>,
    /// A UDH leads `short_message` (esm_class UDHI).
    pub udhi: bool,
    pub tlvs: Vec<Tlv>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SendPlan {
    pub source: Address,
    pub dest: Address,
    pub alphabet: Alphabet,
    pub parts: Vec<PlannedPart>,
}

/// Plans a send through `profile`; `reference` ties the parts of one message together.
pub(crate) fn plan(profile: &Profile, req: &SendRequest, reference: u16) -> Result<SendPlan, CoreError> {
    let from = if req.from.trim().is_empty() { profile.source_addr.as_str() } else { req.from.as_str() };
    let mut source = addresses::source(from)?;
    if let (Some(ton), Some(npi)) = (profile.source_ton, profile.source_npi) {
        source.ton = u8::try_from(ton).unwrap_or(source.ton);
        source.npi = u8::try_from(npi).unwrap_or(source.npi);
    }
    let mut dest = addresses::destination(&req.to)?;
    dest.ton = u8::try_from(profile.dest_ton).unwrap_or(dest.ton);
    dest.npi = u8::try_from(profile.dest_npi).unwrap_or(dest.npi);
    if req.text.is_empty() {
        return Err(CoreError::validation("text", "Enter the message text."));
    }
    let alphabet = match profile.default_encoding.as_str() {
        "gsm7" => Alphabet::Gsm7,
        "ucs2" => Alphabet::Ucs2,
        "latin1" => Alphabet::Latin1,
        "ia5" => Alphabet::Ia5,
        _ => coding::choose(&req.text).alphabet,
    };
    let coding_error = |e: coding::CodingError| {
        let why = if profile.default_encoding == "auto" {
            String::new()
        } else {
            format!(
                " (the profile {} sends {} by default: change it to auto to choose per message)",
                profile.name,
                alphabet.label()
            )
        };
        CoreError::validation("text", format!("{e}{why}"))
    };
    let parts = match profile.concat_method.as_str() {
        "sar" => {
            let chunks = coding::split_sar(&req.text, alphabet).map_err(coding_error)?;
            let total = u8::try_from(chunks.len()).unwrap_or(u8::MAX);
            let single = chunks.len() == 1;
            (1..=total)
                .zip(chunks)
                .map(|(seq, short_message)| PlannedPart {
                    short_message,
                    udhi: false,
                    tlvs: if single {
                        Vec::new()
                    } else {
                        vec![
                            Tlv::u16(tag::SAR_MSG_REF_NUM, reference),
                            Tlv::u8(tag::SAR_TOTAL_SEGMENTS, total),
                            Tlv::u8(tag::SAR_SEGMENT_SEQNUM, seq),
                        ]
                    },
                })
                .collect()
        }
        "payload" => {
            let fits = coding::segment_info(&req.text, alphabet, 0).map_err(coding_error)?.parts == 1;
            let encoded = coding::encode(&req.text, alphabet).map_err(coding_error)?;
            if fits {
                vec![PlannedPart { short_message: encoded, udhi: false, tlvs: Vec::new() }]
            } else {
                vec![PlannedPart {
                    short_message: Vec::new(),
                    udhi: false,
                    tlvs: vec![Tlv::new(tag::MESSAGE_PAYLOAD, encoded)],
                }]
            }
        }
        method => {
            let concat = if method == "udh16" { Concat::Udh16 } else { Concat::Udh8 };
            let reference = if concat == Concat::Udh8 { reference & 0xFF } else { reference };
            coding::split(&req.text, alphabet, concat, reference)
                .map_err(coding_error)?
                .into_iter()
                .map(|p| PlannedPart { udhi: p.has_udh(), short_message: p.short_message(), tlvs: Vec::new() })
                .collect()
        }
    };
    Ok(SendPlan { source, dest, alphabet, parts })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bind_settings::BindSettings;

    fn profile(encoding: &str, concat: &str) -> Profile {
        Profile {
            id: 1,
            name: "P".into(),
            preset: "generic".into(),
            host: "h".into(),
            port: 1,
            system_id: "s".into(),
            system_type: String::new(),
            bind_type: "TRX".into(),
            builtin_simulator: false,
            settings: BindSettings::default(),
            tls: false,
            ca_file: None,
            client_cert_file: None,
            client_key_file: None,
            server_name: None,
            bind_count: 1,
            tx_rx_pair: false,
            interface_version: 0x34,
            address_range: String::new(),
            source_addr: "Acme".into(),
            source_ton: None,
            source_npi: None,
            dest_ton: 1,
            dest_npi: 1,
            default_encoding: encoding.into(),
            concat_method: concat.into(),
            request_receipt: true,
            password_set_at: None,
            previous_password_until: None,
            created_at: 0,
            updated_at: 0,
        }
    }

    fn req(from: &str, text: &str) -> SendRequest {
        SendRequest { from: from.into(), to: "+447700900123".into(), text: text.into(), request_dlr: false }
    }

    #[test]
    fn the_profile_fills_the_sender_and_its_ton_npi() {
        let mut p = profile("auto", "udh8");
        let alpha = plan(&p, &req("", "hi"), 7).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((alpha.source.addr.as_str(), alpha.source.ton, alpha.source.npi), ("Acme", 5, 0));
        p.source_ton = Some(1);
        p.source_npi = Some(1);
        p.dest_ton = 0;
        p.dest_npi = 1;
        let number = plan(&p, &req("+15550001", "hi"), 7).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((number.source.addr.as_str(), number.source.ton, number.source.npi), ("15550001", 1, 1));
        assert_eq!((number.dest.ton, number.dest.npi), (0, 1));
    }

    #[test]
    fn concatenation_follows_the_profile() {
        let long = "x".repeat(200);
        let udh8 = plan(&profile("auto", "udh8"), &req("A", &long), 0x1234).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(udh8.parts.len(), 2);
        assert!(udh8.parts[0].udhi && udh8.parts[0].short_message[..6] == [5, 0, 3, 0x34, 2, 1]);
        let udh16 = plan(&profile("auto", "udh16"), &req("A", &long), 0x1234).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(udh16.parts[1].short_message[..7], [6, 8, 4, 0x12, 0x34, 2, 2]);
        let sar = plan(&profile("auto", "sar"), &req("A", &long), 0x1234).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sar.parts.len(), 2);
        assert!(!sar.parts[0].udhi && sar.parts[0].short_message.len() == 160);
        assert_eq!(
            sar.parts[1].tlvs,
            [
                Tlv::u16(tag::SAR_MSG_REF_NUM, 0x1234),
                Tlv::u8(tag::SAR_TOTAL_SEGMENTS, 2),
                Tlv::u8(tag::SAR_SEGMENT_SEQNUM, 2)
            ]
        );
        let payload = plan(&profile("auto", "payload"), &req("A", &long), 1).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(payload.parts.len(), 1);
        assert!(payload.parts[0].short_message.is_empty());
        assert_eq!(payload.parts[0].tlvs[0].value.len(), 200);
        let short = plan(&profile("auto", "payload"), &req("A", "hi"), 1).unwrap_or_else(|e| panic!("{e}"));
        assert!(short.parts[0].tlvs.is_empty() && short.parts[0].short_message == b"hi");
    }

    #[test]
    fn a_default_encoding_that_cannot_carry_the_text_says_so() {
        let plan_latin = plan(&profile("latin1", "udh8"), &req("A", "café"), 1).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((plan_latin.alphabet, plan_latin.parts[0].short_message.len()), (Alphabet::Latin1, 4));
        let e =
            plan(&profile("latin1", "udh8"), &req("A", "Привет"), 1).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("cannot be encoded") && e.contains("change it to auto"), "{e}");
        let auto = plan(&profile("auto", "udh8"), &req("A", "Привет"), 1).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(auto.alphabet, Alphabet::Ucs2);
    }
}
