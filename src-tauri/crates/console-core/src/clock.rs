//! Wall-clock time for the log. Kept in one place so stored times have one format.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::CoreError;

/// Milliseconds since the Unix epoch, UTC.
pub fn now_ms() -> i64 {
    (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

/// RFC 3339 UTC with exactly three fraction digits (so columns of times line up), as the UI,
/// `--json` and ticket summaries show times.
pub fn rfc3339(ms: i64) -> String {
    let t = OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

/// A filter's time bound (`since`, `until`) as milliseconds; blank is no bound. The error names
/// `field` and shows the form expected.
pub(crate) fn parse_filter_time(field: &'static str, s: Option<&str>) -> Result<Option<i64>, CoreError> {
    let Some(s) = s.map(str::trim).filter(|s| !s.is_empty()) else { return Ok(None) };
    let t = OffsetDateTime::parse(s, &Rfc3339).map_err(|_| {
        CoreError::validation(field, format!("{s:?} is not an RFC 3339 time such as 2026-12-03T08:00:00Z."))
    })?;
    Ok(Some(i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_milliseconds() {
        assert_eq!(super::rfc3339(1_700_000_000_123), "2023-11-14T22:13:20.123Z");
        assert_eq!(super::rfc3339(1_700_000_000_600), "2023-11-14T22:13:20.600Z");
        assert_eq!(super::rfc3339(1_700_000_000_000), "2023-11-14T22:13:20.000Z");
    }
}
