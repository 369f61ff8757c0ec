//! How a profile's bind behaves under load and trouble: window, rate, timers, throttle
//! retries, what happens to unanswered parts when the connection drops, reconnect backoff.
//! Stored as columns of `profiles` (migration `bind_settings`).

use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromRow, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct BindSettings {
    /// Most submit_sm awaiting submit_sm_resp at once.
    pub window_size: u32,
    /// Segments (submit_sm PDUs, retries included) per second; None: no limit.
    pub rate_limit: Option<u32>,
    /// How long a submit_sm may wait for its response before its outcome is unknown.
    pub response_timeout_ms: u32,
    /// enquire_link after this long without traffic.
    pub enquire_link_ms: u32,
    /// After ESME_RTHROTTLED or ESME_RMSGQFUL: wait this long, then submit the part again.
    pub throttle_retry_delay_ms: u32,
    /// Retries after throttling before the part fails with the SMSC's status.
    pub throttle_retry_limit: u32,
    /// A part written but unanswered when the connection dropped: submit it again after the
    /// reconnect, marked as a possible duplicate (the SMSC may have it), instead of recording
    /// an unknown outcome.
    pub resubmit_unanswered: bool,
    /// How long a part in flight waits for a lost bind to come back.
    pub reconnect_wait_ms: u32,
    /// Reconnect backoff: the first wait, doubled per failure up to the maximum (jittered).
    pub backoff_initial_ms: u32,
    pub backoff_max_ms: u32,
}

impl Default for BindSettings {
    fn default() -> Self {
        Self {
            window_size: 10,
            rate_limit: None,
            response_timeout_ms: 30_000,
            enquire_link_ms: 30_000,
            throttle_retry_delay_ms: 1_000,
            throttle_retry_limit: 5,
            resubmit_unanswered: false,
            reconnect_wait_ms: 30_000,
            backoff_initial_ms: 1_000,
            backoff_max_ms: 30_000,
        }
    }
}

impl BindSettings {
    pub fn response_timeout(&self) -> Duration {
        Duration::from_millis(self.response_timeout_ms.into())
    }

    pub fn enquire_link_interval(&self) -> Duration {
        Duration::from_millis(self.enquire_link_ms.into())
    }

    pub fn throttle_retry_delay(&self) -> Duration {
        Duration::from_millis(self.throttle_retry_delay_ms.into())
    }

    pub fn reconnect_wait(&self) -> Duration {
        Duration::from_millis(self.reconnect_wait_ms.into())
    }

    /// The wait before reconnect attempt `failures` (1 after the first failure), doubling from
    /// the initial backoff up to the maximum, then jittered into its upper half by `jitter`
    /// (0.0..1.0, random in use) so many consoles dropped together do not return together.
    pub fn backoff(&self, failures: u32, jitter: f64) -> Duration {
        let initial = u64::from(self.backoff_initial_ms.max(1));
        let max = u64::from(self.backoff_max_ms).max(initial);
        let doublings = failures.saturating_sub(1).min(32);
        let base = initial.saturating_mul(1u64 << doublings).min(max);
        let jitter = jitter.clamp(0.0, 1.0);
        let ms = base / 2 + ((base - base / 2) as f64 * jitter) as u64;
        Duration::from_millis(ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_the_maximum_and_stays_in_its_upper_half() {
        let s = BindSettings::default();
        let ms = |failures, jitter| s.backoff(failures, jitter).as_millis();
        assert_eq!([ms(1, 1.0), ms(2, 1.0), ms(3, 1.0), ms(6, 1.0), ms(50, 1.0)], [1000, 2000, 4000, 30_000, 30_000]);
        assert_eq!([ms(1, 0.0), ms(2, 0.0), ms(6, 0.0)], [500, 1000, 15_000]);
        assert_eq!(ms(3, 0.5), 3000);
        assert_eq!(ms(0, 1.0), 1000, "a wait before any failure is the initial one");
    }
}
