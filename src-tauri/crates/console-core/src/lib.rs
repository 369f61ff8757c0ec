//! SMPP Console's core: profiles, the message log (SQLite), binds and the send flow.
//! The app (Tauri) and smppctl are thin shells over [`Console`].
//!
//! Deliberately not here: any window or Tauri type, and any secret in the database (the
//! built-in simulator's throwaway password is kept in a file beside it; real credentials
//! arrive with the keyring work).

mod addresses;
mod binds;
mod clock;
mod console;
pub mod db;
mod error;
mod inspect;
mod local_sim;
pub mod model;
mod paths;
mod preview;
mod receipts;
mod rollup;
mod send;
#[cfg(test)]
mod tests;

pub use binds::Reconnect;
pub use console::Console;
pub use error::CoreError;
pub use inspect::inspect_pdus;
pub use local_sim::LOCAL_SIMULATOR_PROFILE;
pub use paths::{DATA_DIR_ENV, default_data_dir, resolve_data_dir};
pub use preview::preview_encoding;
