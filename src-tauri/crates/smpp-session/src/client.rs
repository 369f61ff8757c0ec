//! The tokio driver: one task owns the socket and the [`Session`]; callers talk to it
//! through a [`Client`] handle and receive [`ClientEvent`]s.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use smpp_codec::pdu::ShortMessage;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, oneshot};

use crate::SessionConfig;
use crate::session::{Direction, Event, RequestFailure, Session, SessionState, SubmitRejected};
use crate::tls::{self, TlsSettings, Transport};

/// What the owner of a connection hears about, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientEvent {
    /// A PDU went over the wire (raw bytes, passwords unmasked: mask before logging).
    Frame { direction: Direction, bytes: Vec<u8>, warnings: Vec<String> },
    /// deliver_sm from the SMSC (already answered with deliver_sm_resp).
    Deliver(Box<ShortMessage>),
    /// The connection is over; every outstanding request has been answered with a failure.
    Closed { reason: String },
}

/// Why reading failed, in words. Under TLS 1.3 the server checks a client certificate after
/// the handshake, so its refusal arrives here, as an alert on the first read.
fn read_failure(e: &std::io::Error) -> String {
    match e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
        Some(tls) => format!("TLS: {}", crate::tls::explain_tls_error(tls, "")),
        None => format!("read failed: {e}"),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot connect to {addr}: {source}")]
    Connect { addr: String, source: std::io::Error },
    /// The TLS handshake failed or TLS could not be set up; `reason` says what to do.
    #[error("TLS with {addr} failed: {reason}")]
    Tls { addr: String, reason: String },
    /// The SMSC refused the bind (command_status set), or the connection ended before its
    /// bind_resp (None: a dropped connection or a TLS failure after the handshake).
    #[error("{} {reason}", if command_status.is_some() { "bind refused:" } else { "bind failed:" })]
    BindRefused {
        command_status: Option<u32>,
        reason: String,
        /// The PDUs exchanged before the refusal (bind, bind_resp), for the PDU log.
        frames: Vec<(Direction, Vec<u8>)>,
    },
}

impl ConnectError {
    /// The SMPP command_status of a refused bind, if the SMSC sent one.
    pub fn command_status(&self) -> Option<u32> {
        match self {
            ConnectError::BindRefused { command_status, .. } => *command_status,
            ConnectError::Connect { .. } | ConnectError::Tls { .. } => None,
        }
    }

