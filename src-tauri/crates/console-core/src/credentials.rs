//! Profile passwords in the OS credential store (Keychain, Credential Manager, Secret Service)
//! through the `keyring` crate, and nowhere else: no fallback to a file or the database when the
//! store is missing. Each profile has a "current" entry and, during a provider's rotation
//! window, a "previous" one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use keyring::Entry;

use crate::error::CoreError;

/// The service name every entry is filed under (what Keychain Access / Seahorse show).
pub const KEYRING_SERVICE: &str = "SMPP Console";

/// Which of a profile's passwords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Current,
    /// The replaced password, kept while the provider still accepts it.
    Previous,
}

/// The keyring entries of one console database. Entries are cached so a store that keeps
/// state per entry object (the keyring crate's mock) behaves like the real ones.
pub(crate) struct Credentials {
    install_id: String,
    entries: Mutex<HashMap<String, Arc<Entry>>>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("install_id", &self.install_id).finish_non_exhaustive()
    }
}

impl Credentials {
    pub fn new(install_id: String) -> Credentials {
        Credentials { install_id, entries: Mutex::new(HashMap::new()) }
    }

    /// The entry's account name: this database's id, the profile's row id (stable across
    /// renames) and the slot. No secret and no profile name (names change).
    fn user(&self, profile_id: i64, slot: Slot) -> String {
        let slot = match slot {
            Slot::Current => "current",
            Slot::Previous => "previous",
        };
        format!("{}/profile-{profile_id}/{slot}", self.install_id)
    }

    fn entry(&self, profile_id: i64, slot: Slot) -> Result<Arc<Entry>, CoreError> {
        let user = self.user(profile_id, slot);
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = entries.get(&user) {
            return Ok(e.clone());
        }
        let entry = Arc::new(Entry::new(KEYRING_SERVICE, &user).map_err(unavailable)?);
        entries.insert(user, entry.clone());
        Ok(entry)
    }

    /// The stored password, or None when there is none.
    pub fn get(&self, profile_id: i64, slot: Slot) -> Result<Option<String>, CoreError> {
        match self.entry(profile_id, slot)?.get_password() {
            Ok(pw) => Ok(Some(pw)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    pub fn set(&self, profile_id: i64, slot: Slot, password: &str) -> Result<(), CoreError> {
        self.entry(profile_id, slot)?.set_password(password).map_err(unavailable)
    }

    /// Removes the password; no error when there was none.
    pub fn delete(&self, profile_id: i64, slot: Slot) -> Result<(), CoreError> {
        match self.entry(profile_id, slot)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// What is wrong with the store and how to fix it, per platform. The keyring crate's errors
/// name the platform's failure, never the secret.
pub(crate) fn unavailable(e: keyring::Error) -> CoreError {
    let fix = if cfg!(target_os = "macos") {
        "Unlock the login keychain (Keychain Access) and try again."
    } else if cfg!(windows) {
        "Check that Windows Credential Manager is available to your account and try again."
    } else {
        "Start a Secret Service provider (gnome-keyring, or KeePassXC with its Secret Service \
         integration), make sure it is unlocked, and try again."
    };
    let what = match &e {
        keyring::Error::NoStorageAccess(inner) => format!("the OS keyring is locked or refused access ({inner})"),
        keyring::Error::PlatformFailure(inner) => format!("the OS keyring is not available ({inner})"),
        other => format!("the OS keyring failed ({other})"),
    };
    CoreError::Keyring(format!(
        "Cannot use the password store: {what}. {fix} Passwords are never stored anywhere else; \
         everything that needs no password keeps working."
    ))
}

#[cfg(test)]
mod tests {
    use keyring::mock::MockCredential;

    use super::*;

    fn mock_store() -> Credentials {
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
        Credentials::new("test-install".into())
    }

    #[test]
    fn set_get_delete_per_profile_and_slot() {
        let c = mock_store();
        assert_eq!(c.get(1, Slot::Current).ok().flatten(), None);
        c.set(1, Slot::Current, "s3cret").unwrap_or_else(|e| panic!("{e}"));
        c.set(1, Slot::Previous, "old-pw").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.get(1, Slot::Current).ok().flatten().as_deref(), Some("s3cret"));
        assert_eq!(c.get(1, Slot::Previous).ok().flatten().as_deref(), Some("old-pw"));
        assert_eq!(c.get(2, Slot::Current).ok().flatten(), None, "profiles do not share entries");
        c.delete(1, Slot::Current).unwrap_or_else(|e| panic!("{e}"));
        c.delete(1, Slot::Current).unwrap_or_else(|e| panic!("deleting twice is fine: {e}"));
        assert_eq!(c.get(1, Slot::Current).ok().flatten(), None);
    }

    #[test]
    fn a_missing_or_locked_store_says_what_to_do_and_never_the_password() {
        let c = mock_store();
        let entry = c.entry(7, Slot::Current).unwrap_or_else(|e| panic!("{e}"));
        let mock: &MockCredential = entry.get_credential().downcast_ref().unwrap_or_else(|| panic!("mock"));
        mock.set_error(keyring::Error::PlatformFailure("org.freedesktop.secrets was not provided".into()));
        let e = c.set(7, Slot::Current, "hunter22").err().unwrap_or_else(|| panic!("must fail"));
        let text = e.to_string();
        assert_eq!(e.code(), "keyring");
        assert!(
            text.contains("not available") && text.contains("Secret Service") || cfg!(not(target_os = "linux")),
            "{text}"
        );
        assert!(text.contains("never stored anywhere else"), "{text}");
        assert!(!text.contains("hunter22"));

        mock.set_error(keyring::Error::NoStorageAccess("collection is locked".into()));
        let text = c.get(7, Slot::Current).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(text.contains("locked"), "{text}");
    }
}
