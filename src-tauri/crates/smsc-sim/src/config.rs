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
    /// How the simulator misbehaves at start; change it while running with
    /// [`crate::Simulator::set_faults`].
    pub faults: Faults,
}

impl SimConfig {
    pub fn new(system_id: &str, password: &str) -> Self {
        Self {
            system_id: system_id.into(),
            password: password.into(),
            smsc_system_id: "SMSCSIM".into(),
            dlr_delay: Duration::from_millis(500),
            faults: Faults::default(),
        }
    }
}

/// Fault switches: a hostile SMSC on demand. The default is a well-behaved one.
///
/// `throttle_every` counts submit_sm across all connections (an SMSC throttles an account);
/// `drop_after` counts per connection, so each new connection dies the same way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Faults {
    /// Every response (bind_resp, submit_sm_resp, enquire_link_resp, ...) is sent this much
    /// later, in order.
    pub response_delay: Duration,
    /// Answer every Nth submit_sm (counted over all connections) with ESME_RTHROTTLED (0x58)
    /// instead of taking it.
    pub throttle_every: Option<u32>,
    /// On receiving the Nth submit_sm, close the connection at once: that submit and every
    /// response still waiting (see `response_delay`) are never sent.
    pub drop_after: Option<u32>,
    /// Refuse every bind with this command_status (e.g. ESME_RBINDFAIL 0x0D).
    pub refuse_binds: Option<u32>,
    /// Answer nothing and send nothing (no responses, no receipts), keeping the socket open.
    pub silent: bool,
}