    /// The PDUs that went over the wire before the failure (empty if none did).
    pub fn frames(&self) -> &[(Direction, Vec<u8>)] {
        match self {
            ConnectError::BindRefused { frames, .. } => frames,
            ConnectError::Connect { .. } | ConnectError::Tls { .. } => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubmitError {
    #[error("{0}")]
    Rejected(#[from] SubmitRejected),
    #[error("no response: {0:?}")]
    Failed(RequestFailure),
    #[error("the connection is closed")]
    Closed,
}

/// The SMSC's answer to a submit_sm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmitResponse {
    pub command_status: u32,
    pub message_id: String,
}

/// A submit that has been written to the socket; await [`PendingSubmit::response`].
#[derive(Debug)]
pub struct PendingSubmit {
    pub sequence_number: u32,
    response: oneshot::Receiver<Result<SubmitResponse, SubmitError>>,
}

impl PendingSubmit {
    pub async fn response(self) -> Result<SubmitResponse, SubmitError> {
        self.response.await.unwrap_or(Err(SubmitError::Closed))
    }
}

#[derive(Debug)]
enum Command {
    Submit { message: Box<ShortMessage>, written: oneshot::Sender<Result<PendingSubmit, SubmitError>> },
    Unbind { done: oneshot::Sender<()> },
}

/// A handle on one bound session. Cloneable; the session ends when [`Client::unbind`] is
/// called, the peer closes, or every handle is dropped.
#[derive(Debug, Clone)]
pub struct Client {
    commands: mpsc::Sender<Command>,
    smsc_system_id: String,
}

impl Client {
    /// Connects over TCP and binds. Returns once bound (or refused, or timed out).
    pub async fn connect(
        addr: &str,
        config: SessionConfig,
    ) -> Result<(Client, mpsc::Receiver<ClientEvent>), ConnectError> {
        let stream = TcpStream::connect(addr)
            .await
            .map_err(|source| ConnectError::Connect { addr: addr.to_string(), source })?;
        let _ = stream.set_nodelay(true);
        Self::bind_over(stream, config).await
    }

    /// Connects over TLS (1.2 or 1.3, certificate always verified against `server_name`, which
    /// is also sent as SNI) and binds. The host name in `addr` is resolved now, at every call.
    /// The handshake must finish within the bind timeout.
    pub async fn connect_tls(
        addr: &str,
        server_name: &str,
        tls: &TlsSettings,
        config: SessionConfig,
    ) -> Result<(Client, mpsc::Receiver<ClientEvent>), ConnectError> {
        let tls_err = |reason: String| ConnectError::Tls { addr: addr.to_string(), reason };
        let client_config = tls::client_config(tls).map_err(tls_err)?;
        let name = tls::server_name(server_name).map_err(tls_err)?;
        let stream = TcpStream::connect(addr)
            .await
            .map_err(|source| ConnectError::Connect { addr: addr.to_string(), source })?;
        let _ = stream.set_nodelay(true);
        let connector = tokio_rustls::TlsConnector::from(client_config);
        let stream = match tokio::time::timeout(config.bind_timeout, connector.connect(name, stream)).await {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => return Err(tls_err(tls::explain_handshake_error(&e, server_name))),
            Err(_) => {
                return Err(tls_err(format!(
                    "no TLS handshake within {} s: check that this port speaks TLS",
                    config.bind_timeout.as_secs()
                )));
            }
        };
        Self::bind_over(stream, config).await
    }

    /// Connects over the given transport and binds.
    pub async fn connect_via(
        addr: &str,
        transport: &Transport,
        config: SessionConfig,
    ) -> Result<(Client, mpsc::Receiver<ClientEvent>), ConnectError> {
        match transport {
            Transport::Tcp => Self::connect(addr, config).await,
            Transport::Tls { server_name, settings } => Self::connect_tls(addr, server_name, settings, config).await,
        }
    }

    /// Binds over an already connected stream (TCP, TLS, or a test pipe).
    pub async fn bind_over<S>(
        stream: S,
        config: SessionConfig,
    ) -> Result<(Client, mpsc::Receiver<ClientEvent>), ConnectError>
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let (events_tx, mut events_rx) = mpsc::channel(1024);
        let (commands_tx, commands_rx) = mpsc::channel(256);
        let (bound_tx, bound_rx) = oneshot::channel();
        let session = Session::new(config, Instant::now());
        tokio::spawn(run(stream, session, commands_rx, events_tx, bound_tx));
        let refused = match bound_rx.await {
            Ok(Ok(system_id)) => return Ok((Client { commands: commands_tx, smsc_system_id: system_id }, events_rx)),
            Ok(Err(refusal)) => refusal,
            Err(_) => (None, "session ended".into()),
        };
        // The driver queues frames before it reports the outcome, so they are all here now.
        let mut frames = Vec::new();
        while let Ok(ev) = events_rx.try_recv() {
            if let ClientEvent::Frame { direction, bytes, .. } = ev {
                frames.push((direction, bytes));
            }
        }
        Err(ConnectError::BindRefused { command_status: refused.0, reason: refused.1, frames })
    }

    /// The system_id the SMSC gave in its bind response.
    pub fn smsc_system_id(&self) -> &str {
        &self.smsc_system_id
    }

    /// Queues a submit_sm (waiting for a place in the window) and returns once it has been
    /// written to the socket.
    pub async fn submit(&self, message: ShortMessage) -> Result<PendingSubmit, SubmitError> {
        let (written, rx) = oneshot::channel();
        self.commands
            .send(Command::Submit { message: Box::new(message), written })
            .await
            .map_err(|_| SubmitError::Closed)?;
        rx.await.unwrap_or(Err(SubmitError::Closed))
    }

    /// Unbinds gracefully and waits until the session has ended.
    pub async fn unbind(&self) {
        let (done, rx) = oneshot::channel();
        if self.commands.send(Command::Unbind { done }).await.is_ok() {
            let _ = rx.await;
        }
    }

    pub fn is_closed(&self) -> bool {
        self.commands.is_closed()
    }
}

type BindResult = Result<String, (Option<u32>, String)>;

struct Driver {
    session: Session,
    events: mpsc::Sender<ClientEvent>,
    bound: Option<oneshot::Sender<BindResult>>,
    waiting: HashMap<u32, oneshot::Sender<Result<SubmitResponse, SubmitError>>>,
    /// Submits waiting for a place in the window, in arrival order.
    queued: VecDeque<Command>,
    unbind_done: Vec<oneshot::Sender<()>>,
    close_reason: Option<String>,
}

async fn run<S>(
    stream: S,
    session: Session,
    mut commands: mpsc::Receiver<Command>,
    events: mpsc::Sender<ClientEvent>,
    bound: oneshot::Sender<BindResult>,
) where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut reader, mut writer) = tokio::io::split(stream);
    let mut d = Driver {
        session,
        events,
        bound: Some(bound),
        waiting: HashMap::new(),
        queued: VecDeque::new(),
        unbind_done: Vec::new(),
        close_reason: None,
    };
    let mut buf = vec![0u8; 16 * 1024];
    // Everything due in one turn of the loop goes out in one write (one syscall, one TLS
    // record run) instead of one per PDU.
    let mut out: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut commands_open = true;
    // One timer, moved when the session's next deadline changes, not a new one per turn.
    let timer = tokio::time::sleep(Duration::from_secs(3600));
    tokio::pin!(timer);
    let mut armed: Option<Instant> = None;
    loop {
        // Take every submit already waiting (up to the window) before writing, so a burst
        // from many callers is written together.
        while commands_open && d.queued.len() < d.session.config().window.max(1) {
            match commands.try_recv() {
                Ok(cmd) => commands_open = d.take(cmd),
                Err(mpsc::error::TryRecvError::Empty) => break,
                Err(mpsc::error::TryRecvError::Disconnected) => commands_open = d.take_closed(),
            }
        }
        d.start_queued();
        out.clear();
        while let Some(t) = d.session.poll_transmit() {
            out.extend_from_slice(&t.bytes);
        }
        if !out.is_empty() {
            // TLS buffers records; plain TCP's flush is a no-op.
            let written = match writer.write_all(&out).await {
                Ok(()) => writer.flush().await,
                Err(e) => Err(e),
            };
            if let Err(e) = written {
                d.session.connection_lost(&format!("write failed: {e}"));
            }
        }
        d.dispatch_events().await;
        if d.session.state() == SessionState::Closed {
            break;
        }
        let deadline = d.session.poll_timeout();
        if deadline != armed {
            armed = deadline;
            if let Some(at) = deadline {
                timer.as_mut().reset(at.into());
            }
        }
        let can_take = commands_open && d.queued.len() < d.session.config().window.max(1);
        tokio::select! {
            read = reader.read(&mut buf) => match read {
                Ok(0) => d.session.connection_lost("the SMSC closed the connection"),
                Ok(n) => d.session.handle_input(&buf[..n], Instant::now()),
                Err(e) => d.session.connection_lost(&read_failure(&e)),
            },
            cmd = commands.recv(), if can_take => match cmd {
                Some(cmd) => commands_open = d.take(cmd),
                None => commands_open = d.take_closed(),
            },
            () = &mut timer, if armed.is_some() => {
                // Fired: re-armed from the session's next deadline on the next turn.
                armed = None;
                d.session.handle_timeout(Instant::now());
            }
        }
    }
    let _ = writer.shutdown().await;
    let reason = d.close_reason.take().unwrap_or_else(|| "closed".into());
    for (_, w) in d.waiting.drain() {
        let _ = w.send(Err(SubmitError::Failed(RequestFailure::ConnectionLost(reason.clone()))));
    }
    for cmd in d.queued.drain(..) {
        if let Command::Submit { written, .. } = cmd {
            let _ = written.send(Err(SubmitError::Closed));
        }
    }
    // Refuse what is still in the channel so no caller waits forever.
    commands.close();
    while let Ok(cmd) = commands.try_recv() {
        match cmd {
            Command::Submit { written, .. } => {
                let _ = written.send(Err(SubmitError::Closed));
            }
            Command::Unbind { done } => d.unbind_done.push(done),
        }
    }
    for done in d.unbind_done.drain(..) {
        let _ = done.send(());
    }
}

