//! The Messages and Inbox pages' paged listing on a real SQLite file: paging forwards and
//! backwards returns every row exactly once in order, jumps land on the right row from either
//! end, filters and both orders agree with a plain query, the snapshot keeps row numbers still
//! while messages arrive, and every statement reads an index.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::time::Instant;

use console_core::Console;
use console_core::db::message_pages::{explain_page_queries, list_page};
use console_core::model::MessageState;
use console_core::model_pages::{MessagePage, PageAnchor, PageCursor, PageFilter, PageOrder, PageQuery};

/// 2026-12-01T00:00:00Z: the fixture's first message.
const T0: i64 = 1_796_083_200_000;

/// Writes `n` messages in one statement under two profiles, "alpha" and "beta". Three messages
/// share each millisecond, with IDs that do not follow insertion order, so ties are broken by
/// the ID alone. Every 20th is MO (Received); MT ones are Undeliverable, Accepted or Delivered;
/// a few carry an error code.
async fn fill(console: &Console, n: u64, ms_per_three: i64) {
    let db = console.db();
    for name in ["alpha", "beta"] {
        sqlx::query(
            "INSERT INTO profiles (name, host, port, system_id, created_at, updated_at)
             VALUES (?, 'smsc.example', 2775, 'sys', 0, 0)",
        )
        .bind(name)
        .execute(db)
        .await
        .unwrap();
    }
    sqlx::query(
        "WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?1)
         INSERT INTO messages (id, profile_id, direction, source_addr, source_ton, source_npi, dest_addr, dest_ton,
             dest_npi, body, data_coding, alphabet, parts, request_dlr, state, error_code, error_message,
             created_at, updated_at)
         SELECT printf('m%07d', (i * 7919) % 10000000),
             (SELECT id FROM profiles WHERE name = CASE WHEN i % 3 = 0 THEN 'beta' ELSE 'alpha' END),
             CASE WHEN i % 20 = 0 THEN 'MO' ELSE 'MT' END, 'Acme', 5, 0, printf('4477009%05d', i % 50000), 1, 1,
             printf('message %d', i), 0, 'GSM7', 1, 1,
             CASE WHEN i % 20 = 0 THEN 'Received' WHEN i % 7 = 0 THEN 'Undeliverable'
                  WHEN i % 7 = 1 THEN 'Accepted' ELSE 'Delivered' END,
             CASE WHEN i % 20 != 0 AND i % 50 = 3 THEN 'ESME_RINVDSTADR'
                  WHEN i % 20 != 0 AND i % 97 = 5 THEN 'response_timeout' END,
             CASE WHEN i % 20 != 0 AND (i % 50 = 3 OR i % 97 = 5) THEN 'failed' END,
             ?2 + (i / 3) * ?3, ?2 + (i / 3) * ?3
         FROM seq",
    )
    .bind(i64::try_from(n).unwrap())
    .bind(T0)
    .bind(ms_per_three)
    .execute(db)
    .await
    .unwrap();
}

async fn fixture(n: u64) -> (tempfile::TempDir, Console) {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    fill(&console, n, 1).await;
    (dir, console)
}

/// The IDs a plain query (no index named, sorted by SQLite) lists for `condition`.
async fn expected(console: &Console, condition: &str, order: PageOrder) -> Vec<String> {
    let dir = if order == PageOrder::NewestFirst { "DESC" } else { "ASC" };
    let sql = format!("SELECT id FROM messages WHERE {condition} ORDER BY created_at {dir}, id {dir}");
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_all(console.db()).await.unwrap()
}

fn query(filter: &PageFilter, order: PageOrder, anchor: PageAnchor, limit: u32) -> PageQuery {
    PageQuery { filter: filter.clone(), order, anchor, limit, snapshot: None, with_total: false }
}

fn ids(page: &MessagePage) -> Vec<String> {
    page.rows.iter().map(|r| r.id.clone()).collect()
}

fn cursor_of(page: &MessagePage, last: bool) -> PageCursor {
    let row = if last { page.rows.last() } else { page.rows.first() }.expect("a page with rows");
    let at = time::OffsetDateTime::parse(&row.created_at, &time::format_description::well_known::Rfc3339).unwrap();
    PageCursor { created_at_ms: (at.unix_timestamp_nanos() / 1_000_000) as i64, id: row.id.clone() }
}

