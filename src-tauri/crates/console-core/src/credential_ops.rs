//! A profile's password: set, rotate, delete, report, and bind with it. The password goes from
//! the caller to the OS keyring and from the keyring to the bind PDU; it is never returned,
//! logged, stored in the database or put into an error message.

use std::sync::Arc;
use std::time::{Duration, Instant};

use smpp_session::Client;

use crate::binds::{Reconnect, is_credential_refusal, session_config};
use crate::clock::{now_ms, rfc3339};
use crate::console::Console;
use crate::credentials::{Credentials, Slot};
use crate::db::profiles::{self, Profile};
use crate::error::CoreError;
use crate::local_sim::local_password;
use crate::profile_model::{ConnectionTest, CredentialStatus, SetPassword};
use crate::profile_validate::password_problem;

/// The passwords a bind may try, in order: the current one, then the previous one while its
/// rotation window lasts.
struct Passwords {
    current: String,
    previous: Option<(String, i64)>,
}

impl Console {
    /// Stores `req.password` as the profile's password in the OS keyring. With
    /// `keep_previous_hours`, the password it replaces is kept that long and used if the SMSC
    /// still refuses the new one (a provider's rotation window, as Telesign's guide describes).
    pub async fn set_password(&self, name: &str, req: &SetPassword) -> Result<CredentialStatus, CoreError> {
        let p = self.secret_profile(name).await?;
        if let Some(problem) = password_problem(&req.password) {
            return Err(CoreError::validation("password", problem));
        }
        let hours = req.keep_previous_hours.unwrap_or(0);
        let creds = self.credentials();
        let (id, password) = (p.id, req.password.clone());
        let kept_previous = blocking(move || {
            let old = if hours > 0 { creds.get(id, Slot::Current)? } else { None };
            match &old {
                Some(old) if old != &password => creds.set(id, Slot::Previous, old)?,
                _ => creds.delete(id, Slot::Previous)?,
            }
            creds.set(id, Slot::Current, &password)?;
            Ok(old.is_some_and(|o| o != password))
        })
        .await?;
        let now = now_ms();
        let until = kept_previous.then(|| now + i64::from(hours) * 3_600_000);
        profiles::set_password_times(self.db(), p.id, Some(now), until).await?;
        self.inner().forget_recipe(name);
        tracing::info!(profile = name, rotated = kept_previous, "password stored in the OS keyring");
        self.credential_status(name).await
    }

    /// Removes the profile's passwords (current and previous) from the keyring.
    pub async fn delete_password(&self, name: &str) -> Result<CredentialStatus, CoreError> {
        let p = self.secret_profile(name).await?;
        self.remove_secrets(p.id).await?;
        profiles::set_password_times(self.db(), p.id, None, None).await?;
        self.inner().forget_recipe(name);
        self.credential_status(name).await
    }

    /// Whether a password is stored, asking the keyring itself (so a password removed with
    /// the OS's own tools shows as missing). A keyring that cannot be reached is reported in
    /// `problem`, not as an error: the profile stays usable for everything else.
    pub async fn credential_status(&self, name: &str) -> Result<CredentialStatus, CoreError> {
        let p = self.stored_profile(name).await?;
        if p.builtin_simulator {
            return Ok(self.profile_view(name).await?.credential);
        }
        let creds = self.credentials();
        let id = p.id;
        let found =
            blocking(move || Ok((creds.get(id, Slot::Current)?.is_some(), creds.get(id, Slot::Previous)?.is_some())))
                .await;
        let (password_set, previous_kept, problem) = match found {
            Ok((c, prev)) => (c, prev, None),
            Err(e) => (p.password_set_at.is_some(), p.previous_password_until.is_some(), Some(e.to_string())),
        };
        let previous_valid_until = p.previous_password_until.filter(|t| previous_kept && *t > now_ms()).map(rfc3339);
        Ok(CredentialStatus {
            password_set,
            set_at: p.password_set_at.filter(|_| password_set).map(rfc3339),
            previous_valid_until,
            store: "keyring".into(),
            problem,
        })
    }

    /// Binds profile `name` with its stored password over its own transport (TLS settings
    /// from the profile), reconnecting with backoff as the app does. If the SMSC refuses the
    /// current password (ESME_RINVPASWD) while a previous one is within its rotation window,
    /// binds with that and says so on the Binds page. Returns whether the previous one was used.
    pub async fn connect_profile(&self, name: &str) -> Result<bool, CoreError> {
        self.connect_profile_with(name, Reconnect::WithBackoff).await
    }

    /// [`Console::connect_profile`] with a choice of reconnect policy (smppctl binds once).
    pub async fn connect_profile_with(&self, name: &str, reconnect: Reconnect) -> Result<bool, CoreError> {
        let p = self.stored_profile(name).await?;
        let passwords = self.passwords_of(&p).await?;
        let transport = p.transport();
        let first = self.bind_via(p.clone(), passwords.current, reconnect, transport.clone()).await;
        match (first, passwords.previous) {
            (Err(CoreError::Smpp { code, message }), Some((previous, until))) if code == "ESME_RINVPASWD" => {
                tracing::warn!(profile = name, "current password refused; trying the previous one (rotation window)");
                self.bind_via(p, previous, reconnect, transport).await.map_err(|_| CoreError::Smpp {
                    code: code.clone(),
                    message: format!("{message} The previous password (kept for rotation) was refused too."),
                })?;
                let notice = previous_password_notice(until);
                for slot in self.inner().slots().into_iter().filter(|s| s.profile.name == name) {
                    slot.set_notice(self.inner(), Some(notice.clone()));
                }
                Ok(true)
            }
            (result, _) => result.map(|()| false),
        }
    }

