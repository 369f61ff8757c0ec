//! Per-bind pacing counted in segments: a token bucket for the rate limit and a meter for the
//! rate shown. Time is an argument, so both are tested without sleeping.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// `rate` segments per second, in bursts of at most `rate` (one second's worth). Integer
/// arithmetic (a token is 10^9 units, refilled `rate` units per nanosecond): no drift.
#[derive(Debug)]
pub struct TokenBucket {
    rate: u128,
    units: u128,
    last: Instant,
}

const TOKEN: u128 = 1_000_000_000;

impl TokenBucket {
    /// Starts full.
    pub fn new(rate: u32, now: Instant) -> Self {
        let rate = u128::from(rate.max(1));
        Self { rate, units: rate * TOKEN, last: now }
    }

    /// Takes one token, or says how long until one is free (then nothing is taken).
    pub fn take(&mut self, now: Instant) -> Result<(), Duration> {
        let elapsed = now.saturating_duration_since(self.last).as_nanos();
        self.last = self.last.max(now);
        self.units = (self.units + elapsed * self.rate).min(self.rate * TOKEN);
        if self.units >= TOKEN {
            self.units -= TOKEN;
            Ok(())
        } else {
            let nanos = (TOKEN - self.units).div_ceil(self.rate);
            Err(Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX)))
        }
    }
}

/// Segments submitted in the last second.
#[derive(Debug, Default)]
pub struct RateMeter {
    recent: VecDeque<Instant>,
}

impl RateMeter {
    const SPAN: Duration = Duration::from_secs(1);

    pub fn record(&mut self, now: Instant) {
        self.trim(now);
        self.recent.push_back(now);
    }

    pub fn per_second(&mut self, now: Instant) -> u32 {
        self.trim(now);
        u32::try_from(self.recent.len()).unwrap_or(u32::MAX)
    }

    fn trim(&mut self, now: Instant) {
        while self.recent.front().is_some_and(|t| now.saturating_duration_since(*t) >= Self::SPAN) {
            self.recent.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_allows_a_burst_then_the_rate() {
        let t0 = Instant::now();
        let mut b = TokenBucket::new(4, t0);
        for _ in 0..4 {
            assert_eq!(b.take(t0), Ok(()));
        }
        assert_eq!(b.take(t0), Err(Duration::from_millis(250)));
        assert_eq!(b.take(t0 + Duration::from_millis(100)), Err(Duration::from_millis(150)));
        assert_eq!(b.take(t0 + Duration::from_millis(250)), Ok(()));
        // Over ten seconds at most 4 per second go out, whatever the asking rate.
        let mut sent = 0;
        let mut now = t0 + Duration::from_millis(250);
        let end = now + Duration::from_secs(10);
        while now < end {
            match b.take(now) {
                Ok(()) => sent += 1,
                Err(wait) => now += wait,
            }
        }
        assert!((39..=41).contains(&sent), "{sent}");
    }

    #[test]
    fn an_idle_bucket_refills_only_to_one_second_of_tokens() {
        let t0 = Instant::now();
        let mut b = TokenBucket::new(2, t0);
        let later = t0 + Duration::from_secs(60);
        assert!(b.take(later).is_ok() && b.take(later).is_ok());
        assert!(b.take(later).is_err());
    }

    #[test]
    fn the_meter_counts_the_last_second() {
        let t0 = Instant::now();
        let mut m = RateMeter::default();
        for i in 0..10 {
            m.record(t0 + Duration::from_millis(i * 100));
        }
        assert_eq!(m.per_second(t0 + Duration::from_millis(950)), 10);
        assert_eq!(m.per_second(t0 + Duration::from_millis(1450)), 5);
        assert_eq!(m.per_second(t0 + Duration::from_secs(5)), 0);
    }
}