impl Driver {
    /// A command from a handle; returns whether commands are still open.
    fn take(&mut self, cmd: Command) -> bool {
        match cmd {
            Command::Unbind { done } => {
                self.unbind_done.push(done);
                self.session.unbind(Instant::now());
            }
            submit @ Command::Submit { .. } => self.queued.push_back(submit),
        }
        true
    }

    /// Every handle dropped: leave politely. Returns false (commands are closed).
    fn take_closed(&mut self) -> bool {
        self.session.unbind(Instant::now());
        false
    }

    fn start_queued(&mut self) {
        while self.session.state() == SessionState::Bound && self.session.window_available() > 0 {
            let Some(cmd) = self.queued.pop_front() else { break };
            match cmd {
                Command::Submit { message, written } => match self.session.submit(*message, Instant::now()) {
                    Ok(seq) => {
                        let (tx, rx) = oneshot::channel();
                        self.waiting.insert(seq, tx);
                        let _ = written.send(Ok(PendingSubmit { sequence_number: seq, response: rx }));
                    }
                    Err(e) => {
                        let _ = written.send(Err(e.into()));
                    }
                },
                Command::Unbind { done } => self.unbind_done.push(done),
            }
        }
        if self.session.state() != SessionState::Bound {
            for cmd in self.queued.drain(..) {
                if let Command::Submit { written, .. } = cmd {
                    let _ = written.send(Err(SubmitRejected::NotBound(self.session.state()).into()));
                }
            }
        }
    }

