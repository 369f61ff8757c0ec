//! The Messages and Inbox pages' paged log: a thin adapter over console-core's
//! `list_message_page`.

use console_core::Console;
use console_core::model::ApiError;
use console_core::model_pages::{MessagePage, PageQuery};
use tauri::State;

/// One page of the (filtered) log around where the table is looking; a validation error names
/// the filter at fault.
#[tauri::command]
pub async fn list_message_page(console: State<'_, Console>, query: PageQuery) -> Result<MessagePage, ApiError> {
    console.list_message_page(&query).await.map_err(Into::into)
}
