//! "What happened to this message?": find messages by any ID, number or text a user has at
//! hand, and lay out each one's timeline from the log (segments, PDUs, receipts).
//!
//! Deliberately read-only: a trace never changes the log, so it is safe on a live database.

mod receipt_err;
mod summary;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

use smpp_codec::message_id::{correlation_keys, ids_match};
use smpp_codec::receipt;
use smpp_codec::{CommandId, Pdu, status};

use crate::clock::{parse_filter_time, rfc3339};
use crate::db::trace::{self as q, MessageFilter, TraceReceiptRow, TraceSegmentRow};
use crate::db::{Db, messages, segment_events};
use crate::error::CoreError;
use crate::model::{
    ApiError, MessageState, TraceEvent, TraceFilters, TraceMatch, TraceOrphan, TraceReceipt, TraceResult, TraceSegment,
    TraceStep, TracedMessage,
};
use crate::receipts::receipt_facts;

pub(crate) use receipt_err::explain_receipt_err;
pub use summary::describe_event;
pub use summary::render_summary;

const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 1000;

/// A receipt is logged just after the deliver_sm that carried it (the PDU is logged as it is
/// read, the receipt once handled); this is how far back its PDU is looked for. Nothing after
/// the receipt is considered, or a quick duplicate's PDU would be taken for the original's.
const RECEIPT_PDU_BEFORE_MS: i64 = 10_000;
/// deliver_sm PDUs read first when looking for a receipt's, then at most this many.
const RECEIPT_PDU_FIRST_LOOK: u32 = 4;
const RECEIPT_PDU_CANDIDATES: u32 = 50;

/// The filters in stored form, or a validation error naming the bad one.
pub(crate) fn message_filter(f: &TraceFilters) -> Result<MessageFilter, CoreError> {
    let direction = match f.direction.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) if d.eq_ignore_ascii_case("MT") => Some("MT".to_string()),
        Some(d) if d.eq_ignore_ascii_case("MO") => Some("MO".to_string()),
        Some(d) => return Err(CoreError::validation("direction", format!("Direction {d:?} is neither MT nor MO."))),
    };
    let to = match f.to.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(t) => Some(phone_digits(t).ok_or_else(|| {
            CoreError::validation(
                "to",
                format!("{t:?} is not a phone number: use digits, optionally with + spaces or dashes."),
            )
        })?),
    };
    let limit = f.limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(CoreError::validation("limit", format!("The limit must be between 1 and {MAX_LIMIT}.")));
    }
    Ok(MessageFilter {
        profile: f.profile.clone().filter(|p| !p.is_empty()),
        direction,
        state: f.state.map(|s| s.as_str().to_string()),
        error_code: f.error_code.clone().filter(|e| !e.trim().is_empty()).map(|e| e.trim().to_string()),
        to,
        since_ms: parse_filter_time("since", f.since.as_deref())?,
        until_ms: parse_filter_time("until", f.until.as_deref())?,
        limit,
    })
}

/// The digits of a phone number written with `+`, spaces, dashes, dots or parentheses;
/// None if anything else is in it or it is too short or long to be a number.
pub fn phone_digits(s: &str) -> Option<String> {
    let s = s.trim();
    if !s.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '.' | '(' | ')')) {
        return None;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    (3..=20).contains(&digits.len()).then_some(digits)
}

fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A Twilio segment SID ("SM", "MM" or "YV" and 32 hex digits) or a Telesign 32-hex reference.
fn is_provider_id(s: &str) -> bool {
    let hex32 = |h: &str| h.len() == 32 && h.bytes().all(|b| b.is_ascii_hexdigit());
    hex32(s) || (s.len() == 34 && ["SM", "MM", "YV"].iter().any(|p| s[..2].eq_ignore_ascii_case(p)) && hex32(&s[2..]))
}

/// How orphan receipts' IDs are indexed (lowercase, leading zeros stripped) for each form an
/// ID with these correlation keys can take.
fn orphan_forms(keys: &[String]) -> Vec<String> {
    let mut forms = Vec::new();
    for k in keys {
        if let Some(hex) = k.strip_prefix("n:") {
            forms.push(hex.trim_start_matches('0').to_string());
            if let Ok(v) = u128::from_str_radix(hex, 16) {
                forms.push(v.to_string().trim_start_matches('0').to_string());
            }
        } else if let Some(s) = k.strip_prefix("s:") {
            forms.push(s.to_string());
        }
    }
    forms.sort();
    forms.dedup();
    forms
}

