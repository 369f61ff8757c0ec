//! Managing provider profiles: create, edit, duplicate, delete, import and export. Secrets are
//! handled in `credential_ops`; nothing here reads or writes a password.

use crate::clock::{now_ms, rfc3339};
use crate::console::Console;
use crate::db::{profile_hosts, profiles};
use crate::error::CoreError;
use crate::profile_model::{
    CredentialStatus, EXPORT_FORMAT, EXPORT_VERSION, FieldError, ProfileExport, ProfileInput, ProfileView,
};
use crate::profile_validate::validate_profile;

impl Console {
    /// Every profile (the built-in simulator first), with its credential's bookkeeping.
    pub async fn list_profiles(&self) -> Result<Vec<ProfileView>, CoreError> {
        let mut out = Vec::new();
        for p in profiles::list_profiles(self.db()).await? {
            out.push(self.view_of(p).await?);
        }
        Ok(out)
    }

    /// One profile as the edit form shows it.
    pub async fn profile_view(&self, name: &str) -> Result<ProfileView, CoreError> {
        let p = self.stored_profile(name).await?;
        self.view_of(p).await
    }

    pub(crate) async fn stored_profile(&self, name: &str) -> Result<profiles::Profile, CoreError> {
        profiles::get_profile_by_name(self.db(), name).await?.ok_or_else(|| CoreError::UnknownProfile(name.into()))
    }

    async fn view_of(&self, p: profiles::Profile) -> Result<ProfileView, CoreError> {
        let failover = profile_hosts::list_failover_hosts(self.db(), p.id).await?;
        let message_count = profiles::message_count(self.db(), p.id).await?;
        let credential = if p.builtin_simulator {
            CredentialStatus {
                password_set: true,
                set_at: Some(rfc3339(p.created_at)),
                previous_valid_until: None,
                store: "local file".into(),
                problem: None,
            }
        } else {
            CredentialStatus {
                password_set: p.password_set_at.is_some(),
                set_at: p.password_set_at.map(rfc3339),
                previous_valid_until: p.previous_password_until.filter(|t| *t > now_ms()).map(rfc3339),
                store: "keyring".into(),
                problem: None,
            }
        };
        Ok(ProfileView {
            profile: p.to_input(failover),
            builtin: p.builtin_simulator,
            credential,
            created_at: rfc3339(p.created_at),
            updated_at: rfc3339(p.updated_at),
            message_count,
        })
    }

    /// The problems with `input`, field by field (the edit form shows them inline). Names
    /// taken by another profile count too; `editing` is the name of the profile being edited.
    pub async fn validate_profile(
        &self,
        input: &ProfileInput,
        editing: Option<&str>,
    ) -> Result<Vec<FieldError>, CoreError> {
        let mut errors = validate_profile(input);
        if editing != Some(input.name.as_str())
            && profiles::get_profile_by_name(self.db(), &input.name).await?.is_some()
        {
            errors.push(FieldError {
                field: "name".into(),
                message: format!("A profile named {:?} exists: choose another name, or edit that one.", input.name),
            });
        }
        Ok(errors)
    }

    /// Stores a new profile. Its password is set separately (`set_password`).
    pub async fn create_profile(&self, input: &ProfileInput) -> Result<ProfileView, CoreError> {
        let errors = self.validate_profile(input, None).await?;
        if !errors.is_empty() {
            return Err(CoreError::InvalidProfile(errors));
        }
        let p = profiles::insert_profile(self.db(), input, now_ms()).await?;
        self.view_of(p).await
    }

    /// Replaces the profile `name`'s fields (a rename included). A profile that is bound keeps
    /// its connection; the changes apply from its next connect. The built-in simulator's
    /// profile is not editable.
    pub async fn update_profile(&self, name: &str, input: &ProfileInput) -> Result<ProfileView, CoreError> {
        let current = self.stored_profile(name).await?;
        if current.builtin_simulator {
            return Err(CoreError::Conflict(
                "The Local simulator profile is built in and set up at each start: duplicate it to make one you can edit."
                    .into(),
            ));
        }
        let errors = self.validate_profile(input, Some(name)).await?;
        if !errors.is_empty() {
            return Err(CoreError::InvalidProfile(errors));
        }
        let live = self.inner().slots().iter().any(|s| s.profile.name == name && s.client().is_some());
        if input.name != name && live {
            return Err(CoreError::Conflict(format!(
                "{name} is connected: disconnect it on the Binds page before renaming it (its binds run under the current name)."
            )));
        }
        // A stopped bind under the old name would linger on the Binds page after a rename.
        if input.name != name {
            self.inner().forget_bind(name);
        }
        let p = profiles::update_profile(self.db(), current.id, input, now_ms()).await?;
        self.inner().forget_recipe(name);
        self.view_of(p).await
    }

    /// A copy of profile `name` under `new_name`, without its password (set one for the copy:
    /// two profiles never share a keyring entry).
    pub async fn duplicate_profile(&self, name: &str, new_name: &str) -> Result<ProfileView, CoreError> {
        let p = self.stored_profile(name).await?;
        let failover = profile_hosts::list_failover_hosts(self.db(), p.id).await?;
        let mut input = p.to_input(failover);
        input.name = new_name.to_string();
        if p.builtin_simulator {
            // The copy is an ordinary profile: it binds with its own keyring password.
            input.preset = "generic".into();
        }
        self.create_profile(&input).await
    }

