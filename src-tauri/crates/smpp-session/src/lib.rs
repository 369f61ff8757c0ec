//! One SMPP ESME session.
//!
//! [`Session`] is a deterministic state machine: bytes and `now` go in, frames to write,
//! events and the next deadline come out. It never touches a socket or a clock, so windows
//! and timers are tested in simulated time. [`client`] is the thin tokio driver around it.
//!
//! [`Client::connect_tls`] (or [`Client::connect_via`] with a [`Transport`]) binds over TLS 1.2/1.3
//! with rustls; see [`tls`].
//!
//! Deliberately not here (yet): reconnect, failover and bind pools (a later layer owns
//! those), rate limiting, message persistence.

pub mod client;
mod config;
mod session;
pub mod tls;

pub use client::{Client, ClientEvent, ConnectError, SubmitError, SubmitResponse};
pub use config::SessionConfig;
pub use session::{Direction, Event, RequestFailure, Session, SessionState, SubmitRejected, Transmit};
pub use tls::{TlsSettings, Transport};