/// Finds messages (and orphan receipts) for `query` and lays out their timelines.
pub async fn trace(db: &Db, query: &str, filters: &TraceFilters) -> Result<TraceResult, CoreError> {
    let query = query.trim();
    if query.is_empty() {
        return Err(CoreError::validation(
            "query",
            "Enter a message ID, an SMSC message_id, a phone number or some of the text.",
        ));
    }
    let f = message_filter(filters)?;
    let mut tried = Vec::new();
    let mut found: Vec<(String, TraceMatch)> = Vec::new();
    let add = |ids: Vec<String>, how: TraceMatch, found: &mut Vec<(String, TraceMatch)>| {
        for id in ids {
            if !found.iter().any(|(f, _)| *f == id) {
                found.push((id, how));
            }
        }
    };
    let single_token = !query.contains(char::is_whitespace) && query.len() <= 64;
    if is_uuid(query) {
        tried.push(TraceMatch::OurId);
        add(q::find_message_ids_by_id(db, query, &f).await?, TraceMatch::OurId, &mut found);
    }
    // The ID and the number readings are independent: read side by side, added in this order.
    let number = phone_digits(query);
    let keys = if single_token { correlation_keys(query) } else { Vec::new() };
    let by_smsc_id = async {
        if !single_token {
            return Ok((Vec::new(), Vec::new()));
        }
        let forms = orphan_forms(&keys);
        let (segments, orphans) =
            tokio::try_join!(q::find_segment_ids_by_smsc_id(db, &keys, query), q::find_orphan_receipts(db, &forms))?;
        Ok::<_, sqlx::Error>((q::find_message_ids_by_segments(db, &segments, &f).await?, orphans))
    };
    let by_number = async {
        match &number {
            Some(digits) => q::find_message_ids_by_number(db, digits, &f).await,
            None => Ok(Vec::new()),
        }
    };
    let ((smsc_matches, orphan_rows), number_matches) = tokio::try_join!(by_smsc_id, by_number)?;
    let mut orphans = Vec::new();
    if single_token {
        tried.push(TraceMatch::SmscId);
        add(smsc_matches, TraceMatch::SmscId, &mut found);
        for r in orphan_rows {
            let in_filter = f.profile.as_ref().is_none_or(|p| *p == r.profile_name)
                && f.since_ms.is_none_or(|t| r.received_at >= t)
                && f.until_ms.is_none_or(|t| r.received_at < t);
            if in_filter && ids_match(&r.smsc_message_id, query) {
                orphans.push(r);
            }
        }
    }
    if number.is_some() {
        tried.push(TraceMatch::Number);
        add(number_matches, TraceMatch::Number, &mut found);
    }
    let id_shaped = is_uuid(query) || is_provider_id(query) || number.is_some();
    if found.is_empty() && orphans.is_empty() && !id_shaped {
        tried.push(TraceMatch::Text);
        add(q::find_message_ids_by_text(db, query, &f).await?, TraceMatch::Text, &mut found);
    }

    // Newest first over all readings, then cut to the limit before building timelines (one
    // message needs no ordering).
    let mut dated = Vec::with_capacity(found.len());
    if found.len() == 1 {
        dated.extend(found.into_iter().map(|(id, how)| (0, id, how)));
    } else {
        for (id, how) in found {
            if let Some((created, _)) = q::get_message_times(db, &id).await? {
                dated.push((created, id, how));
            }
        }
    }
    dated.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
    let truncated = dated.len() > f.limit as usize;
    dated.truncate(f.limit as usize);
    // Timelines are built side by side (the pool has several read connections): each is a
    // dozen small lookups, and a number with 20 messages would otherwise wait for them in turn.
    let builds = dated.into_iter().map(|(_, id, how)| {
        let db = db.clone();
        async move { trace_message(&db, &id, how).await }
    });
    let traced: Vec<TracedMessage> = side_by_side(builds).await?.into_iter().flatten().collect();
    let mut used = HashSet::new();
    let mut orphan_receipts = Vec::with_capacity(orphans.len());
    for r in orphans {
        orphan_receipts.push(TraceOrphan {
            profile_name: r.profile_name.clone(),
            received_at: rfc3339(r.received_at),
            receipt: explain_receipt(db, &r, None, &mut used).await?,
        });
    }
    Ok(TraceResult { query: query.to_string(), tried, messages: traced, orphan_receipts, truncated })
}

