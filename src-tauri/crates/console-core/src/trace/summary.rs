//! The trace as plain text for a provider ticket: IDs, UTC times, states, errors and the PDUs
//! in hex. PDUs are stored with bind passwords masked, so the hex is safe to paste.

use std::fmt::Write as _;

use smpp_codec::pdu::read_header;

use crate::db::Db;
use crate::db::trace as q;
use crate::error::CoreError;
use crate::model::{TraceEvent, TraceReceipt, TraceResult, TraceStep};

/// One line per step, then each referenced PDU as hex.
pub async fn render_summary(db: &Db, result: &TraceResult) -> Result<String, CoreError> {
    let mut out = format!("SMPP Console trace of {:?} (all times UTC)\n\n", result.query);
    let mut pdu_ids = Vec::new();
    for t in &result.messages {
        let m = &t.message;
        let _ = writeln!(out, "Message {} ({}) via profile {:?}", m.id, m.direction, m.profile_name);
        let _ = writeln!(
            out,
            "  from {} to {}, {} part(s), {}, receipt {}",
            m.source,
            m.destination,
            m.parts,
            m.data_coding,
            if m.request_dlr { "requested" } else { "not requested" }
        );
        let _ = writeln!(out, "  created {} UTC, last change {} UTC", m.created_at, m.updated_at);
        let _ = write!(out, "  state: {}", m.state.as_str());
        if let Some(e) = &m.error {
            let _ = write!(out, "; error {}: {}", e.code, e.message);
        }
        if let Some(stat) = &m.receipt_stat {
            let _ = write!(out, "; receipt stat {stat} err {}", m.receipt_err.as_deref().unwrap_or("-"));
        }
        out.push('\n');
        for s in &t.segments {
            let _ = writeln!(
                out,
                "  part {}: SMSC message_id {}, {}",
                s.part,
                s.smsc_message_id.as_deref().unwrap_or("(none)"),
                s.state.as_str()
            );
        }
        out.push_str("  timeline (UTC):\n");
        for e in &t.timeline {
            let _ = writeln!(out, "    {}  {}", e.at, describe_event(e));
            pdu_ids.extend(pdu_of(&e.step));
        }
        out.push('\n');
    }
    for o in &result.orphan_receipts {
        let _ = writeln!(
            out,
            "Receipt without a logged message, profile {:?}, received {} UTC: {}",
            o.profile_name,
            o.received_at,
            receipt_line(&o.receipt)
        );
        pdu_ids.extend(o.receipt.pdu_id);
    }
    if !pdu_ids.is_empty() {
        out.push_str("\nPDUs (hex; bind passwords are masked in the log):\n");
    }
    for id in pdu_ids {
        let Some(bytes) = q::get_pdu_bytes(db, id).await? else { continue };
        let name = read_header(&bytes).and_then(|h| h.command_id.name()).unwrap_or("unknown");
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let _ = writeln!(out, "  #{id} {name}: {hex}");
    }
    Ok(out)
}

fn pdu_of(step: &TraceStep) -> Option<i64> {
    match step {
        TraceStep::SubmitSm { pdu_id, .. }
        | TraceStep::SubmitSmResp { pdu_id, .. }
        | TraceStep::Attempt { pdu_id, .. } => *pdu_id,
        TraceStep::Receipt(r) => r.pdu_id,
        _ => None,
    }
}

/// One line for a timeline step (also what `smppctl trace` prints).
pub fn describe_event(e: &TraceEvent) -> String {
    let part = e.part.map(|p| format!("part {p}: ")).unwrap_or_default();
    let pdu = |id: &Option<i64>| id.map(|i| format!(" [PDU #{i}]")).unwrap_or_default();
    let text = match &e.step {
        TraceStep::Queued => "queued".to_string(),
        TraceStep::SubmitSm { sequence_number, pdu_id } => format!(
            "submit_sm sent{}{}",
            sequence_number.map(|n| format!(" (sequence {n})")).unwrap_or_default(),
            pdu(pdu_id)
        ),
        TraceStep::SubmitSmResp { status_name, meaning, smsc_message_id, latency_ms, pdu_id, .. } => format!(
            "submit_sm_resp {status_name}{}{}: {meaning}{}",
            smsc_message_id
                .as_deref()
                .filter(|s| !s.is_empty())
                .map(|s| format!(" message_id {s}"))
                .unwrap_or_default(),
            latency_ms.map(|l| format!(" after {l} ms")).unwrap_or_default(),
            pdu(pdu_id)
        ),
        TraceStep::NoResponse { error } => format!("no submit_sm_resp: {}: {}", error.code, error.message),
        TraceStep::Attempt { event, detail, status_name, sequence_number, pdu_id } => format!(
            "{event}{}{}: {detail}{}",
            sequence_number.map(|n| format!(" (sequence {n})")).unwrap_or_default(),
            status_name.as_deref().map(|s| format!(" {s}")).unwrap_or_default(),
            pdu(pdu_id)
        ),
        TraceStep::Receipt(r) => receipt_line(r),
        TraceStep::Final { state, error } => match error {
            Some(e) => format!("final state {} ({}: {})", state.as_str(), e.code, e.message),
            None => format!("final state {}", state.as_str()),
        },
    };
    format!("{part}{text}")
}

fn receipt_line(r: &TraceReceipt) -> String {
    let mut s = format!(
        "receipt for {}: stat {} err {}",
        r.smsc_message_id,
        r.stat.as_deref().unwrap_or("-"),
        r.err.as_deref().unwrap_or("-")
    );
    if let Some(l) = r.latency_ms {
        let _ = write!(s, " after {l} ms");
    }
    if r.duplicate {
        s.push_str(" (DUPLICATE: resent by the SMSC, changed nothing)");
    }
    if r.before_response {
        s.push_str(" (arrived before the submit_sm_resp)");
    }
    if let Some(m) = &r.stat_meaning {
        let _ = write!(s, "; {m}");
    }
    if let Some(m) = &r.err_meaning {
        let _ = write!(s, " err: {m}");
    }
    if let Some(id) = r.pdu_id {
        let _ = write!(s, " [PDU #{id}]");
    }
    s
}