    async fn dispatch_events(&mut self) {
        while let Some(ev) = self.session.poll_event() {
            match ev {
                Event::Frame { direction, bytes, warnings } => {
                    self.emit(ClientEvent::Frame { direction, bytes, warnings }).await;
                }
                Event::Bound { system_id } => {
                    if let Some(b) = self.bound.take() {
                        let _ = b.send(Ok(system_id));
                    }
                }
                Event::BindFailed { command_status, reason } => {
                    if let Some(b) = self.bound.take() {
                        let _ = b.send(Err((command_status, reason)));
                    }
                }
                Event::SubmitResp { sequence_number, command_status, message_id } => {
                    if let Some(w) = self.waiting.remove(&sequence_number) {
                        let _ = w.send(Ok(SubmitResponse { command_status, message_id }));
                    }
                }
                Event::RequestFailed { sequence_number, failure } => {
                    if let Some(w) = self.waiting.remove(&sequence_number) {
                        let _ = w.send(Err(SubmitError::Failed(failure)));
                    }
                }
                Event::Deliver { message, .. } => self.emit(ClientEvent::Deliver(message)).await,
                Event::Unbound { .. } => {}
                Event::Closed { reason } => {
                    if let Some(b) = self.bound.take() {
                        let _ = b.send(Err((None, reason.clone())));
                    }
                    self.emit(ClientEvent::Closed { reason: reason.clone() }).await;
                    self.close_reason = Some(reason);
                }
            }
        }
    }

    async fn emit(&self, ev: ClientEvent) {
        // A consumer that stopped listening must not stop the session.
        let _ = self.events.send(ev).await;
    }
}