/// Reads the whole listing page by page from the start, then back from its last page; both
/// must list exactly `want`.
async fn walk_both_ways(console: &Console, filter: &PageFilter, order: PageOrder, want: &[String]) {
    let limit = 37;
    let mut q = query(filter, order, PageAnchor::Start, limit);
    q.with_total = true;
    let first = console.list_message_page(&q).await.unwrap();
    assert_eq!(first.total, Some(want.len() as u64), "{filter:?} {order:?}");
    assert_eq!(first.offset, Some(0));
    let snapshot = Some(first.snapshot.clone());
    let mut seen = ids(&first);
    let mut page = first;
    while page.more {
        let mut q = query(filter, order, PageAnchor::After { cursor: cursor_of(&page, true) }, limit);
        q.snapshot = snapshot.clone();
        page = console.list_message_page(&q).await.unwrap();
        assert!(!page.rows.is_empty(), "a page said more rows follow, the next one has none");
        seen.extend(ids(&page));
    }
    assert_eq!(seen, want, "forwards, {filter:?} {order:?}");

    // Backwards from the last page (reached by a jump), each page still in the listing's order.
    let total = want.len() as u64;
    let last_start = total.saturating_sub(limit.into());
    let mut q = query(filter, order, PageAnchor::Offset { offset: last_start, total: Some(total) }, limit);
    q.snapshot = snapshot.clone();
    let mut page = console.list_message_page(&q).await.unwrap();
    let mut back: Vec<Vec<String>> = vec![ids(&page)];
    let mut more = last_start > 0;
    while more {
        let mut q = query(filter, order, PageAnchor::Before { cursor: cursor_of(&page, false) }, limit);
        q.snapshot = snapshot.clone();
        page = console.list_message_page(&q).await.unwrap();
        more = page.more;
        back.push(ids(&page));
    }
    let back: Vec<String> = back.into_iter().rev().flatten().collect();
    assert_eq!(back, want, "backwards, {filter:?} {order:?}");
}

#[tokio::test]
async fn paging_forwards_and_backwards_lists_every_row_once_in_order() {
    let (_dir, console) = fixture(1000).await;
    for order in [PageOrder::NewestFirst, PageOrder::OldestFirst] {
        let want = expected(&console, "1 = 1", order).await;
        assert_eq!(want.len(), 1000);
        walk_both_ways(&console, &PageFilter::default(), order, &want).await;
    }
}

#[tokio::test]
async fn filters_agree_with_a_plain_query() {
    let (_dir, console) = fixture(3000).await;
    let at = |ms: i64| console_core_rfc3339(T0 + ms);
    let cases: Vec<(PageFilter, String)> = vec![
        (PageFilter { direction: Some("MO".into()), ..Default::default() }, "direction = 'MO'".into()),
        (PageFilter { direction: Some("mt".into()), ..Default::default() }, "direction = 'MT'".into()),
        (
            PageFilter { state: Some(MessageState::Undeliverable), ..Default::default() },
            "state = 'Undeliverable'".into(),
        ),
        (
            PageFilter { error_code: Some(" ESME_RINVDSTADR ".into()), ..Default::default() },
            "error_code = 'ESME_RINVDSTADR'".into(),
        ),
        (
            PageFilter { profile: Some("beta".into()), ..Default::default() },
            "profile_id = (SELECT id FROM profiles WHERE name = 'beta')".into(),
        ),
        (
            PageFilter { since: Some(at(100)), until: Some(at(700)), ..Default::default() },
            format!("created_at >= {} AND created_at < {}", T0 + 100, T0 + 700),
        ),
        (
            PageFilter {
                profile: Some("alpha".into()),
                direction: Some("MT".into()),
                state: Some(MessageState::Delivered),
                since: Some(at(250)),
                ..Default::default()
            },
            format!(
                "profile_id = (SELECT id FROM profiles WHERE name = 'alpha') AND direction = 'MT'
                 AND state = 'Delivered' AND created_at >= {}",
                T0 + 250
            ),
        ),
        (
            PageFilter {
                error_code: Some("response_timeout".into()),
                state: Some(MessageState::Delivered),
                ..Default::default()
            },
            "error_code = 'response_timeout' AND state = 'Delivered'".into(),
        ),
    ];
    for (filter, condition) in &cases {
        for order in [PageOrder::NewestFirst, PageOrder::OldestFirst] {
            let want = expected(&console, condition, order).await;
            assert!(!want.is_empty() && want.len() < 3000, "the fixture should exercise {condition}");
            walk_both_ways(&console, filter, order, &want).await;
        }
    }
    // The Inbox shows MO messages only, as MessageViews with their profile's name.
    let inbox = PageFilter { direction: Some("MO".into()), ..Default::default() };
    let page = console.list_message_page(&query(&inbox, PageOrder::NewestFirst, PageAnchor::Start, 10)).await.unwrap();
    assert!(page.rows.iter().all(|m| m.direction == "MO" && m.state == MessageState::Received));
    assert!(page.rows.iter().all(|m| m.profile_name == "alpha" || m.profile_name == "beta"));
    // A profile that does not exist has no messages (not an error: it may have been renamed).
    let gone = PageFilter { profile: Some("gamma".into()), ..Default::default() };
    let page = console.list_message_page(&query(&gone, PageOrder::NewestFirst, PageAnchor::Start, 10)).await.unwrap();
    assert!(page.rows.is_empty() && !page.more);
}

