//! A message's state from the states of its parts.

use crate::db::segments::Segment;
use crate::model::{ApiError, MessageState};

/// The whole-message view of its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rolled {
    pub state: MessageState,
    pub error: Option<ApiError>,
    pub receipt_stat: Option<String>,
    pub receipt_err: Option<String>,
}

/// Failures dominate (the first failing part names the error); a message is Delivered only
/// when every part is; parts still waiting keep the message waiting. Receipt fields come from
/// the part that decided the state, else from the first part with a receipt.
pub fn rollup(segments: &[Segment]) -> Rolled {
    use MessageState::*;
    let severity = |s: MessageState| match s {
        SubmitFailed | Failed => 9,
        Undeliverable | Rejected => 8,
        Expired | Deleted => 7,
        UnknownOutcome | ReceiptUnknown => 6,
        Queued => 5,
        Submitted => 4,
        Accepted => 3,
        Enroute => 2,
        Delivered | Received => 1,
    };
    let deciding = segments.iter().max_by_key(|s| (severity(s.state()), std::cmp::Reverse(s.part_no)));
    let Some(deciding) = deciding else {
        return Rolled { state: Failed, error: None, receipt_stat: None, receipt_err: None };
    };
    let state = match deciding.state() {
        // Some parts delivered and others only accepted: still on its way.
        Accepted if segments.iter().any(|s| s.state() == Delivered) => Enroute,
        s => s,
    };
    let with_receipt = if deciding.receipt_stat.is_some() {
        Some(deciding)
    } else {
        segments.iter().find(|s| s.receipt_stat.is_some())
    };
    Rolled {
        state,
        error: deciding
            .error_code
            .clone()
            .map(|code| ApiError { code, message: deciding.error_message.clone().unwrap_or_default() }),
        receipt_stat: with_receipt.and_then(|s| s.receipt_stat.clone()),
        receipt_err: with_receipt.and_then(|s| s.receipt_err.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MessageState::*;

    fn seg(part_no: i64, state: MessageState, stat: Option<&str>) -> Segment {
        Segment {
            id: part_no,
            message_id: "m".into(),
            part_no,
            state: state.as_str().into(),
            error_code: matches!(state, SubmitFailed).then(|| "ESME_RINVDSTADR".into()),
            error_message: None,
            receipt_stat: stat.map(Into::into),
            receipt_err: stat.map(|_| "000".into()),
            smsc_message_id: None,
        }
    }

    #[test]
    fn states_roll_up() {
        assert_eq!(rollup(&[seg(1, Delivered, Some("DELIVRD"))]).state, Delivered);
        assert_eq!(rollup(&[seg(1, Delivered, Some("DELIVRD")), seg(2, Accepted, None)]).state, Enroute);
        assert_eq!(rollup(&[seg(1, Delivered, Some("DELIVRD")), seg(2, Delivered, Some("DELIVRD"))]).state, Delivered);
        let r = rollup(&[seg(1, Delivered, Some("DELIVRD")), seg(2, Undeliverable, Some("UNDELIV"))]);
        assert_eq!((r.state, r.receipt_stat.as_deref()), (Undeliverable, Some("UNDELIV")));
        let r = rollup(&[seg(1, Accepted, None), seg(2, SubmitFailed, None)]);
        assert_eq!((r.state, r.error.unwrap().code.as_str()), (SubmitFailed, "ESME_RINVDSTADR"));
        assert_eq!(rollup(&[seg(1, Accepted, None), seg(2, Submitted, None)]).state, Submitted);
        assert_eq!(rollup(&[]).state, Failed);
    }
}