    /// Deletes profile `name`: its binds are unbound, its passwords removed from the keyring,
    /// and it leaves every list. Messages logged through it stay in the log (their profile
    /// shows as "NAME (deleted …)"). Returns how many messages were kept.
    pub async fn delete_profile(&self, name: &str) -> Result<i64, CoreError> {
        let p = self.stored_profile(name).await?;
        if p.builtin_simulator {
            return Err(CoreError::Conflict("The Local simulator profile is built in and cannot be deleted.".into()));
        }
        if self.inner().slots().iter().any(|s| s.profile.name == name) {
            self.disconnect_bind(name).await?;
        }
        self.inner().forget_bind(name);
        // Secrets first: if the keyring cannot be reached while it holds this profile's
        // password, the profile stays so the user can retry and no orphan secret is left
        // behind. A profile that never had one is deleted without the keyring.
        match self.remove_secrets(p.id).await {
            Ok(()) => {}
            Err(e) if p.password_set_at.is_none() && p.previous_password_until.is_none() => {
                tracing::debug!("deleting {name} without asking the keyring: {e}");
            }
            Err(e) => {
                return Err(CoreError::Keyring(format!(
                    "{name} was not deleted: its password is in the OS keyring, which cannot be reached to remove it. {e}"
                )));
            }
        }
        let kept = profiles::message_count(self.db(), p.id).await?;
        let now = now_ms();
        profiles::soft_delete_profile(self.db(), p.id, &rfc3339(now), now).await?;
        Ok(kept)
    }

    /// The profiles named (all but the built-in simulator when `names` is empty) as JSON for
    /// `import_profiles`. No password or other secret is in it.
    pub async fn export_profiles(&self, names: &[String]) -> Result<String, CoreError> {
        let mut out = Vec::new();
        for p in profiles::list_profiles(self.db()).await? {
            let wanted = if names.is_empty() { !p.builtin_simulator } else { names.contains(&p.name) };
            if wanted {
                let failover = profile_hosts::list_failover_hosts(self.db(), p.id).await?;
                out.push(p.to_input(failover));
            }
        }
        if let Some(missing) = names.iter().find(|n| !out.iter().any(|p| &p.name == *n)) {
            return Err(CoreError::UnknownProfile(missing.clone()));
        }
        let export = ProfileExport { format: EXPORT_FORMAT.into(), version: EXPORT_VERSION, profiles: out };
        serde_json::to_string_pretty(&export).map_err(|e| CoreError::validation("export", e.to_string()))
    }

    /// Adds the profiles of an export. Everything is checked before anything is stored: one
    /// invalid profile, or a name already taken (unless `replace`), and nothing changes.
    /// Passwords are not in exports: set them after importing. Returns the names imported.
    pub async fn import_profiles(&self, json: &str, replace: bool) -> Result<Vec<String>, CoreError> {
        let export: ProfileExport = serde_json::from_str(json).map_err(|e| {
            CoreError::validation(
                "import",
                format!("This is not a profiles file SMPP Console can read ({e}). Export one with `smppctl profile export` or the Profiles page."),
            )
        })?;
        if export.format != EXPORT_FORMAT || export.version != EXPORT_VERSION {
            return Err(CoreError::validation(
                "import",
                format!(
                    "This file is {:?} version {}; this console reads {EXPORT_FORMAT:?} version {EXPORT_VERSION}.",
                    export.format, export.version
                ),
            ));
        }
        let mut errors = Vec::new();
        let mut existing = Vec::new();
        for (i, p) in export.profiles.iter().enumerate() {
            if export.profiles[..i].iter().any(|q| q.name == p.name) {
                errors.push(FieldError {
                    field: format!("{}.name", p.name),
                    message: "appears twice in the file.".into(),
                });
            }
            for e in validate_profile(p) {
                errors.push(FieldError { field: format!("{}.{}", p.name, e.field), message: e.message });
            }
            if let Some(old) = profiles::get_profile_by_name(self.db(), &p.name).await?
                && (old.builtin_simulator || !replace)
            {
                existing.push(p.name.clone());
            }
        }
        if !errors.is_empty() {
            return Err(CoreError::InvalidProfile(errors));
        }
        if !existing.is_empty() {
            return Err(CoreError::Conflict(format!(
                "Nothing was imported: profiles named {} exist already. Rename them in the file, or import with replace to overwrite them (their passwords stay).",
                existing.join(", ")
            )));
        }
        let now = now_ms();
        let mut names = Vec::new();
        for p in &export.profiles {
            match profiles::get_profile_by_name(self.db(), &p.name).await? {
                Some(old) => profiles::update_profile(self.db(), old.id, p, now).await?,
                None => profiles::insert_profile(self.db(), p, now).await?,
            };
            names.push(p.name.clone());
        }
        Ok(names)
    }
}
