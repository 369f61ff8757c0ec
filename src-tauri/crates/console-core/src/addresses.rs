//! Validating addresses and choosing their TON/NPI the way SMSCs expect.

use crate::error::CoreError;

/// An address with its type of number and numbering plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub addr: String,
    pub ton: u8,
    pub npi: u8,
}

/// A destination: an international number (leading '+' optional), digits only.
pub fn destination(to: &str) -> Result<Address, CoreError> {
    let to = to.trim();
    if to.is_empty() {
        return Err(CoreError::validation("to", "Enter a destination number, e.g. +447700900123."));
    }
    let digits = to.strip_prefix('+').unwrap_or(to);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CoreError::validation(
            "to",
            format!("Destination {to:?} is not a phone number: use digits only, optionally starting with +."),
        ));
    }
    if digits.len() > 20 {
        return Err(CoreError::validation("to", format!("Destination {to:?} is longer than SMPP's 20 digits.")));
    }
    // International format (TON 1, NPI 1 E.164) is what providers such as Telesign require.
    Ok(Address { addr: digits.to_string(), ton: 1, npi: 1 })
}

/// A source: alphanumeric sender ID (TON 5), short code (TON 3) or international number.
pub fn source(from: &str) -> Result<Address, CoreError> {
    let from = from.trim();
    if from.is_empty() {
        return Err(CoreError::validation("from", "Enter a sender: a number or an alphanumeric sender ID."));
    }
    let digits = from.strip_prefix('+').unwrap_or(from);
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        if digits.len() > 20 {
            return Err(CoreError::validation("from", format!("Sender {from:?} is longer than SMPP's 20 digits.")));
        }
        let ton = if from.starts_with('+') || digits.len() > 8 { 1 } else { 3 };
        let npi = if ton == 1 { 1 } else { 0 };
        return Ok(Address { addr: digits.to_string(), ton, npi });
    }
    if from.chars().count() > 11 || !from.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
        return Err(CoreError::validation(
            "from",
            format!("Alphanumeric sender {from:?} must be at most 11 letters, digits or spaces (GSM rule)."),
        ));
    }
    Ok(Address { addr: from.to_string(), ton: 5, npi: 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations() {
        assert_eq!(destination("+447700900123").unwrap(), Address { addr: "447700900123".into(), ton: 1, npi: 1 });
        assert!(destination("").unwrap_err().to_string().contains("Enter a destination"));
        assert!(destination("12ab").unwrap_err().to_string().contains("not a phone number"));
        assert!(destination(&"1".repeat(21)).is_err());
    }

    #[test]
    fn sources() {
        assert_eq!(source("Acme").unwrap().ton, 5);
        assert_eq!(source("12345").unwrap().ton, 3);
        assert_eq!(source("+15551234567").unwrap(), Address { addr: "15551234567".into(), ton: 1, npi: 1 });
        assert!(source("ThisIsTooLongASender").is_err());
        assert!(source("").is_err());
    }
}
