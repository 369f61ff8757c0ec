//! Where the console keeps its database: one directory shared by the app and smppctl.

use std::path::PathBuf;

/// Overrides the data directory (tests and portable installs use it).
pub const DATA_DIR_ENV: &str = "SMPP_CONSOLE_DATA_DIR";

/// The app's identifier; the OS app-data directory is named after it (as Tauri names it).
pub const APP_IDENTIFIER: &str = "dev.smppconsole.app";

/// The OS app-data directory: `~/.local/share/dev.smppconsole.app` on Linux,
/// `~/Library/Application Support/dev.smppconsole.app` on macOS, `%APPDATA%\dev.smppconsole.app`
/// on Windows.
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// An explicit directory wins, then SMPP_CONSOLE_DATA_DIR, then the OS default.
pub fn resolve_data_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit
        .or_else(|| std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(default_data_dir)
}
