use std::time::Duration;

/// How the simulator behaves.
///
/// Scenario numbers make failures reproducible without a real network:
/// - a destination starting with `0000` is refused: submit_sm_resp ESME_RINVDSTADR;
/// - a destination ending in `0666` is accepted but its receipt says UNDELIV (err 001);
/// - any other digits (optionally with a leading `+`) are delivered: receipt DELIVRD.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// The system_id binds must present.
    pub system_id: String,
    /// The password binds must present (wrong: ESME_RINVPASWD).
    pub password: String,
    /// Our own system_id in bind responses.
    pub smsc_system_id: String,
    /// Delay between submit_sm_resp and the delivery receipt.
    pub dlr_delay: Duration,
}

impl SimConfig {
    pub fn new(system_id: &str, password: &str) -> Self {
        Self {
            system_id: system_id.into(),
            password: password.into(),
            smsc_system_id: "SMSCSIM".into(),
            dlr_delay: Duration::from_millis(500),
        }
    }
}
