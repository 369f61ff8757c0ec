//! An SMSC on the third-party smpp34 crate's server (`SmppServer` + `SmppServerListener`), the
//! peer of tests/tests/interop_smpp34.rs and of `scripts/bench-clients.sh --server smpp34`.
//!
//! - Listens on HOST:PORT (default 127.0.0.1, port 0 = pick a free one) and prints one JSON line
//!   on stdout once it accepts connections: `{"event":"listening","host":"127.0.0.1","port":N}`.
//! - Accepts bind_transmitter / bind_receiver / bind_transceiver only for `--system-id` with
//!   `--password` (else `SMSC_PASSWORD`): another system_id gets ESME_RINVSYSID, a wrong
//!   password ESME_RINVPASWD.
//! - Answers every submit_sm with ESME_ROK and an incrementing decimal message_id (1, 2, ...).
//! - When registered_delivery asks for a receipt (bits 0-1 = 1 or 2), sends a deliver_sm
//!   delivery receipt `--dlr-delay-ms` later (default 100) to the submitting session, or to
//!   another receiver/transceiver bind of the same system_id when it was a transmitter:
//!   esm_class 0x04, the Appendix B text `id:N sub:001 dlvrd:001 submit date:YYMMDDhhmm done
//!   date:YYMMDDhhmm stat:DELIVRD err:000 text:<first 20 characters>`, and the
//!   receipted_message_id and message_state (2, DELIVERED) TLVs.
//!   `--no-receipts` never sends any (benchmarks).
//! - Logs binds, receipts and their responses as JSON lines on stderr (never one per submit).
//! - Lets the session writer flush the unbind_resp before smpp34 closes the connection (see
//!   `on_esme_unbound`).
//! - SIGTERM or SIGINT: prints `{"event":"stopped","submits":N,"receipts":N}` and exits 0.
//!
//!   smpp34-smsc --port 0 --system-id interop --password secret [--dlr-delay-ms 100] [--no-receipts]

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, TcpListener};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use serde_json::json;
use smpp34::server::ESME;
use smpp34::{
    bind_receiver, bind_receiver_resp, bind_transceiver, bind_transceiver_resp, bind_transmitter,
    bind_transmitter_resp, submit_sm, submit_sm_resp, SmppConnectionInformation, SmppError, SmppServer,
    SmppServerListener, TlvTag,
};
use tokio::sync::Mutex;

/// What the server was told on the command line.
struct Config {
    system_id: String,
    password: String,
    dlr_delay: Duration,
    receipts: bool,
}

/// The listener; its state is shared with the receipt tasks it spawns.
struct Smsc(Arc<Inner>);

struct Inner {
    config: Config,
    /// Bound sessions by session_id (ESME handles are how the server writes to a bind).
    esmes: Mutex<HashMap<String, Arc<ESME>>>,
    next_id: AtomicU64,
    submits: AtomicU64,
    receipts: AtomicU64,
}

fn log(value: serde_json::Value) {
    eprintln!("{value}");
}

impl Inner {
    /// ESME_ROK or the reason to reject a bind with these credentials.
    fn check(&self, kind: &str, system_id: &str, password: &str, c: &SmppConnectionInformation) -> SmppError {
        let status = if system_id != self.config.system_id {
            SmppError::ESME_RINVSYSID
        } else if password != self.config.password {
            SmppError::ESME_RINVPASWD
        } else {
            SmppError::ESME_ROK
        };
        log(json!({
            "event": "bind", "kind": kind, "system_id": system_id,
            "peer": c.client_address.to_string(), "status": format!("{status:?}"),
        }));
        status
    }

    /// The bind a receipt for a submit on `session_id` goes to: that session when it can
    /// receive, else any receiver/transceiver bind of the same system_id.
    async fn receipt_target(&self, session_id: &str) -> Option<Arc<ESME>> {
        let esmes = self.esmes.lock().await;
        let own = esmes.get(session_id)?;
        if own.can_receive {
            return Some(own.clone());
        }
        esmes.values().find(|e| e.can_receive && e.system_id == own.system_id).cloned()
    }
}

