//! SMPP Console's core: profiles, the message log (SQLite), binds and the send flow.
//! The app (Tauri) and smppctl are thin shells over [`Console`].
//!
//! Deliberately not here: any window or Tauri type, and any secret in the database (the
//! built-in simulator's throwaway password is kept in a file beside it; every other password
//! lives only in the OS keyring, see `credentials`).

mod addresses;
mod bind_controls;
mod bind_settings;
mod binds;
mod clock;
mod console;
mod credential_ops;
mod credentials;
pub mod db;
mod error;
mod inspect;
mod local_sim;
pub mod log_bench;
mod logged_pdu;
mod message_pages;
mod mo;
pub mod model;
pub mod model_pages;
mod paths;
pub mod presets;
mod preview;
mod profile_model;
mod profile_ops;
pub mod profile_validate;
mod rate;
mod receipts;
pub mod retention;
mod rollup;
mod send;
mod send_plan;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
pub mod trace;
mod trace_model;

pub use bind_settings::BindSettings;
pub use binds::Reconnect;
pub use console::Console;
pub use credentials::KEYRING_SERVICE;
pub use error::CoreError;
pub use inspect::inspect_pdus;
pub use local_sim::LOCAL_SIMULATOR_PROFILE;
pub use logged_pdu::LoggedPdu;
pub use paths::{DATA_DIR_ENV, default_data_dir, resolve_data_dir};
pub use preview::preview_encoding;
pub use profile_model::*;
pub use trace::describe_event;
