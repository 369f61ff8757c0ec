//! One ESME connection to the simulator.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use smpp_codec::pdu::{Bind, BindResp, Body, Pdu, ShortMessage, SmResp};
use smpp_codec::{next_frame_len, status};
use time::OffsetDateTime;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, watch};

use crate::receipts::{receipt_for, wants_receipt};
use crate::server::{Receiver, Shared};

struct Conn {
    id: u64,
    shared: Arc<Shared>,
    bound: Option<Bind>,
    next_seq: u32,
    out: Vec<u8>,
    deliver_tx: mpsc::Sender<Pdu>,
    closing: bool,
    /// A fault says: close now, sending nothing more.
    dropping: bool,
    /// submit_sm received on this connection (the drop fault counts these).
    submits: u32,
    /// Responses held back by `Faults::response_delay`, oldest first.
    delayed: VecDeque<(tokio::time::Instant, Vec<u8>)>,
}

pub(crate) async fn serve(stream: TcpStream, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let (mut reader, mut writer) = stream.into_split();
    let (deliver_tx, mut deliver_rx) = mpsc::channel::<Pdu>(1024);
    let mut c = Conn {
        id: shared.connection_id(),
        shared,
        bound: None,
        next_seq: 1,
        out: Vec::new(),
        deliver_tx,
        closing: false,
        dropping: false,
        submits: 0,
        delayed: VecDeque::new(),
    };
    let mut buf = vec![0u8; 16 * 1024];
    let mut pending: Vec<u8> = Vec::new();
    let mut unbind_sent_at: Option<tokio::time::Instant> = None;
    loop {
        if c.dropping {
            tracing::info!("smsc-sim: dropping connection {} (fault: drop_after)", c.id);
            break;
        }
        if !c.out.is_empty() {
            let out = std::mem::take(&mut c.out);
            if writer.write_all(&out).await.is_err() {
                break;
            }
        }
        // An unbind_resp held back by the response delay still goes out before we close.
        if c.closing && c.delayed.is_empty() {
            break;
        }
        let unbind_deadline = unbind_sent_at.map(|t| t + Duration::from_secs(1));
        let next_delayed = c.delayed.front().map(|(at, _)| *at);
        tokio::select! {
            read = reader.read(&mut buf) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    pending.extend_from_slice(&buf[..n]);
                    loop {
                        match next_frame_len(&pending, smpp_codec::frame::DEFAULT_MAX_PDU_LEN) {
                            Ok(Some(len)) => {
                                let frame: Vec<u8> = pending.drain(..len).collect();
                                c.handle_frame(&frame);
                                if c.dropping {
                                    break;
                                }
                            }
                            Ok(None) => break,
                            Err(e) => {
                                tracing::warn!("smsc-sim: closing connection: {e}");
                                c.closing = true;
                                break;
                            }
                        }
                    }
                }
            },
            Some(mut pdu) = deliver_rx.recv() => {
                if !c.shared.faults().silent {
                    pdu.sequence_number = c.alloc_seq();
                    c.send(&pdu);
                }
            },
            () = sleep_until(next_delayed) => {
                let now = tokio::time::Instant::now();
                while let Some((at, bytes)) = c.delayed.pop_front() {
                    if at > now {
                        c.delayed.push_front((at, bytes));
                        break;
                    }
                    c.out.extend_from_slice(&bytes);
                }
            },
            _ = stop.changed(), if unbind_sent_at.is_none() => {
                if c.bound.is_some() {
                    let seq = c.alloc_seq();
                    c.send(&Pdu::new(seq, Body::Unbind));
                    unbind_sent_at = Some(tokio::time::Instant::now());
                } else {
                    c.closing = true;
                }
            },
            () = sleep_until(unbind_deadline) => break,
        }
    }
    c.unregister();
    let _ = writer.shutdown().await;
}

