//! An SMSC simulator over TCP, for the app's built-in default, `smppctl sim`, tests and
//! benchmarks.
//!
//! It accepts binds with configured credentials, answers submit_sm with unique message IDs
//! and, after a delay, sends delivery receipts the way real SMSCs do (receipted_message_id and
//! message_state TLVs plus the `id:… stat:…` text). It answers enquire_link and unbind and
//! nacks what it does not know.
//!
//! [`Faults`] turn it hostile on demand: delayed responses, ESME_RTHROTTLED on every Nth
//! submit, a connection dropped mid-window, refused binds, silence.
//!
//! Deliberately not here: persistence (a restart forgets pending receipts), TLS, MO traffic.

mod config;
mod connection;
mod receipts;
mod server;

pub use config::{Faults, SimConfig};
pub use server::Simulator;