#[async_trait]
impl SmppServerListener for Smsc {
    async fn on_bind_transmitter(
        &self,
        req: bind_transmitter,
        c: &SmppConnectionInformation,
        _s: &String,
    ) -> bind_transmitter_resp {
        match self.0.check("transmitter", &req.system_id, &req.password, c) {
            SmppError::ESME_ROK => req.accept("smpp34-smsc".to_string(), Some(0x34)),
            err => req.reject(err),
        }
    }

    async fn on_bind_receiver(
        &self,
        req: bind_receiver,
        c: &SmppConnectionInformation,
        _s: &String,
    ) -> bind_receiver_resp {
        match self.0.check("receiver", &req.system_id, &req.password, c) {
            SmppError::ESME_ROK => req.accept("smpp34-smsc".to_string(), Some(0x34)),
            err => req.reject(err),
        }
    }

    async fn on_bind_transceiver(
        &self,
        req: bind_transceiver,
        c: &SmppConnectionInformation,
        _s: &String,
    ) -> bind_transceiver_resp {
        match self.0.check("transceiver", &req.system_id, &req.password, c) {
            SmppError::ESME_ROK => req.accept("smpp34-smsc".to_string(), Some(0x34)),
            err => req.reject(err),
        }
    }

    async fn on_esme_bound(&self, esme: ESME, session_id: &String) {
        self.0.esmes.lock().await.insert(session_id.clone(), Arc::new(esme));
    }

    async fn on_esme_unbound(&self, session_id: &String) {
        // smpp34 1.5.1 queues the unbind_resp to the session's writer task, then calls this hook
        // and aborts the writer right after it returns, so the unbind_resp is often never
        // written and the peer sees the connection close instead (node-smpp's client then
        // reports an error). Holding the hook for a moment lets the writer flush it.
        tokio::time::sleep(Duration::from_millis(20)).await;
        self.0.esmes.lock().await.remove(session_id);
        log(json!({"event": "unbound", "session": session_id}));
    }

    async fn on_submit_sm(
        &self,
        req: submit_sm,
        _c: &SmppConnectionInformation,
        session_id: &String,
    ) -> submit_sm_resp {
        let inner = &self.0;
        inner.submits.fetch_add(1, Ordering::Relaxed);
        let id = inner.next_id.fetch_add(1, Ordering::Relaxed).to_string();
        // registered_delivery bits 0-1: 1 = receipt on success or failure, 2 = on failure only
        // (every message here succeeds, so only 1 gets one).
        if inner.config.receipts && req.registered_delivery & 0x03 == 1 {
            let submitted = SystemTime::now();
            let delay = inner.config.dlr_delay;
            let me = inner.clone();
            let (session, id2, submit) = (session_id.clone(), id.clone(), req.clone());
            // on_submit_sm must answer promptly: the receipt goes out from its own task.
            tokio::spawn(async move {
                tokio::time::sleep(delay).await;
                me.send_receipt(&session, &id2, &submit, submitted).await;
            });
        }
        req.accept(id)
    }
}