/// The filtered log, newest first; the flag says more matched than the limit.
pub async fn list_messages_filtered(
    db: &Db,
    filters: &TraceFilters,
) -> Result<(Vec<crate::model::MessageView>, bool), CoreError> {
    let f = message_filter(filters)?;
    let mut ids = q::list_message_ids(db, &f).await?;
    let truncated = ids.len() > f.limit as usize;
    ids.truncate(f.limit as usize);
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(v) = messages::get_message_view(db, &id).await? {
            out.push(v);
        }
    }
    Ok((out, truncated))
}

/// What a part's timeline is built from: its submit_sm and response PDU ids, its events and its
/// receipts.
type PartFacts = ((Option<i64>, Option<i64>), Vec<segment_events::SegmentEvent>, Vec<TraceReceiptRow>);

/// The facts of every part, read side by side (each is a few small lookups, and the pool has
/// several read connections), in part order.
async fn part_facts(db: &Db, rows: &[TraceSegmentRow]) -> Result<Vec<PartFacts>, CoreError> {
    let reads = rows.iter().map(|s| {
        let (db, s) = (db.clone(), s.clone());
        async move {
            tokio::try_join!(
                exchange_pdus(&db, &s),
                async { Ok(segment_events::list_events_for_segment(&db, s.id).await?) },
                async { Ok(q::list_receipts_for_segment(&db, s.id).await?) },
            )
        }
    });
    side_by_side(reads).await
}

/// Runs `tasks` as tasks of their own (so they proceed in parallel) and returns their results
/// in the order given, or the first error.
async fn side_by_side<T, F>(tasks: impl IntoIterator<Item = F>) -> Result<Vec<T>, CoreError>
where
    T: Send + 'static,
    F: std::future::Future<Output = Result<T, CoreError>> + Send + 'static,
{
    let mut set = tokio::task::JoinSet::new();
    for (k, task) in tasks.into_iter().enumerate() {
        set.spawn(async move { (k, task.await) });
    }
    let mut out = Vec::with_capacity(set.len());
    while let Some(done) = set.join_next().await {
        // A task that panicked is a bug: let the panic through, as if it had run here.
        let (k, result) = done.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
        out.push((k, result?));
    }
    out.sort_by_key(|(k, _)| *k);
    Ok(out.into_iter().map(|(_, r)| r).collect())
}

