//! Session settings: what to bind as and the timers.

use std::time::Duration;

use smpp_codec::pdu::{Bind, BindKind, INTERFACE_VERSION_34};

#[derive(Debug, Clone)]
pub struct SessionConfig {
    pub bind: Bind,
    /// Maximum outstanding requests (submit_sm and friends) awaiting a response.
    pub window: usize,
    /// How long a request may wait for its response before it fails as timed out.
    pub response_timeout: Duration,
    /// Send enquire_link after this long without traffic.
    pub enquire_link_interval: Duration,
    /// How long the bind may take (the spec's session init timer).
    pub bind_timeout: Duration,
    /// Largest command_length accepted from the peer.
    pub max_pdu_len: u32,
    /// Report every PDU in and out as an event (for a PDU log). Off, the session skips the
    /// copies: a benchmark that logs nothing should not pay for them.
    pub frame_events: bool,
}

impl SessionConfig {
    pub fn new(kind: BindKind, system_id: &str, password: &str) -> Self {
        Self {
            bind: Bind {
                kind,
                system_id: system_id.into(),
                password: password.into(),
                system_type: String::new(),
                interface_version: INTERFACE_VERSION_34,
                addr_ton: 0,
                addr_npi: 0,
                address_range: String::new(),
            },
            window: 10,
            response_timeout: Duration::from_secs(30),
            enquire_link_interval: Duration::from_secs(30),
            bind_timeout: Duration::from_secs(10),
            max_pdu_len: smpp_codec::frame::DEFAULT_MAX_PDU_LEN,
            frame_events: true,
        }
    }
}