    /// "Test connection": connects and binds once with the stored password (the previous one
    /// if the current is refused within its rotation window), then unbinds. Leaves the
    /// profile's own binds alone. Never an Err for a failed attempt: the result says why.
    pub async fn test_connection(&self, name: &str) -> Result<ConnectionTest, CoreError> {
        let p = self.stored_profile(name).await?;
        let started = Instant::now();
        let fail = |code: &str, summary: String| ConnectionTest {
            ok: false,
            summary,
            code: Some(code.into()),
            elapsed_ms: millis(started.elapsed()),
            used_previous_password: false,
        };
        let passwords = match self.passwords_of(&p).await {
            Ok(pw) => pw,
            Err(e) => return Ok(fail(&e.code(), e.to_string())),
        };
        let addr = format!("{}:{}", p.host, p.port);
        let mut attempt = try_bind(&p, &addr, &passwords.current).await;
        let mut used_previous = false;
        if let (Err((Some(0x0E), _)), Some((previous, _))) = (&attempt, &passwords.previous) {
            attempt = try_bind(&p, &addr, previous).await;
            used_previous = attempt.is_ok();
        }
        let elapsed_ms = millis(started.elapsed());
        Ok(match attempt {
            Ok(smsc) => ConnectionTest {
                ok: true,
                summary: format!(
                    "Bound as {} to {addr}{} in {elapsed_ms} ms (SMSC system_id: {smsc}){}.",
                    if p.tx_rx_pair { "TX and RX" } else { p.bind_type.as_str() },
                    if p.tls { " over TLS" } else { "" },
                    if used_previous { ", with the PREVIOUS password: the SMSC refused the new one" } else { "" }
                ),
                code: None,
                elapsed_ms,
                used_previous_password: used_previous,
            },
            Err((status, reason)) => {
                let code = status.map_or_else(|| "connect".to_string(), smpp_codec::status::name);
                let hint = if is_credential_refusal(status) {
                    " Check the system_id and set the password again."
                } else if status.is_none() {
                    " Check the host, port and TLS settings, and that the SMSC is reachable from here."
                } else {
                    ""
                };
                fail(&code, format!("Could not bind to {addr}: {reason}.{hint}"))
            }
        })
    }

    /// The profile's current password, for smppctl's raw benchmark sessions (which bind
    /// outside the console's bind pool). Everything else binds through `connect_profile`.
    pub async fn profile_password(&self, name: &str) -> Result<String, CoreError> {
        let p = self.stored_profile(name).await?;
        Ok(self.passwords_of(&p).await?.current)
    }

    /// The profile's passwords from the keyring (the simulator's from its local file).
    async fn passwords_of(&self, p: &Profile) -> Result<Passwords, CoreError> {
        if p.builtin_simulator {
            return Ok(Passwords { current: local_password(self.data_dir())?, previous: None });
        }
        let creds = self.credentials();
        let id = p.id;
        let until = p.previous_password_until.filter(|t| *t > now_ms());
        let (current, previous) = blocking(move || {
            let previous = if until.is_some() { creds.get(id, Slot::Previous)? } else { None };
            Ok((creds.get(id, Slot::Current)?, previous))
        })
        .await?;
        let current = current.ok_or_else(|| {
            CoreError::NotBound(format!(
                "No password is stored for {}: set it on the Profiles page or with `smppctl creds set {:?}`.",
                p.name, p.name
            ))
        })?;
        Ok(Passwords { current, previous: previous.zip(until) })
    }

    /// Removes both keyring entries of profile `id`.
    pub(crate) async fn remove_secrets(&self, id: i64) -> Result<(), CoreError> {
        let creds = self.credentials();
        blocking(move || {
            creds.delete(id, Slot::Current)?;
            creds.delete(id, Slot::Previous)
        })
        .await
    }

    /// A profile whose password lives in the keyring (not the built-in simulator).
    async fn secret_profile(&self, name: &str) -> Result<Profile, CoreError> {
        let p = self.stored_profile(name).await?;
        if p.builtin_simulator {
            return Err(CoreError::Conflict(
                "The Local simulator's password is generated by the console and guards nothing outside this machine; it cannot be set."
                    .into(),
            ));
        }
        Ok(p)
    }

    fn credentials(&self) -> Arc<Credentials> {
        self.inner().credentials.clone()
    }
}

/// One bind and unbind with `password` (a TX+RX pair: each session in turn); the SMSC's
/// system_id, or the refusal.
async fn try_bind(p: &Profile, addr: &str, password: &str) -> Result<String, (Option<u32>, String)> {
    let kinds: &[&str] = if p.tx_rx_pair { &["TX", "RX"] } else { &[p.bind_type.as_str()] };
    let mut smsc = String::new();
    for kind in kinds {
        let config = session_config(p, kind, password);
        match Client::connect_via(addr, &p.transport(), config).await {
            Ok((client, _events)) => {
                smsc = client.smsc_system_id().to_string();
                client.unbind().await;
            }
            Err(e) => return Err((e.command_status(), e.to_string())),
        }
    }
    Ok(smsc)
}

fn previous_password_notice(until: i64) -> String {
    format!(
        "Bound with the PREVIOUS password: the SMSC refused the new one (ESME_RINVPASWD). The previous \
         password stops working at {}; ask the provider whether the reset has been applied.",
        rfc3339(until)
    )
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Runs a keyring call off the async threads (Secret Service and Keychain calls block).
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, CoreError> + Send + 'static,
) -> Result<T, CoreError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| CoreError::Keyring(format!("The keyring call did not finish ({e}).")))?
}