async fn sleep_until(at: Option<tokio::time::Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

impl Conn {
    fn alloc_seq(&mut self) -> u32 {
        let s = self.next_seq;
        self.next_seq = if s >= 0x7FFF_FFFF { 1 } else { s + 1 };
        s
    }

    fn send(&mut self, pdu: &Pdu) {
        match pdu.to_bytes() {
            Ok(b) => self.out.extend_from_slice(&b),
            Err(e) => tracing::error!("smsc-sim: cannot encode {}: {e}", pdu.command_id()),
        }
    }

    /// Queues a response, subject to the silence and delay faults.
    fn respond(&mut self, pdu: &Pdu) {
        let faults = self.shared.faults();
        if faults.silent {
            return;
        }
        let bytes = match pdu.to_bytes() {
            Ok(b) => b,
            Err(e) => {
                tracing::error!("smsc-sim: cannot encode {}: {e}", pdu.command_id());
                return;
            }
        };
        if faults.response_delay.is_zero() && self.delayed.is_empty() {
            self.out.extend_from_slice(&bytes);
        } else {
            // Behind any already held back, so responses keep their order.
            self.delayed.push_back((tokio::time::Instant::now() + faults.response_delay, bytes));
        }
    }

    fn reply(&mut self, seq: u32, command_status: u32, body: Body) {
        self.respond(&Pdu::new(seq, body).with_status(command_status));
    }

    fn handle_frame(&mut self, frame: &[u8]) {
        let pdu = match Pdu::decode(frame) {
            Ok(d) => d.pdu,
            Err(e) => {
                if let Some(h) = e.header().filter(|h| !h.command_id.is_response()) {
                    self.reply(h.sequence_number, e.nack_status(), Body::GenericNack);
                }
                return;
            }
        };
        let seq = pdu.sequence_number;
        match pdu.body {
            Body::Bind(bind) => self.bind(seq, bind),
            Body::SubmitSm(sm) => self.submit(seq, *sm),
            Body::EnquireLink => self.reply(seq, status::ESME_ROK, Body::EnquireLinkResp),
            Body::Unbind => {
                self.reply(seq, status::ESME_ROK, Body::UnbindResp);
                self.closing = true;
            }
            Body::UnbindResp => self.closing = true,
            Body::DeliverSmResp(_) | Body::EnquireLinkResp | Body::GenericNack => {}
            other => {
                if !other.command_id().is_response() {
                    self.reply(seq, status::ESME_RINVCMDID, Body::GenericNack);
                }
            }
        }
    }

    fn bind(&mut self, seq: u32, bind: Bind) {
        let kind = bind.kind;
        let resp = |system_id: &str| Body::BindResp(kind, BindResp { system_id: system_id.into(), tlvs: Vec::new() });
        let cfg = &self.shared.config;
        let refuse = self.shared.faults().refuse_binds;
        let status = if self.bound.is_some() {
            status::ESME_RALYBND
        } else if let Some(code) = refuse {
            code
        } else if bind.system_id != cfg.system_id {
            status::ESME_RINVSYSID
        } else if bind.password != cfg.password {
            status::ESME_RINVPASWD
        } else {
            status::ESME_ROK
        };
        if status != status::ESME_ROK {
            // Error bind responses carry no body, as many SMSCs do.
            self.respond(
                &Pdu::new(seq, Body::Raw { command_id: kind.command_id().response(), body: Vec::new() })
                    .with_status(status),
            );
            return;
        }
        let smsc_id = cfg.smsc_system_id.clone();
        self.reply(seq, status, resp(&smsc_id));
        if kind.can_receive() {
            let mut receivers = self.shared.receivers.lock().unwrap_or_else(|e| e.into_inner());
            receivers.push(Receiver {
                system_id: bind.system_id.clone(),
                connection: self.id,
                tx: self.deliver_tx.clone(),
            });
        }
        self.bound = Some(bind);
    }

    fn submit(&mut self, seq: u32, sm: ShortMessage) {
        self.submits += 1;
        let total = self.shared.count_submit();
        let faults = self.shared.faults();
        if faults.drop_after.is_some_and(|n| self.submits >= n) {
            self.dropping = true;
            self.delayed.clear();
            self.out.clear();
            return;
        }
        if faults.throttle_every.is_some_and(|n| n > 0 && total.is_multiple_of(u64::from(n))) {
            self.reply(seq, status::ESME_RTHROTTLED, Body::SubmitSmResp(SmResp::default()));
            return;
        }
        let Some((kind, system_id)) = self.bound.as_ref().map(|b| (b.kind, b.system_id.clone())) else {
            self.reply(seq, status::ESME_RINVBNDSTS, Body::SubmitSmResp(SmResp::default()));
            return;
        };
        if !kind.can_transmit() {
            self.reply(seq, status::ESME_RINVBNDSTS, Body::SubmitSmResp(SmResp::default()));
            return;
        }
        if !valid_destination(&sm.destination_addr) || sm.destination_addr.trim_start_matches('+').starts_with("0000") {
            self.reply(seq, status::ESME_RINVDSTADR, Body::SubmitSmResp(SmResp::default()));
            return;
        }
        let message_id = self.shared.message_id();
        self.reply(seq, status::ESME_ROK, Body::SubmitSmResp(SmResp::new(message_id.clone())));
        if wants_receipt(&sm) {
            let shared = self.shared.clone();
            let connection = self.id;
            let submitted = OffsetDateTime::now_utc();
            tokio::spawn(async move {
                tokio::time::sleep(shared.config.dlr_delay).await;
                let receipt = receipt_for(&sm, &message_id, submitted, OffsetDateTime::now_utc());
                match shared.receiver_for(&system_id, connection) {
                    Some(tx) => {
                        let _ = tx.send(Pdu::new(0, Body::DeliverSm(Box::new(receipt)))).await;
                    }
                    None => {
                        tracing::info!("smsc-sim: no receiver bound for {system_id}; receipt for {message_id} dropped")
                    }
                }
            });
        }
    }

    fn unregister(&self) {
        let mut receivers = self.shared.receivers.lock().unwrap_or_else(|e| e.into_inner());
        receivers.retain(|r| r.connection != self.id);
    }
}

/// An E.164-ish number: digits with an optional leading '+', 1 to 20 characters.
fn valid_destination(addr: &str) -> bool {
    let digits = addr.strip_prefix('+').unwrap_or(addr);
    !digits.is_empty() && digits.len() <= 20 && digits.bytes().all(|b| b.is_ascii_digit())
}