fn console_core_rfc3339(ms: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap();
    t.format(&time::format_description::well_known::Rfc3339).unwrap()
}

#[tokio::test]
async fn jumps_land_on_the_row_they_name_from_either_end() {
    let (_dir, console) = fixture(1000).await;
    let filter = PageFilter { direction: Some("MT".into()), ..Default::default() };
    for order in [PageOrder::NewestFirst, PageOrder::OldestFirst] {
        let want = expected(&console, "direction = 'MT'", order).await;
        let total = want.len() as u64;
        for offset in [0, 1, total / 2 - 1, total / 2, total / 2 + 1, total - 30, total - 10, total - 1] {
            for hint in [None, Some(total)] {
                let anchor = PageAnchor::Offset { offset, total: hint };
                let page = console.list_message_page(&query(&filter, order, anchor, 20)).await.unwrap();
                let end = (offset as usize + 20).min(want.len());
                assert_eq!(ids(&page), want[offset as usize..end], "offset {offset} of {total}, hint {hint:?}");
                assert_eq!(page.offset, Some(offset));
                assert_eq!(page.more, end < want.len(), "offset {offset} of {total}, hint {hint:?}");
            }
        }
    }
}

#[tokio::test]
async fn a_listing_keeps_its_snapshot_while_messages_arrive() {
    let (_dir, console) = fixture(300).await;
    let mut q = query(&PageFilter::default(), PageOrder::NewestFirst, PageAnchor::Start, 50);
    q.with_total = true;
    let first = console.list_message_page(&q).await.unwrap();
    assert_eq!(first.total, Some(300));
    // A newer message arrives (as a bulk send would write it).
    sqlx::query(
        "INSERT INTO messages (id, profile_id, direction, source_addr, source_ton, source_npi, dest_addr, dest_ton,
             dest_npi, body, data_coding, alphabet, parts, request_dlr, state, created_at, updated_at)
         SELECT 'zz-new', profile_id, 'MT', source_addr, 5, 0, dest_addr, 1, 1, 'new', 0, 'GSM7', 1, 1, 'Queued',
             created_at + 1000, created_at + 1000 FROM messages WHERE id = ?",
    )
    .bind(&first.rows[0].id)
    .execute(console.db())
    .await
    .unwrap();
    // The same listing: the same first row and count; the new one is left to its event.
    let mut again = q.clone();
    again.snapshot = Some(first.snapshot.clone());
    let same = console.list_message_page(&again).await.unwrap();
    assert_eq!(ids(&same), ids(&first));
    assert_eq!(same.total, Some(300));
    assert_eq!(same.snapshot, first.snapshot);
    // A new listing starts from it.
    let fresh = console.list_message_page(&q).await.unwrap();
    assert_eq!(fresh.rows[0].id, "zz-new");
    assert_eq!(fresh.total, Some(301));
    assert_eq!(fresh.snapshot.id, "zz-new");
}

#[tokio::test]
async fn an_empty_log_lists_nothing_and_bad_requests_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let mut q = query(&PageFilter::default(), PageOrder::NewestFirst, PageAnchor::Start, 100);
    q.with_total = true;
    let page = console.list_message_page(&q).await.unwrap();
    assert!(page.rows.is_empty() && !page.more);
    assert_eq!(page.total, Some(0));

    let bad = [
        (PageQuery { limit: 0, ..q.clone() }, "limit"),
        (PageQuery { limit: 1001, ..q.clone() }, "limit"),
        (
            PageQuery { filter: PageFilter { direction: Some("XX".into()), ..Default::default() }, ..q.clone() },
            "MT nor MO",
        ),
        (
            PageQuery { filter: PageFilter { since: Some("yesterday".into()), ..Default::default() }, ..q.clone() },
            "RFC 3339",
        ),
        (
            PageQuery {
                filter: PageFilter {
                    since: Some("2026-12-03T10:00:00Z".into()),
                    until: Some("2026-12-03T09:00:00Z".into()),
                    ..Default::default()
                },
                ..q.clone()
            },
            "after its start",
        ),
    ];
    for (q, says) in bad {
        let e = console.list_message_page(&q).await.unwrap_err();
        assert_eq!(e.code(), "validation");
        let text = e.to_string();
        assert!(text.contains(says) || (says == "limit" && text.contains("1 to 1000")), "{text}");
    }
}

