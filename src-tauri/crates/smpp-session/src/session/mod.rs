//! The sans-IO session state machine.

use std::collections::{HashMap, VecDeque};
use std::time::Instant;

use smpp_codec::pdu::{Body, Pdu, ShortMessage, SmResp};
use smpp_codec::{CommandId, EncodeError, next_frame_len, status};

use crate::SessionConfig;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    /// bind sent, waiting for bind_resp.
    Binding,
    Bound,
    /// unbind sent, waiting for unbind_resp.
    Unbinding,
    /// Nothing more will happen; the driver closes the connection.
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    In,
    Out,
}

/// Why a request ended without a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestFailure {
    /// No response within the response timer. The SMSC may still have acted on it.
    Timeout,
    /// The connection ended first. The SMSC may still have acted on it.
    ConnectionLost(String),
    /// The SMSC answered with generic_nack carrying this command_status.
    Nack(u32),
}

/// Something the owner of the session must know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Bound {
        system_id: String,
    },
    /// The bind was refused (`command_status` set) or not answered in time (None).
    BindFailed {
        command_status: Option<u32>,
        reason: String,
    },
    SubmitResp {
        sequence_number: u32,
        command_status: u32,
        message_id: String,
    },
    RequestFailed {
        sequence_number: u32,
        failure: RequestFailure,
    },
    /// A deliver_sm (MO message or delivery receipt); its deliver_sm_resp is already queued.
    Deliver {
        sequence_number: u32,
        message: Box<ShortMessage>,
    },
    /// The session ended by unbind (ours or the SMSC's).
    Unbound {
        by_peer: bool,
    },
    /// The session must end: a protocol error, a dead link or a failed bind.
    Closed {
        reason: String,
    },
    /// Every PDU in either direction, as raw bytes (passwords unmasked: mask before logging).
    Frame {
        direction: Direction,
        bytes: Vec<u8>,
        warnings: Vec<String>,
    },
}

/// Why a submit could not be queued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubmitRejected {
    #[error("the session is not bound (it is {0:?})")]
    NotBound(SessionState),
    #[error("this bind is a receiver (RX) and cannot send messages")]
    ReceiverBind,
    #[error("the window of {0} outstanding requests is full")]
    WindowFull(usize),
    #[error("the PDU breaks the SMPP spec: {0}")]
    Encode(#[from] EncodeError),
}

/// A frame to write to the socket, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transmit {
    pub bytes: Vec<u8>,
}

#[derive(Debug)]
struct Outstanding {
    command: CommandId,
    deadline: Instant,
}

#[derive(Debug)]
pub struct Session {
    config: SessionConfig,
    state: SessionState,
    next_seq: u32,
    bind_seq: u32,
    bind_deadline: Instant,
    outstanding: HashMap<u32, Outstanding>,
    /// Outstanding submit_sm count; enquire_link and unbind do not use the window.
    in_window: usize,
    last_rx: Instant,
    rx: Vec<u8>,
    transmits: VecDeque<Transmit>,
    events: VecDeque<Event>,
}

/// Sequence numbers run 0x00000001..=0x7FFFFFFF and then wrap (SMPP 3.4 section 5.1).
const MAX_SEQ: u32 = 0x7FFF_FFFF;

impl Session {
    /// Starts a session on a fresh connection: the bind request is the first transmit.
    pub fn new(config: SessionConfig, now: Instant) -> Self {
        Self::with_first_sequence(config, now, 1)
    }

    /// As [`Session::new`], starting the sequence elsewhere (tests exercise the wrap).
    pub fn with_first_sequence(config: SessionConfig, now: Instant, first: u32) -> Self {
        let mut s = Self {
            bind_deadline: now + config.bind_timeout,
            config,
            state: SessionState::Binding,
            next_seq: first.clamp(1, MAX_SEQ),
            bind_seq: 0,
            outstanding: HashMap::new(),
            in_window: 0,
            last_rx: now,
            rx: Vec::new(),
            transmits: VecDeque::new(),
            events: VecDeque::new(),
        };
        let seq = s.alloc_seq();
        s.bind_seq = seq;
        let bind = Pdu::new(seq, Body::Bind(s.config.bind.clone()));
        if let Err(e) = s.queue(&bind) {
            s.close(format!("cannot encode the bind request: {e}"));
        }
        s
    }

