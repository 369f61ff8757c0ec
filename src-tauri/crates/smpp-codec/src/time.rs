//! SMPP time formats (SMPP 3.4 §7.1.1 "Time Format"; the same in SMPP 5.0).
//!
//! Time fields (schedule_delivery_time, validity_period, final_date, broadcast_end_time) are
//! C-Octet Strings of 16 characters plus the NUL, or empty (NULL) for "MC default":
//!
//! - absolute: `YYMMDDhhmmsstnnp`: year 20YY, month, day, hours, minutes, seconds, tenths of a
//!   second, `nn` the offset from UTC in quarter hours (00-48) and `p` its direction: `+` local
//!   time is ahead of UTC, `-` behind.
//! - relative: `YYMMDDhhmmss000R`: years, months, days, hours, minutes and seconds from now.
//!
//! The codec has no clock, so relative times stay relative; absolute ones convert to and from
//! Unix seconds without a date library.

use std::fmt;

/// Length of an SMPP time without its NUL.
pub const TIME_LEN: usize = 16;

/// A parsed, valid SMPP time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SmppTime {
    Absolute(AbsoluteTime),
    Relative(RelativeTime),
}

/// `YYMMDDhhmmsstnnp`. Every field is within its range (see [`AbsoluteTime::new`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AbsoluteTime {
    /// Two-digit year; SMPP has no century, this codec reads it as 20YY.
    pub year: u8,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Tenths of a second, 0-9.
    pub tenths: u8,
    /// Local time's offset from UTC in quarter hours, -48..=48 (`+` ahead of UTC).
    pub utc_offset_quarters: i8,
}

/// `YYMMDDhhmmss000R`: a period from "now" as the SMSC sees it. Each field is 00-99.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RelativeTime {
    pub years: u8,
    pub months: u8,
    pub days: u8,
    pub hours: u8,
    pub minutes: u8,
    pub seconds: u8,
}

/// Why a string is not an SMPP time. Positions are 0-based character indexes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("an SMPP time has 16 characters (YYMMDDhhmmsstnnp or YYMMDDhhmmss000R), this one has {0}")]
    Length(usize),
    #[error("character {} is {found:?}; expected {expected}", position + 1)]
    Unexpected { position: usize, found: char, expected: &'static str },
    #[error("characters {}-{} ({value:?}) are the {field}, which must be {range}", position + 1, position + 2)]
    OutOfRange { position: usize, value: String, field: &'static str, range: &'static str },
}

impl TimeError {
    /// Index of the first offending character (0 for a wrong length).
    pub fn position(&self) -> usize {
        match self {
            TimeError::Length(_) => 0,
            TimeError::Unexpected { position, .. } | TimeError::OutOfRange { position, .. } => *position,
        }
    }
}

const REL_FIELDS: [&str; 6] = ["years", "months", "days", "hours", "minutes", "seconds"];

fn digit(b: &[u8], i: usize, expected: &'static str) -> Result<u8, TimeError> {
    match b.get(i) {
        Some(c @ b'0'..=b'9') => Ok(c - b'0'),
        Some(&c) => Err(TimeError::Unexpected { position: i, found: char::from(c), expected }),
        None => Err(TimeError::Length(b.len())),
    }
}

fn two_digits(b: &[u8], i: usize) -> Result<u8, TimeError> {
    Ok(digit(b, i, "a digit")? * 10 + digit(b, i + 1, "a digit")?)
}

fn range_err(b: &[u8], position: usize, field: &'static str, range: &'static str) -> TimeError {
    let value = String::from_utf8_lossy(b.get(position..position + 2).unwrap_or_default()).into_owned();
    TimeError::OutOfRange { position, value, field, range }
}