/// One message with its timeline.
pub async fn trace_message(db: &Db, id: &str, how: TraceMatch) -> Result<Option<TracedMessage>, CoreError> {
    let (message, facts, rows) = tokio::try_join!(
        messages::get_message_view(db, id),
        q::get_message_preset_and_times(db, id),
        q::list_trace_segments(db, id),
    )?;
    let Some(message) = message else { return Ok(None) };
    let (preset, created, updated) = facts.unwrap_or_default();
    let parts = part_facts(db, &rows).await?;
    let multipart = rows.len() > 1;
    // (sort group, time, step order, event): the final state always comes last.
    let mut events: Vec<(u8, i64, u8, TraceEvent)> = Vec::new();
    let mut push = |group: u8, at: i64, order: u8, part: Option<u32>, step: TraceStep| {
        events.push((group, at, order, TraceEvent { at: rfc3339(at), part, step }));
    };
    if message.direction == "MT" {
        push(0, created, 0, None, TraceStep::Queued);
    }
    let mut segments = Vec::with_capacity(rows.len());
    let mut used_pdus = HashSet::new();
    for (s, ((submit_pdu, resp_pdu), part_events, receipts)) in rows.iter().zip(parts) {
        let part = u32::try_from(s.part_no).ok();
        let seg_state = MessageState::parse(&s.state).unwrap_or(MessageState::UnknownOutcome);
        let error =
            s.error_code.clone().map(|code| ApiError { code, message: s.error_message.clone().unwrap_or_default() });
        if let Some(at) = s.submitted_at {
            let sequence_number = s.sequence_number.and_then(|n| u32::try_from(n).ok());
            push(0, at, 1, part, TraceStep::SubmitSm { sequence_number, pdu_id: submit_pdu });
        }
        match (s.command_status, s.responded_at) {
            (Some(code), Some(at)) => {
                let code = u32::try_from(code).unwrap_or(u32::MAX);
                push(
                    0,
                    at,
                    2,
                    part,
                    TraceStep::SubmitSmResp {
                        command_status: code,
                        status_name: status::name(code),
                        meaning: status::describe(code),
                        smsc_message_id: s.smsc_message_id.clone(),
                        latency_ms: latency(s.submitted_at, at),
                        pdu_id: resp_pdu,
                    },
                );
            }
            _ => {
                if let Some(e) = &error {
                    // The failure's moment is not stored per part; the message's last change
                    // is when it was recorded.
                    let at = updated.max(s.submitted_at.unwrap_or(s.queued_at));
                    push(0, at, 2, part, TraceStep::NoResponse { error: e.clone() });
                }
            }
        }
        for ev in part_events {
            let pdu_id = attempt_pdu(db, &ev).await?;
            let step = TraceStep::Attempt {
                status_name: ev.command_status.and_then(|c| u32::try_from(c).ok()).map(status::name),
                sequence_number: ev.sequence_number.and_then(|n| u32::try_from(n).ok()),
                event: ev.kind,
                detail: ev.detail,
                pdu_id,
            };
            push(0, ev.at, 2, part, step);
        }
        for r in &receipts {
            let explained = explain_receipt(db, r, Some(s), &mut used_pdus).await?;
            push(0, r.received_at, 3, part, TraceStep::Receipt(explained));
        }
        if multipart {
            let at = s.receipt_at.or(s.responded_at).or(s.submitted_at).unwrap_or(s.queued_at);
            push(1, at, 4, part, TraceStep::Final { state: seg_state, error: error.clone() });
        }
        segments.push(TraceSegment {
            part: part.unwrap_or(0),
            state: seg_state,
            smsc_message_id: s.smsc_message_id.clone(),
            error,
            receipts: u32::try_from(receipts.len()).unwrap_or(u32::MAX),
        });
    }
    push(2, updated, 5, None, TraceStep::Final { state: message.state, error: message.error.clone() });
    events.sort_by_key(|(group, at, order, e)| (*group, *at, *order, e.part));
    let timeline = events.into_iter().map(|(_, _, _, e)| e).collect();
    Ok(Some(TracedMessage { message, matched_by: how, preset, segments, timeline }))
}

fn latency(from: Option<i64>, to: i64) -> Option<u32> {
    from.and_then(|f| u32::try_from(to - f).ok())
}

/// The SMSC's answer to an earlier attempt (submit_sm_resp or generic_nack with its
/// sequence_number on its connection), nearest the event's time.
async fn attempt_pdu(db: &Db, ev: &segment_events::SegmentEvent) -> Result<Option<i64>, CoreError> {
    let (Some(conn), Some(seq)) = (ev.connection_id, ev.sequence_number) else { return Ok(None) };
    let answers = [i64::from(CommandId::SUBMIT_SM_RESP.0), i64::from(CommandId::GENERIC_NACK.0)];
    let pdus = q::list_pdus_for_sequence(db, conn, seq).await?;
    Ok(pdus.iter().filter(|p| answers.contains(&p.command_id)).min_by_key(|p| (p.at - ev.at).abs()).map(|p| p.id))
}

/// The submit_sm and its response (or generic_nack) in the PDU log, nearest the recorded times.
async fn exchange_pdus(db: &Db, s: &TraceSegmentRow) -> Result<(Option<i64>, Option<i64>), CoreError> {
    let (Some(conn), Some(seq)) = (s.connection_id, s.sequence_number) else { return Ok((None, None)) };
    let pdus = q::list_pdus_for_sequence(db, conn, seq).await?;
    let nearest = |ids: &[i64], target: Option<i64>| {
        let target = target.or(s.submitted_at).unwrap_or(s.queued_at);
        pdus.iter().filter(|p| ids.contains(&p.command_id)).min_by_key(|p| (p.at - target).abs()).map(|p| p.id)
    };
    let submit = nearest(&[i64::from(CommandId::SUBMIT_SM.0)], s.submitted_at);
    let resp = nearest(&[i64::from(CommandId::SUBMIT_SM_RESP.0), i64::from(CommandId::GENERIC_NACK.0)], s.responded_at);
    Ok((submit, resp))
}

