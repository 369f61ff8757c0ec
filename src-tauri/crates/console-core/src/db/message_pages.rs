//! `messages` read a page at a time for the Messages and Inbox pages (see
//! [`crate::model_pages`] for the request and answer).
//!
//! Every read is a keyset (seek) read of one index in (created_at, id) order: the indexes of
//! migration `20261203000004_message_pages` each lead with at most one filter column and end in
//! (created_at, id), so a page is "seek past the cursor, read LIMIT entries", as cheap at row
//! 900,000 as at row 0. The index is named (INDEXED BY) rather than left to the planner: without
//! ANALYZE statistics SQLite may pick an index that does not give the order, and then sort every
//! matching row to return a hundred.
//!
//! Jumps (the scrollbar dragged to 63%) are the one place OFFSET is used: on the chosen index
//! only (the inner query reads rowids, which every index holds), from whichever end of the
//! listing is nearer, so the worst jump reads half the matching index entries and no table row
//! when the filter is one column. We chose that over seeking by timestamp because the table
//! needs a row number to land on: times are bunched (a bulk send writes thousands in a second)
//! so a time interpolated from the scrollbar would not put the thumb where the rows are. Once
//! landed, further pages are seeks from the rows held. `COUNT(*)`, for the scrollbar's length,
//! has the same cost as the worst jump and is taken once per listing.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::Db;
use super::messages::MessageRow;
use crate::clock::parse_filter_time;
use crate::error::CoreError;
use crate::model::MessageView;
use crate::model_pages::{MessagePage, PageAnchor, PageCursor, PageFilter, PageOrder, PageQuery};

/// Largest page a request may ask for.
pub const MAX_PAGE_ROWS: u32 = 1000;

/// A listing's filters, checked and in stored form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Narrow {
    profile_id: Option<i64>,
    direction: Option<&'static str>,
    state: Option<&'static str>,
    error_code: Option<String>,
    since_ms: Option<i64>,
    until_ms: Option<i64>,
}

impl Narrow {
    /// The index a page reads. Its leading column (or its partial WHERE) takes the filter
    /// expected to match the fewest rows, so the other filters are checked on as few entries as
    /// possible: an error code (failures are rare), the Inbox (MO is a small share of
    /// traffic), a state, a profile; with no column filter, or MT (nearly every row), creation
    /// order itself.
    fn index(&self) -> &'static str {
        if self.error_code.is_some() {
            "messages_page_error"
        } else if self.direction == Some("MO") {
            "messages_page_inbox"
        } else if self.state.is_some() {
            "messages_page_state"
        } else if self.profile_id.is_some() {
            "messages_page_profile"
        } else {
            "messages_page_created"
        }
    }

    /// `FROM messages k INDEXED BY … WHERE …` for the filters and the snapshot bound.
    fn push_from_where(&self, q: &mut QueryBuilder<Sqlite>, snapshot: &PageCursor) {
        q.push(" FROM messages k INDEXED BY ").push(self.index());
        q.push(" WHERE (k.created_at, k.id) <= (").push_bind(snapshot.created_at_ms);
        q.push(", ").push_bind(snapshot.id.clone()).push(")");
        if let Some(p) = self.profile_id {
            q.push(" AND k.profile_id = ").push_bind(p);
        }
        // A literal (from a fixed list), as the Inbox index's WHERE says it: a bound parameter
        // would not show SQLite that the partial index holds every row wanted.
        if let Some(d) = self.direction {
            q.push(format_args!(" AND k.direction = '{d}'"));
        }
        if let Some(s) = self.state {
            q.push(" AND k.state = ").push_bind(s);
        }
        if let Some(e) = &self.error_code {
            q.push(" AND k.error_code = ").push_bind(e.clone());
        }
        if let Some(t) = self.since_ms {
            q.push(" AND k.created_at >= ").push_bind(t);
        }
        if let Some(t) = self.until_ms {
            q.push(" AND k.created_at < ").push_bind(t);
        }
    }
}

/// How one page is read from the index: which way, from where, skipping how many.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Read {
    /// Newest first (DESC) or oldest first (ASC) in the index.
    descending: bool,
    /// Only rows strictly past this one in the reading direction.
    past: Option<PageCursor>,
    skip: u64,
    take: u64,
    /// The rows come back against the listing's order (Before, or a jump read from the far
    /// end) and are turned round before they are returned.
    reversed: bool,
}