fn is_leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in `month` (1-12) of the Gregorian `year`.
pub fn days_in_month(year: u32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl SmppTime {
    /// Parses a 16-character SMPP time. An empty string is not a time: see [`parse_optional`].
    pub fn parse(s: &str) -> Result<Self, TimeError> {
        let b = s.as_bytes();
        if let Some((i, c)) = s.char_indices().find(|(_, c)| !c.is_ascii()) {
            return Err(TimeError::Unexpected { position: i, found: c, expected: "an ASCII digit" });
        }
        if b.len() != TIME_LEN {
            return Err(TimeError::Length(b.len()));
        }
        let mut f = [0u8; 6];
        for (k, v) in f.iter_mut().enumerate() {
            *v = two_digits(b, k * 2)?;
        }
        match b[15] {
            b'R' => {
                for (i, expected) in [(12, "'0' (relative times end in 000R)"), (13, "'0'"), (14, "'0'")] {
                    if b[i] != b'0' {
                        return Err(TimeError::Unexpected { position: i, found: char::from(b[i]), expected });
                    }
                }
                Ok(SmppTime::Relative(RelativeTime {
                    years: f[0],
                    months: f[1],
                    days: f[2],
                    hours: f[3],
                    minutes: f[4],
                    seconds: f[5],
                }))
            }
            b'+' | b'-' => {
                let tenths = digit(b, 12, "a digit for tenths of a second")?;
                let nn = two_digits(b, 13)?;
                if f[1] == 0 || f[1] > 12 {
                    return Err(range_err(b, 2, "month", "01-12"));
                }
                if f[2] == 0 || f[2] > days_in_month(2000 + u32::from(f[0]), f[1]) {
                    return Err(range_err(b, 4, "day", "a day of that month"));
                }
                if f[3] > 23 {
                    return Err(range_err(b, 6, "hour", "00-23"));
                }
                if f[4] > 59 {
                    return Err(range_err(b, 8, "minute", "00-59"));
                }
                if f[5] > 59 {
                    return Err(range_err(b, 10, "second", "00-59"));
                }
                if nn > 48 {
                    return Err(range_err(b, 13, "UTC offset in quarter hours", "00-48"));
                }
                let sign: i8 = if b[15] == b'-' { -1 } else { 1 };
                Ok(SmppTime::Absolute(AbsoluteTime {
                    year: f[0],
                    month: f[1],
                    day: f[2],
                    hour: f[3],
                    minute: f[4],
                    second: f[5],
                    tenths,
                    utc_offset_quarters: sign * nn as i8,
                }))
            }
            c => Err(TimeError::Unexpected {
                position: 15,
                found: char::from(c),
                expected: "'+' or '-' (absolute time) or 'R' (relative time)",
            }),
        }
    }
}

/// Parses a time field: empty means "not set" (the SMSC's default).
pub fn parse_optional(s: &str) -> Result<Option<SmppTime>, TimeError> {
    if s.is_empty() { Ok(None) } else { SmppTime::parse(s).map(Some) }
}

impl std::str::FromStr for SmppTime {
    type Err = TimeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SmppTime::parse(s)
    }
}

impl fmt::Display for SmppTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmppTime::Absolute(a) => a.fmt(f),
            SmppTime::Relative(r) => r.fmt(f),
        }
    }
}

impl fmt::Display for AbsoluteTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}{:02}{:02}{:02}{:02}{:02}{}{:02}{}",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.tenths,
            self.utc_offset_quarters.unsigned_abs(),
            if self.utc_offset_quarters < 0 { '-' } else { '+' }
        )
    }
}

impl fmt::Display for RelativeTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}{:02}{:02}{:02}{:02}{:02}000R",
            self.years, self.months, self.days, self.hours, self.minutes, self.seconds
        )
    }
}

/// Days since 1970-01-01 of a Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The Gregorian date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