    pub fn state(&self) -> SessionState {
        self.state
    }

    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    /// Free places in the window.
    pub fn window_available(&self) -> usize {
        self.config.window.saturating_sub(self.in_window)
    }

    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.transmits.pop_front()
    }

    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// When [`Session::handle_timeout`] must next be called.
    pub fn poll_timeout(&self) -> Option<Instant> {
        match self.state {
            SessionState::Closed => None,
            SessionState::Binding => Some(self.bind_deadline),
            SessionState::Bound | SessionState::Unbinding => {
                let requests = self.outstanding.values().map(|o| o.deadline).min();
                let enquire = (self.state == SessionState::Bound && !self.enquire_link_outstanding())
                    .then(|| self.last_rx + self.config.enquire_link_interval);
                requests.into_iter().chain(enquire).min()
            }
        }
    }

    /// Queues a submit_sm; returns its sequence_number.
    pub fn submit(&mut self, message: ShortMessage, now: Instant) -> Result<u32, SubmitRejected> {
        if self.state != SessionState::Bound {
            return Err(SubmitRejected::NotBound(self.state));
        }
        if !self.config.bind.kind.can_transmit() {
            return Err(SubmitRejected::ReceiverBind);
        }
        if self.window_available() == 0 {
            return Err(SubmitRejected::WindowFull(self.config.window));
        }
        let seq = self.alloc_seq();
        self.queue(&Pdu::new(seq, Body::SubmitSm(Box::new(message))))?;
        self.track(seq, CommandId::SUBMIT_SM, now);
        self.in_window += 1;
        Ok(seq)
    }

    /// Starts a graceful unbind. Outstanding requests still get their responses or time out.
    pub fn unbind(&mut self, now: Instant) {
        if self.state != SessionState::Bound {
            if self.state == SessionState::Binding {
                self.close("closed before the bind completed".into());
            }
            return;
        }
        let seq = self.alloc_seq();
        if self.queue(&Pdu::new(seq, Body::Unbind)).is_ok() {
            self.track(seq, CommandId::UNBIND, now);
            self.state = SessionState::Unbinding;
        }
    }

    /// The connection is gone: everything outstanding ends now, with the reason.
    pub fn connection_lost(&mut self, reason: &str) {
        if self.state == SessionState::Binding {
            self.events.push_back(Event::BindFailed { command_status: None, reason: reason.into() });
        }
        self.fail_outstanding(|| RequestFailure::ConnectionLost(reason.into()));
        self.close(reason.into());
    }

    pub fn handle_input(&mut self, data: &[u8], now: Instant) {
        if self.state == SessionState::Closed {
            return;
        }
        self.rx.extend_from_slice(data);
        // Frames are taken from `start` on and the buffer is shifted once at the end, not once
        // per frame (a read often brings dozens of responses).
        let rx = std::mem::take(&mut self.rx);
        let mut start = 0;
        loop {
            match next_frame_len(&rx[start..], self.config.max_pdu_len) {
                Ok(None) => break,
                Ok(Some(len)) => {
                    let frame = &rx[start..start + len];
                    start += len;
                    self.last_rx = now;
                    self.handle_frame(frame, now);
                    if self.state == SessionState::Closed {
                        break;
                    }
                }
                Err(e) => {
                    // A broken command_length leaves no way to find the next PDU.
                    self.connection_lost(&format!("SMSC sent a malformed PDU: {e}"));
                    break;
                }
            }
        }
        self.rx = rx;
        self.rx.drain(..start.min(self.rx.len()));
    }

    pub fn handle_timeout(&mut self, now: Instant) {
        match self.state {
            SessionState::Closed => {}
            SessionState::Binding => {
                if now >= self.bind_deadline {
                    self.events.push_back(Event::BindFailed {
                        command_status: None,
                        reason: format!("no bind response within {:?}", self.config.bind_timeout),
                    });
                    self.close("bind timed out".into());
                }
            }
            SessionState::Bound | SessionState::Unbinding => {
                let mut expired: Vec<(u32, CommandId)> =
                    self.outstanding.iter().filter(|(_, o)| o.deadline <= now).map(|(s, o)| (*s, o.command)).collect();
                expired.sort_unstable_by_key(|(seq, _)| *seq);
                for (seq, command) in expired {
                    self.untrack(seq);
                    match command {
                        CommandId::ENQUIRE_LINK => {
                            self.connection_lost("no response to enquire_link: the link is dead");
                            return;
                        }
                        CommandId::UNBIND => {
                            self.close("no unbind_resp in time; closing anyway".into());
                            return;
                        }
                        _ => self
                            .events
                            .push_back(Event::RequestFailed { sequence_number: seq, failure: RequestFailure::Timeout }),
                    }
                }
                if self.state == SessionState::Bound
                    && !self.enquire_link_outstanding()
                    && now >= self.last_rx + self.config.enquire_link_interval
                {
                    let seq = self.alloc_seq();
                    if self.queue(&Pdu::new(seq, Body::EnquireLink)).is_ok() {
                        self.track(seq, CommandId::ENQUIRE_LINK, now);
                    }
                }
            }
        }
    }

    fn handle_frame(&mut self, frame: &[u8], now: Instant) {
        let decoded = Pdu::decode(frame);
        if self.config.frame_events {
            let warnings = match &decoded {
                Ok(d) => d.warnings.iter().map(|w| format!("offset {}: {}", w.offset, w.message)).collect(),
                Err(e) => vec![e.to_string()],
            };
            self.events.push_back(Event::Frame { direction: Direction::In, bytes: frame.to_vec(), warnings });
        }
        let pdu = match decoded {
            Ok(d) => d.pdu,
            Err(e) => {
                // One bad PDU is one error: answer it (requests only) and carry on.
                if let Some(h) = e.header().filter(|h| !h.command_id.is_response()) {
                    self.respond(Pdu::new(h.sequence_number, Body::GenericNack).with_status(e.nack_status()));
                } else if let Some(h) = e.header() {
                    self.complete_unparsable_response(h.sequence_number, h.command_status);
                }
                return;
            }
        };
        let seq = pdu.sequence_number;
        match pdu.body {
            Body::BindResp(_, resp) if self.state == SessionState::Binding && seq == self.bind_seq => {
                if pdu.command_status == status::ESME_ROK {
                    self.state = SessionState::Bound;
                    self.last_rx = now;
                    self.events.push_back(Event::Bound { system_id: resp.system_id });
                } else {
                    self.bind_refused(pdu.command_status);
                }
            }
            Body::GenericNack if self.state == SessionState::Binding && seq == self.bind_seq => {
                self.bind_refused(pdu.command_status);
            }
            Body::SubmitSmResp(resp) => {
                if self.untrack(seq).is_some() {
                    self.events.push_back(Event::SubmitResp {
                        sequence_number: seq,
                        command_status: pdu.command_status,
                        message_id: resp.message_id,
                    });
                }
            }
            Body::GenericNack => {
                if let Some(o) = self.untrack(seq)
                    && o.command == CommandId::SUBMIT_SM
                {
                    self.events.push_back(Event::RequestFailed {
                        sequence_number: seq,
                        failure: RequestFailure::Nack(pdu.command_status),
                    });
                }
            }
            Body::EnquireLinkResp => {
                self.untrack(seq);
            }
            Body::EnquireLink => self.respond(Pdu::new(seq, Body::EnquireLinkResp)),
            Body::DeliverSm(message) => {
                self.respond(Pdu::new(seq, Body::DeliverSmResp(SmResp::default())));
                self.events.push_back(Event::Deliver { sequence_number: seq, message });
            }
            Body::Unbind => {
                self.respond(Pdu::new(seq, Body::UnbindResp));
                self.events.push_back(Event::Unbound { by_peer: true });
                self.fail_outstanding(|| RequestFailure::ConnectionLost("the SMSC unbound the session".into()));
                self.close("the SMSC unbound the session".into());
            }
            Body::UnbindResp => {
                self.untrack(seq);
                self.events.push_back(Event::Unbound { by_peer: false });
                self.fail_outstanding(|| RequestFailure::ConnectionLost("unbound".into()));
                self.close("unbound".into());
            }
            other => {
                let id = other.command_id();
                if id.is_response() {
                    // An unexpected response (e.g. after its request timed out): nothing waits for it.
                    self.untrack(seq);
                } else {
                    self.respond(Pdu::new(seq, Body::GenericNack).with_status(status::ESME_RINVCMDID));
                }
            }
        }
    }

    fn complete_unparsable_response(&mut self, seq: u32, command_status: u32) {
        if let Some(o) = self.untrack(seq)
            && o.command == CommandId::SUBMIT_SM
        {
            // The status is still in the header; a garbled body must not hide a rejection.
            self.events.push_back(Event::SubmitResp {
                sequence_number: seq,
                command_status,
                message_id: String::new(),
            });
        }
    }

    fn bind_refused(&mut self, command_status: u32) {
        self.events.push_back(Event::BindFailed {
            command_status: Some(command_status),
            reason: format!("{}: {}", status::name(command_status), status::describe(command_status)),
        });
        self.close("bind refused".into());
    }

    fn enquire_link_outstanding(&self) -> bool {
        self.outstanding.values().any(|o| o.command == CommandId::ENQUIRE_LINK)
    }

    fn alloc_seq(&mut self) -> u32 {
        loop {
            let seq = self.next_seq;
            self.next_seq = if seq >= MAX_SEQ { 1 } else { seq + 1 };
            if !self.outstanding.contains_key(&seq) {
                return seq;
            }
        }
    }

    fn track(&mut self, seq: u32, command: CommandId, now: Instant) {
        self.outstanding.insert(seq, Outstanding { command, deadline: now + self.config.response_timeout });
    }

    fn untrack(&mut self, seq: u32) -> Option<Outstanding> {
        let o = self.outstanding.remove(&seq)?;
        if o.command == CommandId::SUBMIT_SM {
            self.in_window -= 1;
        }
        Some(o)
    }

    fn fail_outstanding(&mut self, failure: impl Fn() -> RequestFailure) {
        let mut seqs: Vec<u32> = self.outstanding.keys().copied().collect();
        seqs.sort_unstable();
        for seq in seqs {
            if let Some(o) = self.untrack(seq)
                && o.command == CommandId::SUBMIT_SM
            {
                self.events.push_back(Event::RequestFailed { sequence_number: seq, failure: failure() });
            }
        }
    }

    fn respond(&mut self, pdu: Pdu) {
        // Our responses are fixed-shape; failing to encode one would be a bug in the codec.
        if let Err(e) = self.queue(&pdu) {
            self.close(format!("cannot encode {}: {e}", pdu.command_id()));
        }
    }

    fn queue(&mut self, pdu: &Pdu) -> Result<(), EncodeError> {
        let bytes = pdu.to_bytes()?;
        if self.config.frame_events {
            self.events.push_back(Event::Frame {
                direction: Direction::Out,
                bytes: bytes.clone(),
                warnings: Vec::new(),
            });
        }
        self.transmits.push_back(Transmit { bytes });
        Ok(())
    }

    fn close(&mut self, reason: String) {
        if self.state != SessionState::Closed {
            self.state = SessionState::Closed;
            self.events.push_back(Event::Closed { reason });
        }
    }
}

#[cfg(test)]
mod tests;