/// Where a page starts, as a read of the index. Returns the read and the row number of the
/// page's first row when the anchor gives one.
fn plan(order: PageOrder, anchor: &PageAnchor, limit: u32) -> (Read, Option<u64>) {
    let newest_first = order == PageOrder::NewestFirst;
    let n = u64::from(limit);
    // One more row than asked says whether more follow.
    let forward = |past, skip| Read { descending: newest_first, past, skip, take: n + 1, reversed: false };
    match anchor {
        PageAnchor::Start => (forward(None, 0), Some(0)),
        PageAnchor::After { cursor } => (forward(Some(cursor.clone()), 0), None),
        PageAnchor::Before { cursor } => {
            (Read { descending: !newest_first, past: Some(cursor.clone()), skip: 0, take: n + 1, reversed: true }, None)
        }
        PageAnchor::Offset { offset, total } => match total {
            // Rows [offset, offset + n) counted from the far end are [total - offset - n,
            // total - offset): read them backwards and turn them round.
            Some(total) if *offset > total / 2 && *offset < *total => {
                let end = total - offset;
                let skip = end.saturating_sub(n);
                let read = Read { descending: !newest_first, past: None, skip, take: end - skip, reversed: true };
                (read, Some(*offset))
            }
            _ => (forward(None, *offset), Some(*offset)),
        },
    }
}

/// One page of the listing. Validation errors name the filter at fault.
pub async fn list_page(db: &Db, query: &PageQuery) -> Result<MessagePage, CoreError> {
    if query.limit == 0 || query.limit > MAX_PAGE_ROWS {
        return Err(CoreError::validation("limit", format!("A page holds 1 to {MAX_PAGE_ROWS} rows.")));
    }
    let mut narrow = narrow(&query.filter)?;
    // One read transaction: the snapshot, the count and the rows agree with one another.
    let mut tx = db.begin().await?;
    let snapshot = match &query.snapshot {
        Some(s) => s.clone(),
        None => newest_cursor(&mut tx).await?,
    };
    let empty = |snapshot| MessagePage { rows: Vec::new(), offset: Some(0), total: Some(0), snapshot, more: false };
    if let Some(name) = query.filter.profile.as_deref().filter(|p| !p.is_empty()) {
        match profile_id(&mut tx, name).await? {
            Some(id) => narrow.profile_id = Some(id),
            // A profile that does not exist (any more) has no messages.
            None => return Ok(empty(snapshot)),
        }
    }
    let total = if query.with_total { Some(count(&mut tx, &narrow, &snapshot).await?) } else { None };
    let (read, offset) = plan(query.order, &query.anchor, query.limit);
    let mut q = page_query("", &narrow, &snapshot, &read);
    let mut rows: Vec<MessageView> =
        q.build_query_as::<MessageRow>().fetch_all(&mut *tx).await?.into_iter().map(Into::into).collect();
    tx.commit().await?;
    let n = query.limit as usize;
    let more = match query.anchor {
        // A jump knows from the total; a backwards jump read exactly the rows it wanted.
        PageAnchor::Offset { offset, total: Some(t) } if read.reversed => offset + (n as u64) < t,
        _ => rows.len() > n,
    };
    rows.truncate(n);
    if read.reversed {
        rows.reverse();
    }
    Ok(MessagePage { rows, offset, total, snapshot, more })
}

/// The rows of one read, with the columns the table shows, in reading order.
/// `prefix` goes first (`EXPLAIN QUERY PLAN ` in tests).
fn page_query(prefix: &str, narrow: &Narrow, snapshot: &PageCursor, read: &Read) -> QueryBuilder<Sqlite> {
    let dir = if read.descending { "DESC" } else { "ASC" };
    let mut q = QueryBuilder::new(
        prefix.to_string() + concat!(super::messages::view_select!(), " WHERE m.rowid IN (SELECT k.rowid"),
    );
    narrow.push_from_where(&mut q, snapshot);
    if let Some(c) = &read.past {
        q.push(if read.descending { " AND (k.created_at, k.id) < (" } else { " AND (k.created_at, k.id) > (" });
        q.push_bind(c.created_at_ms).push(", ").push_bind(c.id.clone()).push(")");
    }
    q.push(format_args!(" ORDER BY k.created_at {dir}, k.id {dir} LIMIT "));
    q.push_bind(i64::try_from(read.take).unwrap_or(i64::MAX));
    q.push(" OFFSET ").push_bind(i64::try_from(read.skip).unwrap_or(i64::MAX));
    // The outer sort only orders the page's own rows (at most LIMIT of them).
    q.push(format_args!(") ORDER BY m.created_at {dir}, m.id {dir}"));
    q
}