impl AbsoluteTime {
    /// A validated absolute time (same rules as parsing).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        year: u8,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        tenths: u8,
        utc_offset_quarters: i8,
    ) -> Result<Self, TimeError> {
        let t = AbsoluteTime { year, month, day, hour, minute, second, tenths, utc_offset_quarters };
        if year > 99 || tenths > 9 || !(-48..=48).contains(&utc_offset_quarters) {
            return Err(TimeError::OutOfRange {
                position: 0,
                value: format!("{year}/{tenths}/{utc_offset_quarters}"),
                field: "year, tenths or UTC offset",
                range: "00-99, 0-9 and -48..=48",
            });
        }
        match SmppTime::parse(&t.to_string())? {
            SmppTime::Absolute(a) => Ok(a),
            SmppTime::Relative(_) => Err(TimeError::Length(0)),
        }
    }

    /// Seconds since the Unix epoch (UTC) of this time, reading the year as 20YY; tenths dropped.
    pub fn to_unix_seconds(&self) -> i64 {
        let days = days_from_civil(2000 + i64::from(self.year), self.month, self.day);
        days * 86_400 + i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second)
            - i64::from(self.utc_offset_quarters) * 900
    }

    /// The time `unix_seconds` (UTC) expressed in local time at `utc_offset_quarters`, or None if
    /// it falls outside 2000-2099 or the offset is beyond ±48 quarter hours.
    pub fn from_unix_seconds(unix_seconds: i64, utc_offset_quarters: i8) -> Option<Self> {
        if !(-48..=48).contains(&utc_offset_quarters) {
            return None;
        }
        let local = unix_seconds.checked_add(i64::from(utc_offset_quarters) * 900)?;
        let (y, month, day) = civil_from_days(local.div_euclid(86_400));
        let secs = local.rem_euclid(86_400);
        if !(2000..=2099).contains(&y) {
            return None;
        }
        Some(AbsoluteTime {
            year: (y - 2000) as u8,
            month,
            day,
            hour: (secs / 3600) as u8,
            minute: (secs / 60 % 60) as u8,
            second: (secs % 60) as u8,
            tenths: 0,
            utc_offset_quarters,
        })
    }
}

impl RelativeTime {
    /// A relative time of `secs` seconds expressed in days, hours, minutes and seconds (the
    /// SMSC adds it to its own clock), or None beyond 99 days 23:59:59.
    pub fn from_secs(secs: u64) -> Option<Self> {
        let days = secs / 86_400;
        if days > 99 {
            return None;
        }
        Some(RelativeTime {
            years: 0,
            months: 0,
            days: days as u8,
            hours: (secs / 3600 % 24) as u8,
            minutes: (secs / 60 % 60) as u8,
            seconds: (secs % 60) as u8,
        })
    }

    /// The period in seconds when it has no years or months (whose length depends on the
    /// calendar the SMSC applies), else None.
    pub fn as_secs(&self) -> Option<u64> {
        (self.years == 0 && self.months == 0).then(|| {
            u64::from(self.days) * 86_400
                + u64::from(self.hours) * 3600
                + u64::from(self.minutes) * 60
                + u64::from(self.seconds)
        })
    }

    /// Human form, e.g. "1 day 2 h 0 min 5 s".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (v, name) in
            [self.years, self.months, self.days, self.hours, self.minutes, self.seconds].into_iter().zip(REL_FIELDS)
        {
            if v != 0 {
                parts.push(format!("{v} {name}"));
            }
        }
        if parts.is_empty() { "immediately (zero period)".into() } else { parts.join(" ") }
    }
}

