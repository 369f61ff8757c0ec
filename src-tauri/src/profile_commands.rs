//! The Profiles page's commands: profiles, presets, import/export and credentials. Thin
//! adapters over console-core. A password goes from the UI to the keyring only: it is never
//! logged (`SetPassword`'s Debug redacts it) and never returned.

use console_core::model::ApiError;
use console_core::presets::{ProviderPreset, presets};
use console_core::{ConnectionTest, Console, CredentialStatus, FieldError, ProfileInput, ProfileView, SetPassword};
use tauri::State;

/// Every profile, the built-in simulator first.
#[tauri::command]
pub async fn list_profiles(console: State<'_, Console>) -> Result<Vec<ProfileView>, ApiError> {
    console.list_profiles().await.map_err(Into::into)
}

/// The provider presets a new profile can start from, Generic first.
#[tauri::command]
pub fn provider_presets() -> Vec<ProviderPreset> {
    presets()
}

/// A new profile's form, filled with preset `preset`'s defaults.
#[tauri::command]
pub fn profile_template(preset: String) -> Result<ProfileInput, ApiError> {
    let all = presets();
    match all.iter().find(|p| p.id == preset) {
        Some(p) => Ok(ProfileInput::from_preset(p)),
        None => Err(ApiError {
            code: "validation".into(),
            message: format!(
                "There is no provider preset {preset:?}; choose one of {}.",
                all.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
            ),
        }),
    }
}

/// The form's problems field by field; `editing` is the name of the profile being edited
/// (None for a new one).
#[tauri::command]
pub async fn validate_profile(
    console: State<'_, Console>,
    input: ProfileInput,
    editing: Option<String>,
) -> Result<Vec<FieldError>, ApiError> {
    console.validate_profile(&input, editing.as_deref()).await.map_err(Into::into)
}

#[tauri::command]
pub async fn create_profile(console: State<'_, Console>, input: ProfileInput) -> Result<ProfileView, ApiError> {
    console.create_profile(&input).await.map_err(Into::into)
}

/// Replaces profile `name` (a rename included).
#[tauri::command]
pub async fn update_profile(
    console: State<'_, Console>,
    name: String,
    input: ProfileInput,
) -> Result<ProfileView, ApiError> {
    console.update_profile(&name, &input).await.map_err(Into::into)
}

/// A copy without its password.
#[tauri::command]
pub async fn duplicate_profile(
    console: State<'_, Console>,
    name: String,
    new_name: String,
) -> Result<ProfileView, ApiError> {
    console.duplicate_profile(&name, &new_name).await.map_err(Into::into)
}

/// Deletes a profile (binds unbound, passwords removed from the keyring); returns how many
/// logged messages stay in the log.
#[tauri::command]
pub async fn delete_profile(console: State<'_, Console>, name: String) -> Result<i64, ApiError> {
    console.delete_profile(&name).await.map_err(Into::into)
}

/// The named profiles (all but the built-in one when empty) as JSON. No secrets.
#[tauri::command]
pub async fn export_profiles(console: State<'_, Console>, names: Vec<String>) -> Result<String, ApiError> {
    console.export_profiles(&names).await.map_err(Into::into)
}

/// Imports an export; all or nothing. Returns the names imported.
#[tauri::command]
pub async fn import_profiles(
    console: State<'_, Console>,
    json: String,
    replace: bool,
) -> Result<Vec<String>, ApiError> {
    console.import_profiles(&json, replace).await.map_err(Into::into)
}

/// Stores the profile's password in the OS keyring (optionally keeping the previous one for a
/// rotation window). Answers with the status, never the password.
#[tauri::command]
pub async fn set_password(
    console: State<'_, Console>,
    name: String,
    request: SetPassword,
) -> Result<CredentialStatus, ApiError> {
    console.set_password(&name, &request).await.map_err(Into::into)
}

#[tauri::command]
pub async fn delete_password(console: State<'_, Console>, name: String) -> Result<CredentialStatus, ApiError> {
    console.delete_password(&name).await.map_err(Into::into)
}

/// Whether a password is stored, asking the keyring (`problem` says when it cannot be reached).
#[tauri::command]
pub async fn credential_status(console: State<'_, Console>, name: String) -> Result<CredentialStatus, ApiError> {
    console.credential_status(&name).await.map_err(Into::into)
}

/// Binds once with the stored password and unbinds; the result in plain words.
#[tauri::command]
pub async fn test_connection(console: State<'_, Console>, name: String) -> Result<ConnectionTest, ApiError> {
    console.test_connection(&name).await.map_err(Into::into)
}

/// Binds the profile for traffic. True: bound with the PREVIOUS password (rotation).
#[tauri::command]
pub async fn connect_profile(console: State<'_, Console>, name: String) -> Result<bool, ApiError> {
    console.connect_profile(&name).await.map_err(Into::into)
}
