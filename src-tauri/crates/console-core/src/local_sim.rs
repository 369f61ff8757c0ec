//! The built-in "Local simulator" profile: an SMSC on loopback so the console works with no
//! provider account.

use std::path::Path;

use rand::Rng;
use rand::distr::Alphanumeric;

use crate::error::CoreError;

pub const LOCAL_SIMULATOR_PROFILE: &str = "Local simulator";
pub(crate) const LOCAL_SIMULATOR_SYSTEM_ID: &str = "console";
const PASSWORD_FILE: &str = "local-simulator.secret";

/// The simulator's password: generated once, kept beside the database (it guards nothing
/// outside this machine, and the default must work where no OS keyring exists).
pub(crate) fn local_password(data_dir: &Path) -> Result<String, CoreError> {
    let path = data_dir.join(PASSWORD_FILE);
    let io_err = |source| CoreError::DataDir { path: path.display().to_string(), source };
    match std::fs::read_to_string(&path) {
        Ok(s) if !s.trim().is_empty() && s.trim().len() <= 8 => return Ok(s.trim().to_string()),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_err(e)),
    }
    // SMPP 3.4 passwords are at most 8 characters.
    let pw: String = rand::rng().sample_iter(&Alphanumeric).take(8).map(char::from).collect();
    std::fs::write(&path, &pw).map_err(io_err)?;
    restrict_permissions(&path).map_err(io_err)?;
    Ok(pw)
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict_permissions(_: &Path) -> std::io::Result<()> {
    Ok(())
}