impl SmppTime {
    /// Human form for a dissector: "2024-03-05 14:30:00.0 UTC+01:00" or "in 2 days 3 hours".
    pub fn describe(&self) -> String {
        match self {
            SmppTime::Absolute(a) => {
                let q = a.utc_offset_quarters.unsigned_abs();
                format!(
                    "20{:02}-{:02}-{:02} {:02}:{:02}:{:02}.{} UTC{}{:02}:{:02}",
                    a.year,
                    a.month,
                    a.day,
                    a.hour,
                    a.minute,
                    a.second,
                    a.tenths,
                    if a.utc_offset_quarters < 0 { '-' } else { '+' },
                    q / 4,
                    (q % 4) * 15
                )
            }
            SmppTime::Relative(r) => format!("relative: {} from now", r.describe()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_round_trip() {
        let t = SmppTime::parse("240305143000104+").unwrap();
        let SmppTime::Absolute(a) = t else { panic!() };
        assert_eq!((a.year, a.month, a.day, a.hour, a.minute, a.second, a.tenths), (24, 3, 5, 14, 30, 0, 1));
        assert_eq!(a.utc_offset_quarters, 4);
        assert_eq!(t.to_string(), "240305143000104+");
        assert_eq!(t.describe(), "2024-03-05 14:30:00.1 UTC+01:00");
        let t = SmppTime::parse("991231235959948-").unwrap();
        assert_eq!(t.to_string(), "991231235959948-");
    }

    #[test]
    fn relative_round_trip() {
        let t = SmppTime::parse("000002030000000R").unwrap();
        assert_eq!(
            t,
            SmppTime::Relative(RelativeTime { years: 0, months: 0, days: 2, hours: 3, minutes: 0, seconds: 0 })
        );
        assert_eq!(t.to_string(), "000002030000000R");
        let SmppTime::Relative(r) = t else { panic!() };
        assert_eq!(r.as_secs(), Some(2 * 86_400 + 3 * 3600));
        assert_eq!(RelativeTime::from_secs(2 * 86_400 + 3 * 3600), Some(r));
        assert_eq!(RelativeTime::from_secs(100 * 86_400), None);
    }

    #[test]
    fn errors_name_the_character_and_what_was_expected() {
        assert_eq!(SmppTime::parse("2403051430001"), Err(TimeError::Length(13)));
        let e = SmppTime::parse("24x305143000104+").unwrap_err();
        assert_eq!(e, TimeError::Unexpected { position: 2, found: 'x', expected: "a digit" });
        assert_eq!(e.to_string(), "character 3 is 'x'; expected a digit");
        let e = SmppTime::parse("241305143000104+").unwrap_err();
        assert!(matches!(e, TimeError::OutOfRange { position: 2, field: "month", .. }), "{e}");
        assert!(e.to_string().contains("month"));
        // 2023 is not a leap year, 2024 is.
        assert!(SmppTime::parse("230229000000000+").is_err());
        assert!(SmppTime::parse("240229000000000+").is_ok());
        assert!(matches!(SmppTime::parse("240305246000000+"), Err(TimeError::OutOfRange { field: "hour", .. })));
        assert!(matches!(
            SmppTime::parse("240305143000049+"),
            Err(TimeError::OutOfRange { field: "UTC offset in quarter hours", .. })
        ));
        let e = SmppTime::parse("240305143000104X").unwrap_err();
        assert_eq!(e.position(), 15);
        assert!(e.to_string().contains("'R'"));
        assert!(matches!(SmppTime::parse("000002030000100R"), Err(TimeError::Unexpected { position: 12, .. })));
        assert!(matches!(SmppTime::parse("2403051430001é+"), Err(TimeError::Unexpected { position: 13, .. })));
        assert_eq!(parse_optional(""), Ok(None));
    }

    #[test]
    fn unix_conversion() {
        // 2024-03-05 14:30:00 at UTC+01:00 is 13:30:00 UTC.
        let SmppTime::Absolute(a) = SmppTime::parse("240305143000004+").unwrap() else { panic!() };
        assert_eq!(a.to_unix_seconds(), 1_709_645_400);
        assert_eq!(AbsoluteTime::from_unix_seconds(1_709_645_400, 4), Some(a));
        assert_eq!(AbsoluteTime::from_unix_seconds(0, 0), None);
        let b = AbsoluteTime::from_unix_seconds(1_709_645_400, -20).unwrap();
        assert_eq!(b.to_string(), "240305083000020-");
        assert_eq!(b.to_unix_seconds(), 1_709_645_400);
        assert!(AbsoluteTime::new(24, 2, 30, 0, 0, 0, 0, 0).is_err());
        assert!(AbsoluteTime::new(24, 2, 29, 0, 0, 0, 0, 0).is_ok());
    }
}