/// The newest row of the whole log: the snapshot of a new listing. Before the first message,
/// a cursor no row is at or before (times are positive), so the listing is empty.
async fn newest_cursor(conn: &mut SqliteConnection) -> sqlx::Result<PageCursor> {
    let newest: Option<(i64, String)> = sqlx::query_as(
        "SELECT created_at, id FROM messages INDEXED BY messages_page_created ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .fetch_optional(conn)
    .await?;
    let (created_at_ms, id) = newest.unwrap_or((0, String::new()));
    Ok(PageCursor { created_at_ms, id })
}

async fn profile_id(conn: &mut SqliteConnection, name: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM profiles WHERE name = ?").bind(name).fetch_optional(conn).await
}

async fn count(conn: &mut SqliteConnection, narrow: &Narrow, snapshot: &PageCursor) -> sqlx::Result<u64> {
    let mut q = count_query("", narrow, snapshot);
    let n: i64 = q.build_query_scalar().fetch_one(conn).await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

fn count_query(prefix: &str, narrow: &Narrow, snapshot: &PageCursor) -> QueryBuilder<Sqlite> {
    let mut q = QueryBuilder::new(prefix.to_string() + "SELECT COUNT(*)");
    narrow.push_from_where(&mut q, snapshot);
    q
}

fn narrow(f: &PageFilter) -> Result<Narrow, CoreError> {
    let direction = match f.direction.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) if d.eq_ignore_ascii_case("MT") => Some("MT"),
        Some(d) if d.eq_ignore_ascii_case("MO") => Some("MO"),
        Some(d) => return Err(CoreError::validation("direction", format!("Direction {d:?} is neither MT nor MO."))),
    };
    let since_ms = parse_filter_time("since", f.since.as_deref())?;
    let until_ms = parse_filter_time("until", f.until.as_deref())?;
    if let (Some(s), Some(u)) = (since_ms, until_ms)
        && s >= u
    {
        return Err(CoreError::validation("until", "The end of the time range must be after its start."));
    }
    Ok(Narrow {
        profile_id: None,
        direction,
        state: f.state.map(|s| s.as_str()),
        error_code: f.error_code.as_deref().map(str::trim).filter(|e| !e.is_empty()).map(str::to_string),
        since_ms,
        until_ms,
    })
}

/// `EXPLAIN QUERY PLAN` of every statement a listing with `filter` runs (page reads forwards,
/// backwards and by a jump from either end, and the count): for tests that check each one
/// reads an index.
#[doc(hidden)]
pub async fn explain_page_queries(db: &Db, filter: &PageFilter) -> Result<Vec<(String, Vec<String>)>, CoreError> {
    let mut narrow = narrow(filter)?;
    if filter.profile.is_some() {
        narrow.profile_id = Some(1);
    }
    let snap = PageCursor { created_at_ms: i64::MAX, id: String::new() };
    let cursor = Some(snap.clone());
    let reads = [
        ("start", Read { descending: true, past: None, skip: 0, take: 101, reversed: false }),
        ("after", Read { descending: true, past: cursor.clone(), skip: 0, take: 101, reversed: false }),
        ("before", Read { descending: false, past: cursor, skip: 0, take: 101, reversed: true }),
        ("jump", Read { descending: true, past: None, skip: 5000, take: 101, reversed: false }),
    ];
    const EXPLAIN: &str = "EXPLAIN QUERY PLAN ";
    let mut statements: Vec<(String, QueryBuilder<Sqlite>)> =
        reads.iter().map(|(name, r)| ((*name).to_string(), page_query(EXPLAIN, &narrow, &snap, r))).collect();
    statements.push(("count".to_string(), count_query(EXPLAIN, &narrow, &snap)));
    let mut plans = Vec::new();
    for (name, mut q) in statements {
        let rows: Vec<(i64, i64, i64, String)> = q.build_query_as().fetch_all(db).await?;
        plans.push((name, rows.into_iter().map(|r| r.3).collect()));
    }
    Ok(plans)
}
