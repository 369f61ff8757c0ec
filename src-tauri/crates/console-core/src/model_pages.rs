//! Types of the Messages and Inbox pages' paged log (a virtualised table over up to millions of
//! rows). TypeScript bindings are generated from these like the ones in [`crate::model`].
//!
//! The UI asks for one page at a time around where the user is looking: from the start, after
//! or before a row it already holds (a keyset seek, exact and cheap at any depth), or at a row
//! number (a jump of the scrollbar; see `db::message_pages` for its cost). Every page of one
//! listing is taken from the same snapshot (the rows that existed when the listing began), so
//! row numbers stay put while new messages arrive; those reach the UI as events instead.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{MessageState, MessageView};

/// Narrows the listing. Empty filters match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PageFilter {
    /// Profile name, exactly.
    pub profile: Option<String>,
    /// "MT" or "MO" (the Inbox).
    pub direction: Option<String>,
    pub state: Option<MessageState>,
    /// An error code as logged (ESME_RINVDSTADR, response_timeout), exactly.
    pub error_code: Option<String>,
    /// RFC 3339: messages created at or after this moment.
    pub since: Option<String>,
    /// RFC 3339: messages created before this moment.
    pub until: Option<String>,
}

/// The order rows are listed in; creation time with our ID as the tie-breaker, so every row has
/// one place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PageOrder {
    #[default]
    NewestFirst,
    OldestFirst,
}

/// A row's place in the order: its creation time and ID.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PageCursor {
    /// Milliseconds since the Unix epoch, as stored (the `createdAt` of the row).
    #[ts(type = "number")]
    pub created_at_ms: i64,
    pub id: String,
}

/// Where the page starts, in the listing's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum PageAnchor {
    /// The first rows.
    Start,
    /// The rows right after this one (scrolling on).
    After { cursor: PageCursor },
    /// The rows right before this one, still in the listing's order (scrolling back).
    Before { cursor: PageCursor },
    /// The rows from this row number (0-based) on: a jump of the scrollbar. `total` (the count
    /// the listing began with) lets a jump past the middle count from the other end.
    #[serde(rename_all = "camelCase")]
    Offset {
        #[ts(type = "number")]
        offset: u64,
        #[ts(type = "number | null")]
        total: Option<u64>,
    },
}

/// One page of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PageQuery {
    #[serde(default)]
    pub filter: PageFilter,
    #[serde(default)]
    pub order: PageOrder,
    pub anchor: PageAnchor,
    /// Rows wanted (1 to 1000).
    pub limit: u32,
    /// The snapshot a previous page of this listing returned; None starts a new listing.
    #[serde(default)]
    pub snapshot: Option<PageCursor>,
    /// Count the rows of the whole listing too (once per listing: it reads every matching
    /// index entry).
    #[serde(default)]
    pub with_total: bool,
}

/// A page of rows in the listing's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MessagePage {
    pub rows: Vec<MessageView>,
    /// Row number of the first row, when the anchor says it (Start: 0, Offset: the offset).
    #[ts(type = "number | null")]
    pub offset: Option<u64>,
    /// Rows in the listing, when asked for.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    /// The newest row the listing includes: pass it back with every further page. A message
    /// newer than this is not in the listing (the UI adds it from its event).
    pub snapshot: PageCursor,
    /// More rows follow past this page in the direction it was read (after its last row for
    /// Start, After and Offset; before its first for Before).
    pub more: bool,
}
