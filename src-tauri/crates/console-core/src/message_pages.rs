//! The Messages and Inbox pages' paged log: one page of the listing at a time, around where
//! the user is looking (see `db::message_pages` for how a page is read).

use crate::console::Console;
use crate::db::message_pages;
use crate::error::CoreError;
use crate::model_pages::{MessagePage, PageQuery};

impl Console {
    /// One page of the log narrowed by the query's filter, in its order. Pass the returned
    /// snapshot back with the listing's further pages so row numbers stay put; messages newer
    /// than the snapshot arrive as `ConsoleEvent::Message` instead.
    pub async fn list_message_page(&self, query: &PageQuery) -> Result<MessagePage, CoreError> {
        message_pages::list_page(self.db(), query).await
    }
}