/// Every statement of every kind of listing reads one of the page indexes in order: a search
/// (or an ordered scan of the index for the whole log), never a table scan and never a sort of
/// the matching rows. The plans do not depend on the row count: the index is named.
#[tokio::test]
async fn every_page_statement_reads_an_index() {
    let (_dir, console) = fixture(300).await;
    let filters = [
        (PageFilter::default(), "messages_page_created"),
        (PageFilter { direction: Some("MO".into()), ..Default::default() }, "messages_page_inbox"),
        (PageFilter { direction: Some("MT".into()), ..Default::default() }, "messages_page_created"),
        (PageFilter { state: Some(MessageState::Delivered), ..Default::default() }, "messages_page_state"),
        (PageFilter { error_code: Some("ESME_RTHROTTLED".into()), ..Default::default() }, "messages_page_error"),
        (PageFilter { profile: Some("alpha".into()), ..Default::default() }, "messages_page_profile"),
        (
            PageFilter {
                profile: Some("alpha".into()),
                state: Some(MessageState::Delivered),
                since: Some("2026-12-01T00:00:00Z".into()),
                until: Some("2026-12-02T00:00:00Z".into()),
                ..Default::default()
            },
            "messages_page_state",
        ),
    ];
    for (filter, index) in filters {
        let plans = explain_page_queries(console.db(), &filter).await.unwrap();
        assert_eq!(plans.len(), 5);
        for (name, details) in plans {
            let reads_index = details.iter().any(|d| d.starts_with("SEARCH k USING") || d.starts_with("SCAN k USING"));
            assert!(reads_index && details.iter().any(|d| d.contains(index)), "{filter:?} {name}: {details:?}");
            for d in &details {
                let table_scan = d.starts_with("SCAN") && !d.contains("USING");
                assert!(!table_scan, "{filter:?} {name}: {details:?}");
            }
            // Only the outer query may sort, and it sorts the page's own rows.
            let sorts = details.iter().filter(|d| d.contains("TEMP B-TREE")).count();
            assert!(sorts <= usize::from(name != "count"), "{filter:?} {name}: {details:?}");
        }
    }
}

/// Page latency on a million messages (run by hand: `cargo nextest run -p console-core --test
/// message_pages --run-ignored only --no-capture`, in release for numbers worth quoting).
/// Prints timings; asserts nothing about them.
#[tokio::test]
#[ignore = "fills a million messages: a benchmark, run by hand"]
async fn page_latency_on_a_million_messages() {
    let n: u64 = std::env::var("PAGE_BENCH_ROWS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let t = Instant::now();
    fill(&console, n, 30).await;
    eprintln!("filled {n} messages in {:?}", t.elapsed());
    let filters = [
        ("all", PageFilter::default()),
        ("inbox (MO)", PageFilter { direction: Some("MO".into()), ..Default::default() }),
        ("state Undeliverable", PageFilter { state: Some(MessageState::Undeliverable), ..Default::default() }),
        ("profile alpha", PageFilter { profile: Some("alpha".into()), ..Default::default() }),
        (
            "profile alpha + state Delivered",
            PageFilter { profile: Some("alpha".into()), state: Some(MessageState::Delivered), ..Default::default() },
        ),
    ];
    for (label, filter) in filters {
        let time = |q: PageQuery| {
            let console = console.clone();
            async move {
                let t = Instant::now();
                let page = console.list_message_page(&q).await.unwrap();
                (t.elapsed(), page)
            }
        };
        let mut q = query(&filter, PageOrder::NewestFirst, PageAnchor::Start, 100);
        q.with_total = true;
        let (with_count, first) = time(q.clone()).await;
        let total = first.total.unwrap();
        q.with_total = false;
        q.snapshot = Some(first.snapshot.clone());
        let (start, _) = time(q.clone()).await;
        let (after, _) =
            time(PageQuery { anchor: PageAnchor::After { cursor: cursor_of(&first, true) }, ..q.clone() }).await;
        let jump = |offset| PageQuery { anchor: PageAnchor::Offset { offset, total: Some(total) }, ..q.clone() };
        let (mid, mid_page) = time(jump(total * 45 / 100)).await;
        let (deep, _) = time(jump(total * 9 / 10)).await;
        let (before, _) =
            time(PageQuery { anchor: PageAnchor::Before { cursor: cursor_of(&mid_page, false) }, ..q.clone() }).await;
        let (direct, _) = {
            let t = Instant::now();
            let page = list_page(console.db(), &q).await.unwrap();
            (t.elapsed(), page)
        };
        eprintln!(
            "{label}: {total} rows; first page with count {with_count:?}, page from start {start:?} \
             (db fn {direct:?}), after {after:?}, before {before:?}, jump to 45% {mid:?}, jump to 90% {deep:?}"
        );
    }
}