impl Inner {
    async fn send_receipt(&self, session_id: &str, id: &str, req: &submit_sm, submitted: SystemTime) {
        // The bind may be registered (on_esme_bound) a moment after its first submit_sm.
        let mut target = None;
        for _ in 0..50 {
            target = self.receipt_target(session_id).await;
            if target.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let Some(esme) = target else {
            log(json!({"event": "receipt_dropped", "message_id": id, "reason": "no receiver bind"}));
            return;
        };
        let text: String = if req.data_coding == 0 || req.data_coding == 1 {
            String::from_utf8_lossy(&req.short_message)
                .chars()
                .filter(|c| c.is_ascii_graphic() || *c == ' ')
                .take(20)
                .collect()
        } else {
            String::new()
        };
        let receipt = format!(
            "id:{id} sub:001 dlvrd:001 submit date:{} done date:{} stat:DELIVRD err:000 text:{text}",
            smpp_date(submitted),
            smpp_date(SystemTime::now())
        );
        let mut receipted = id.as_bytes().to_vec();
        receipted.push(0);
        let result = esme
            .deliver_sm()
            .source_addr_ton(req.dest_addr_ton)
            .source_addr_npi(req.dest_addr_npi)
            .source_addr(req.destination_addr.clone())
            .dest_addr_ton(req.source_addr_ton)
            .dest_addr_npi(req.source_addr_npi)
            .destination_addr(req.source_addr.clone())
            .esm_class(0x04)
            .data_coding(0)
            .short_message(receipt.clone().into_bytes())
            .tlv(TlvTag::ReceiptedMessageId, receipted)
            .tlv(TlvTag::MessageStateTlv, [2])
            .send()
            .await;
        self.receipts.fetch_add(1, Ordering::Relaxed);
        let status = match &result {
            Ok(resp) => format!("{:?}", resp.get_error()),
            Err(e) => format!("{e:?}"),
        };
        log(json!({
            "event": "receipt", "message_id": id, "session": esme.session_id,
            "text": receipt, "deliver_sm_resp": status, "ok": result.is_ok(),
        }));
    }
}

/// `YYMMDDhhmm` in UTC, as in Appendix B receipts.
fn smpp_date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    format!("{:02}{:02}{:02}{:02}{:02}", year % 100, month, day, rem / 3600, (rem % 3600) / 60)
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn usage(msg: &str) -> ! {
    eprintln!(
        "smpp34-smsc: {msg}\nusage: smpp34-smsc [--host 127.0.0.1] [--port 0] --system-id ID \
         [--password PW | env SMSC_PASSWORD] [--dlr-delay-ms 100] [--no-receipts]"
    );
    std::process::exit(2);
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let host: IpAddr = arg(&args, "--host")
        .map(|h| h.parse().unwrap_or_else(|_| usage("--host must be an IP address")))
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let port: u16 = arg(&args, "--port")
        .or_else(|| std::env::var("SMSC_PORT").ok())
        .map(|p| p.parse().unwrap_or_else(|_| usage("--port must be a number")))
        .unwrap_or(0);
    let system_id = arg(&args, "--system-id").unwrap_or_else(|| usage("--system-id is required"));
    let password = arg(&args, "--password")
        .or_else(|| std::env::var("SMSC_PASSWORD").ok())
        .unwrap_or_else(|| usage("--password (or SMSC_PASSWORD) is required"));
    let dlr_delay_ms: u64 = arg(&args, "--dlr-delay-ms")
        .map(|p| p.parse().unwrap_or_else(|_| usage("--dlr-delay-ms must be a number")))
        .unwrap_or(100);
    let receipts = !args.iter().any(|a| a == "--no-receipts");

    let inner = Arc::new(Inner {
        config: Config { system_id, password, dlr_delay: Duration::from_millis(dlr_delay_ms), receipts },
        esmes: Mutex::new(HashMap::new()),
        next_id: AtomicU64::new(1),
        submits: AtomicU64::new(0),
        receipts: AtomicU64::new(0),
    });
    let smsc = Arc::new(Smsc(inner.clone()));

    // SmppServer does not report the port it bound, so port 0 means: find a free port, then
    // let SmppServer bind it (retrying if someone took it in between).
    let mut server = None;
    for _ in 0..20 {
        let p = if port != 0 {
            port
        } else {
            TcpListener::bind((host, 0))
                .and_then(|l| l.local_addr())
                .map(|a| a.port())
                .unwrap_or_else(|e| usage(&format!("cannot bind {host}:0: {e}")))
        };
        let mut s = SmppServer::new(host, p, smsc.clone());
        s.start().await;
        if s.is_alive() {
            server = Some((s, p));
            break;
        }
        if port != 0 {
            break;
        }
    }
    let Some((mut server, port)) = server else {
        eprintln!("smpp34-smsc: cannot listen on {host}:{port}");
        std::process::exit(1);
    };
    println!("{}", json!({"event": "listening", "host": host.to_string(), "port": port}));

    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("cannot install a SIGTERM handler");
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    server.stop().await;
    println!(
        "{}",
        json!({
            "event": "stopped",
            "submits": inner.submits.load(Ordering::Relaxed),
            "receipts": inner.receipts.load(Ordering::Relaxed),
        })
    );
    std::process::exit(0);
}