/// A receipt row, explained, with the deliver_sm that carried it when it is in the PDU log.
async fn explain_receipt(
    db: &Db,
    r: &TraceReceiptRow,
    segment: Option<&TraceSegmentRow>,
    used: &mut HashSet<i64>,
) -> Result<TraceReceipt, CoreError> {
    let state = r
        .message_state
        .and_then(|v| u8::try_from(v).ok())
        .and_then(receipt::MessageState::from_u8)
        .or_else(|| r.stat.as_deref().and_then(receipt::MessageState::from_stat));
    let stat = r.stat.clone().or_else(|| state.map(|s| s.stat().to_string()));
    let pdu_id = match r.connection_id {
        Some(conn) => receipt_pdu(db, conn, r, used).await?,
        None => None,
    };
    Ok(TraceReceipt {
        receipt_id: r.id,
        smsc_message_id: r.smsc_message_id.clone(),
        stat,
        stat_meaning: state.map(|s| s.meaning().to_string()),
        err: r.err.clone(),
        err_meaning: r.err.as_deref().and_then(|e| explain_receipt_err(&r.preset, e)),
        duplicate: r.duplicate,
        before_response: segment.and_then(|s| s.responded_at).is_some_and(|t| r.received_at < t),
        latency_ms: segment.and_then(|s| latency(s.submitted_at, r.received_at)),
        pdu_id,
    })
}

/// The latest deliver_sm not yet claimed, logged before the receipt, that names its ID.
async fn receipt_pdu(
    db: &Db,
    conn: i64,
    r: &TraceReceiptRow,
    used: &mut HashSet<i64>,
) -> Result<Option<i64>, CoreError> {
    // The receipt is logged right after its deliver_sm, so it is nearly always among the
    // latest few; a busy connection (many receipts in the same moments) needs the wider look.
    let from = r.received_at - RECEIPT_PDU_BEFORE_MS;
    for limit in [RECEIPT_PDU_FIRST_LOOK, RECEIPT_PDU_CANDIDATES] {
        let candidates = q::list_deliver_pdus_between(db, conn, from, r.received_at, limit).await?;
        let looked_at_all = candidates.len() < limit as usize;
        for (id, bytes) in candidates {
            if used.contains(&id) {
                continue;
            }
            let Ok(decoded) = Pdu::decode(&bytes) else { continue };
            let smpp_codec::Body::DeliverSm(sm) = decoded.pdu.body else { continue };
            if receipt_facts(&sm).smsc_message_id == r.smsc_message_id {
                used.insert(id);
                return Ok(Some(id));
            }
        }
        if looked_at_all {
            break;
        }
    }
    Ok(None)
}

#[cfg(test)]
mod reading_tests {
    use super::*;

    #[test]
    fn numbers_ids_and_filters_are_read() {
        assert_eq!(phone_digits("+44 7700-900 123").as_deref(), Some("447700900123"));
        assert_eq!(phone_digits("(555) 123.4567").as_deref(), Some("5551234567"));
        assert_eq!(phone_digits("12"), None);
        assert_eq!(phone_digits("44a77"), None);
        assert!(is_uuid("0192f0c4-6a1b-7c3d-8e4f-a1b2c3d4e5f6"));
        assert!(!is_uuid("0192f0c4-6a1b-7c3d-8e4f"));
        assert!(is_provider_id("YV0123456789abcdef0123456789abcdef"));
        assert!(is_provider_id("sm0123456789ABCDEF0123456789ABCDEF"));
        assert!(is_provider_id("0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E"));
        assert!(!is_provider_id("hello"));
        assert_eq!(orphan_forms(&correlation_keys("00A1B2")), ["41394", "a1b2"]);
        assert_eq!(orphan_forms(&correlation_keys("YVabc")), ["yvabc"]);
        let bad = TraceFilters { direction: Some("up".into()), ..Default::default() };
        assert_eq!(message_filter(&bad).unwrap_err().code(), "validation");
        let bad = TraceFilters { since: Some("yesterday".into()), ..Default::default() };
        assert!(message_filter(&bad).unwrap_err().to_string().contains("RFC 3339"));
        let ok = TraceFilters {
            direction: Some("mo".into()),
            to: Some("+1 555 0100".into()),
            since: Some("2026-12-03T08:00:00Z".into()),
            ..Default::default()
        };
        let f = message_filter(&ok).unwrap();
        assert_eq!((f.direction.as_deref(), f.to.as_deref(), f.limit), (Some("MO"), Some("15550100"), 50));
        assert_eq!(f.since_ms, Some(1_796_284_800_000));
    }
}
