//! The commands the UI invokes. Thin adapters: errors cross as `ApiError` data.

use console_core::model::{
    ApiError, BindStatus, EncodingPreview, InspectRequest, MessageView, SendOutcome, SendRequest, TraceFilters,
    TraceResult,
};
use console_core::{Console, LoggedPdu};
use smpp_codec::dissect::Dissection;
use tauri::State;

/// Messages newest first.
#[tauri::command]
pub async fn list_messages(console: State<'_, Console>, limit: u32) -> Result<Vec<MessageView>, ApiError> {
    console.list_messages(limit.min(100_000)).await.map_err(Into::into)
}

/// The live status of every bind.
#[tauri::command]
pub fn list_binds(console: State<'_, Console>) -> Vec<BindStatus> {
    console.list_binds()
}

/// Sends through `profile` (None: the first bound profile); resolves once the SMSC answered
/// (or the failure is recorded).
#[tauri::command]
pub async fn send_message(
    console: State<'_, Console>,
    request: SendRequest,
    profile: Option<String>,
) -> Result<SendOutcome, ApiError> {
    let profile = profile.filter(|p| !p.is_empty());
    console.send(profile.as_deref(), &request).await.map_err(Into::into)
}

/// The live encoding and segment count of a text being composed.
#[tauri::command]
pub fn preview_encoding(text: String) -> EncodingPreview {
    console_core::preview_encoding(&text)
}

/// The PDU Inspector: pasted hex dissected field by field (passwords masked unless asked).
#[tauri::command]
pub fn inspect_pdus(request: InspectRequest) -> Result<Dissection, ApiError> {
    console_core::inspect_pdus(&request).map_err(Into::into)
}

/// "What happened to this message?": any ID, a phone number or text, with each match's timeline.
#[tauri::command]
pub async fn trace(console: State<'_, Console>, query: String, filters: TraceFilters) -> Result<TraceResult, ApiError> {
    console.trace(&query, &filters).await.map_err(Into::into)
}

/// The same trace as plain text for a provider ticket (UTC times, IDs, masked PDU hex).
#[tauri::command]
pub async fn trace_summary(
    console: State<'_, Console>,
    query: String,
    filters: TraceFilters,
) -> Result<String, ApiError> {
    let result = console.trace(&query, &filters).await?;
    console.trace_summary(&result).await.map_err(Into::into)
}

/// One logged PDU (bind passwords masked), to open in the Inspector.
#[tauri::command]
pub async fn logged_pdu(console: State<'_, Console>, id: i64) -> Result<LoggedPdu, ApiError> {
    match console.logged_pdu(id).await? {
        Some(p) => Ok(p),
        None => Err(ApiError {
            code: "not_found".into(),
            message: format!("PDU {id} is not in the log (pruned, or from another database)"),
        }),
    }
}

/// The Binds page's Disconnect: unbind and stay down until Connect.
#[tauri::command]
pub async fn bind_disconnect(console: State<'_, Console>, profile: String) -> Result<(), ApiError> {
    console.disconnect_bind(&profile).await.map_err(Into::into)
}

/// The Binds page's Connect and Reconnect: bind again (replacing any current bind); resolves
/// after the first attempt, with the refusal if the SMSC refused.
#[tauri::command]
pub async fn bind_connect(console: State<'_, Console>, profile: String) -> Result<(), ApiError> {
    console.connect_bind(&profile).await.map_err(Into::into)
}
