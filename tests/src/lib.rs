//! Shared helpers for the end-to-end (real window over WebDriver) and interop (third-party
//! SMPP peers) tests of SMPP Console.
//!
//! The tests never build anything themselves: they run the binaries that
//! `cargo build --workspace` left next to the test executable (`<target>/debug/`), the
//! node-smpp peers in `tests/interop/`, and the smpp34 peers `make interop-bins` built
//! (see [`smpp34_bin`]). `make test` does the building, then runs the tests
//! under Xvfb and a private D-Bus session.

use std::fmt;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

pub use tempfile::TempDir;

/// Name of the app binary.
pub const APP_BIN: &str = "smpp-console";
/// Name of the command-line companion.
pub const SMPPCTL_BIN: &str = "smppctl";

// ---------------------------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------------------------

/// The cargo profile directory holding the workspace binaries (`<target>/debug`).
///
/// The test executable is `<target>/debug/deps/<test>-<hash>`, so this is its grandparent; that
/// also holds when `CARGO_TARGET_DIR` points outside the repository.
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("cannot determine the test executable's path");
    let dir = exe.parent().expect("the test executable has no parent directory");
    if dir.file_name().is_some_and(|n| n == "deps") {
        dir.parent().expect("deps/ has no parent directory").to_path_buf()
    } else {
        dir.to_path_buf()
    }
}

/// The cargo target directory (`<target>`).
pub fn target_dir() -> PathBuf {
    let profile = profile_dir();
    profile.parent().map(Path::to_path_buf).unwrap_or(profile)
}

/// The repository root (the workspace root).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has no parent directory").to_path_buf()
}

/// `tests/interop`, home of the node-smpp peers.
pub fn interop_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("interop")
}

/// Path of a workspace binary; panics with what to do when it has not been built.
pub fn workspace_bin(name: &str) -> PathBuf {
    let path = profile_dir().join(name);
    if !path.is_file() {
        panic!(
            "binary `{name}` not found at {}: run `cargo build --workspace` first \
             (or `make test`, which builds the UI and the workspace before testing)",
            path.display()
        );
    }
    path
}

/// Path of `smppctl`.
pub fn smppctl_bin() -> PathBuf {
    workspace_bin(SMPPCTL_BIN)
}

/// Path of the `smpp-console` app.
pub fn app_bin() -> PathBuf {
    workspace_bin(APP_BIN)
}

/// Where `tests/interop/smpp34-bench` (a standalone Cargo project on the third-party smpp34
/// crate, outside the workspace) is built: `SMPP34_TARGET_DIR` when set, else
/// `<target>/smpp34-bench`, the same rule as the Makefile's `interop-bins` target and
/// `scripts/bench-clients.sh`.
pub fn smpp34_target_dir() -> PathBuf {
    match std::env::var_os("SMPP34_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => target_dir().join("smpp34-bench"),
    }
}

/// Path of a release binary of `tests/interop/smpp34-bench` (`smpp34-smsc`, `smpp34-bench`);
/// panics with the command that builds it when it is missing (never skips).
pub fn smpp34_bin(name: &str) -> PathBuf {
    let path = smpp34_target_dir().join("release").join(name);
    if !path.is_file() {
        panic!(
            "binary `{name}` not found at {}: build it with `make interop-bins` (which `make test` runs), \
             or `CARGO_TARGET_DIR={} cargo build --release --manifest-path tests/interop/smpp34-bench/Cargo.toml`",
            path.display(),
            smpp34_target_dir().display()
        );
    }
    path
}

/// `<target>/screenshots`, created if needed.
pub fn screenshots_dir() -> PathBuf {
    let dir = target_dir().join("screenshots");
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// A fresh scratch directory under `<target>/test-scratch/`, removed when dropped.
///
/// Set `SMPP_TESTS_KEEP_SCRATCH=1` to keep them for a post-mortem (their paths are printed).
pub fn scratch_dir(label: &str) -> TempDir {
    let base = target_dir().join("test-scratch");
    fs::create_dir_all(&base).unwrap_or_else(|e| panic!("cannot create {}: {e}", base.display()));
    let prefix = format!("{label}-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    if std::env::var_os("SMPP_TESTS_KEEP_SCRATCH").is_some() {
        builder.disable_cleanup(true);
    }
    let dir =
        builder.tempdir_in(&base).unwrap_or_else(|e| panic!("cannot create a scratch dir in {}: {e}", base.display()));
    eprintln!("scratch dir for {label}: {}", dir.path().display());
    dir
}

/// A TCP port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("cannot bind 127.0.0.1:0");
    listener.local_addr().expect("listener has no local address").port()
}

/// Waits until something accepts TCP connections on 127.0.0.1:`port`.
pub fn wait_for_port(port: u16, timeout: Duration) -> Result<(), String> {
    let deadline = Instant::now() + timeout;
    loop {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(format!("nothing listens on 127.0.0.1:{port} after {timeout:?}"));
        }
        thread::sleep(Duration::from_millis(100));
    }
}

/// Finds a program in PATH, then in `~/.cargo/bin`.
pub fn find_program(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".cargo").join("bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

// ---------------------------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------------------------

/// A child process whose stdout lines can be awaited and whose output is kept for failure
/// messages. Dropping it stops the process: SIGTERM first, SIGKILL only if that is ignored.
pub struct Proc {
    name: String,
    command: String,
    child: Child,
    lines: Receiver<String>,
    stdout_log: Arc<Mutex<String>>,
    stderr_log: Arc<Mutex<String>>,
    eof: Receiver<()>,
    /// EOFs the two output readers have reported (see `drain_readers`).
    eofs_seen: u8,
    status: Option<ExitStatus>,
}

impl fmt::Debug for Proc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Proc")
            .field("name", &self.name)
            .field("pid", &self.child.id())
            .field("status", &self.status)
            .finish()
    }
}

fn lock_text(m: &Mutex<String>) -> String {
    match m.lock() {
        Ok(g) => g.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

fn append(m: &Mutex<String>, text: &str) {
    match m.lock() {
        Ok(mut g) => g.push_str(text),
        Err(poisoned) => poisoned.into_inner().push_str(text),
    }
}

fn echo_enabled() -> bool {
    std::env::var_os("SMPP_TESTS_ECHO").is_some()
}

impl Proc {
    /// Spawns `cmd` (stdin null, stdout and stderr captured). Panics if it cannot start.
    pub fn spawn(name: &str, mut cmd: Command) -> Proc {
        let command = format!("{cmd:?}");
        cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {name} ({command}): {e}"));
        let stdout = child.stdout.take().expect("stdout is piped");
        let stderr = child.stderr.take().expect("stderr is piped");
        let stdout_log = Arc::new(Mutex::new(String::new()));
        let stderr_log = Arc::new(Mutex::new(String::new()));
        let (line_tx, lines) = mpsc::channel();
        let (eof_tx, eof) = mpsc::channel();

        {
            let log = Arc::clone(&stdout_log);
            let eof_tx = eof_tx.clone();
            let name = name.to_string();
            thread::spawn(move || {
                let mut reader = BufReader::new(stdout);
                let mut buf = Vec::new();
                loop {
                    buf.clear();
                    match reader.read_until(b'\n', &mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(_) => {
                            let text = String::from_utf8_lossy(&buf).into_owned();
                            append(&log, &text);
                            if echo_enabled() {
                                eprint!("[{name} stdout] {text}");
                            }
                            let _ = line_tx.send(text.trim_end_matches(['\r', '\n']).to_string());
                        }
                    }
                }
                let _ = eof_tx.send(());
            });
        }
        {
            let log = Arc::clone(&stderr_log);
            let name = name.to_string();
            thread::spawn(move || {
                let mut reader = BufReader::new(stderr);
                let mut buf = Vec::new();
                loop {
                    buf.clear();
                    match reader.read_until(b'\n', &mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(_) => {
                            let text = String::from_utf8_lossy(&buf).into_owned();
                            append(&log, &text);
                            if echo_enabled() {
                                eprint!("[{name} stderr] {text}");
                            }
                        }
                    }
                }
                let _ = eof_tx.send(());
            });
        }

        Proc { name: name.to_string(), command, child, lines, stdout_log, stderr_log, eof, eofs_seen: 0, status: None }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Everything the process wrote to stdout so far.
    pub fn stdout(&self) -> String {
        lock_text(&self.stdout_log)
    }

    /// Everything the process wrote to stderr so far.
    pub fn stderr(&self) -> String {
        lock_text(&self.stderr_log)
    }

    /// The command, its status and its output, for failure messages.
    pub fn transcript(&mut self) -> String {
        let status = match self.poll_exit() {
            Some(s) => format!("exited: {s}"),
            None => "still running".to_string(),
        };
        format!(
            "--- {name}: {command}\n--- {status}\n--- stdout:\n{out}\n--- stderr:\n{err}\n---",
            name = self.name,
            command = self.command,
            out = tail(&self.stdout(), 20_000),
            err = tail(&self.stderr(), 20_000),
        )
    }

    /// The exit status if the process has ended.
    pub fn poll_exit(&mut self) -> Option<ExitStatus> {
        if self.status.is_none() {
            self.status = self.child.try_wait().ok().flatten();
        }
        self.status
    }

    /// Waits for a stdout line for which `pred` holds and returns it. Fails with the
    /// transcript on timeout or when stdout closes first.
    pub fn wait_for_line(
        &mut self,
        what: &str,
        timeout: Duration,
        mut pred: impl FnMut(&str) -> bool,
    ) -> Result<String, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if pred(&line) => return Ok(line),
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    let transcript = self.transcript();
                    return Err(format!("{} did not print {what} within {timeout:?}\n{}", self.name, transcript));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    // stdout closed: give the exit status a moment to show up.
                    let _ = self.wait_timeout(Duration::from_secs(2));
                    let transcript = self.transcript();
                    return Err(format!("{} closed its stdout before printing {what}\n{}", self.name, transcript));
                }
            }
        }
    }

    /// Waits until stderr contains `needle` (for logs such as the node SMSC's JSON lines).
    pub fn wait_for_stderr(&mut self, needle: &str, timeout: Duration) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            if self.stderr().contains(needle) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                let transcript = self.transcript();
                return Err(format!("{} did not log {needle:?} within {timeout:?}\n{}", self.name, transcript));
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends a signal by name (`TERM`, `INT`, ...) with `kill(1)`.
    pub fn signal(&self, signal: &str) -> Result<(), String> {
        let status = Command::new("kill")
            .args(["-s", signal, &self.pid().to_string()])
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("cannot run kill: {e}"))?;
        if status.success() { Ok(()) } else { Err(format!("kill -s {signal} {} failed: {status}", self.pid())) }
    }

    /// Waits up to `timeout` for the process to exit.
    pub fn wait_timeout(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.poll_exit() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(25));
        }
    }

    /// Sends SIGTERM and waits for the exit, and for what it printed last to be read. If it
    /// does not exit within `timeout`, it is killed and an error is returned.
    pub fn terminate(&mut self, timeout: Duration) -> Result<ExitStatus, String> {
        if let Some(status) = self.poll_exit() {
            self.drain_readers();
            return Ok(status);
        }
        self.signal("TERM")?;
        match self.wait_timeout(timeout) {
            Some(status) => {
                // The exit can be seen before the reader threads have read its last lines.
                self.drain_readers();
                Ok(status)
            }
            None => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                let transcript = self.transcript();
                Err(format!("{} ignored SIGTERM for {timeout:?} and was killed\n{}", self.name, transcript))
            }
        }
    }

    /// Waits (up to `timeout`) for the exit and for stdout/stderr to be fully read.
    pub fn finish(mut self, timeout: Duration) -> Result<CmdOutput, String> {
        let Some(status) = self.wait_timeout(timeout) else {
            let _ = self.child.kill();
            let _ = self.child.wait();
            let transcript = self.transcript();
            return Err(format!("{} did not finish within {timeout:?} and was killed\n{}", self.name, transcript));
        };
        self.drain_readers();
        Ok(CmdOutput { command: self.command.clone(), status, stdout: self.stdout(), stderr: self.stderr() })
    }

    /// Waits until both output readers report EOF (once per process: later calls return at
    /// once); a grandchild holding a pipe must not hang us, so at most 5 s.
    fn drain_readers(&mut self) {
        let drain_deadline = Instant::now() + Duration::from_secs(5);
        while self.eofs_seen < 2 {
            let left = drain_deadline.saturating_duration_since(Instant::now());
            if self.eof.recv_timeout(left).is_err() {
                break;
            }
            self.eofs_seen += 1;
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        if self.poll_exit().is_some() {
            return;
        }
        // SIGTERM first: tauri-driver must get the chance to stop WebKitWebDriver.
        if self.signal("TERM").is_ok() && self.wait_timeout(Duration::from_secs(5)).is_some() {
            return;
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tail(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut start = text.len() - max;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// The result of a command run to completion.
#[derive(Debug, Clone)]
pub struct CmdOutput {
    pub command: String,
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl CmdOutput {
    /// The exit code (None when killed by a signal).
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// stdout and stderr together, for "the output mentions X" checks.
    pub fn combined(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    /// The first JSON value on stdout (pretty-printed or not).
    pub fn json(&self) -> Result<serde_json::Value, String> {
        let start = self.stdout.find(['{', '[']).ok_or_else(|| format!("no JSON on stdout\n{self}"))?;
        let mut values = serde_json::Deserializer::from_str(&self.stdout[start..]).into_iter::<serde_json::Value>();
        match values.next() {
            Some(Ok(v)) => Ok(v),
            Some(Err(e)) => Err(format!("stdout is not valid JSON: {e}\n{self}")),
            None => Err(format!("no JSON on stdout\n{self}")),
        }
    }

    /// Panics with the transcript unless the exit code is `code`.
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code(), Some(code), "expected exit code {code}, got {}\n{self}", self.status);
        self
    }
}

impl fmt::Display for CmdOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "--- command: {}\n--- status: {}\n--- stdout:\n{}\n--- stderr:\n{}\n---",
            self.command,
            self.status,
            tail(&self.stdout, 20_000),
            tail(&self.stderr, 20_000)
        )
    }
}

/// Runs `cmd` to completion with a timeout; panics if it cannot start or hangs.
pub fn run(name: &str, cmd: Command, timeout: Duration) -> CmdOutput {
    Proc::spawn(name, cmd).finish(timeout).unwrap_or_else(|e| panic!("{e}"))
}

// ---------------------------------------------------------------------------------------------
// smppctl
// ---------------------------------------------------------------------------------------------

/// A `smppctl` command using `data_dir` (through SMPP_CONSOLE_DATA_DIR), with no password
/// inherited from the environment.
pub fn smppctl(data_dir: &Path) -> Command {
    let mut cmd = Command::new(smppctl_bin());
    cmd.env("SMPP_CONSOLE_DATA_DIR", data_dir).env_remove("SMPP_PASSWORD").env("NO_COLOR", "1");
    cmd
}

/// A running `smppctl sim`.
#[derive(Debug)]
pub struct Sim {
    pub proc: Proc,
    pub port: u16,
    pub system_id: String,
    pub password: String,
}

/// Starts `smppctl sim --listen 127.0.0.1:0` and waits for its
/// `smsc-sim listening on 127.0.0.1:PORT` line.
pub fn start_sim(data_dir: &Path, system_id: &str, password: &str, dlr_delay_ms: Option<u64>) -> Sim {
    let mut cmd = smppctl(data_dir);
    cmd.args(["sim", "--listen", "127.0.0.1:0", "--system-id", system_id, "--password", password]);
    if let Some(ms) = dlr_delay_ms {
        cmd.args(["--dlr-delay-ms", &ms.to_string()]);
    }
    let mut proc = Proc::spawn("smppctl sim", cmd);
    const PREFIX: &str = "smsc-sim listening on ";
    let line = proc
        .wait_for_line("`smsc-sim listening on 127.0.0.1:PORT`", Duration::from_secs(20), |l| l.starts_with(PREFIX))
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = &line[PREFIX.len()..];
    let port =
        addr.strip_prefix("127.0.0.1:").and_then(|p| p.trim().parse::<u16>().ok()).filter(|p| *p != 0).unwrap_or_else(
            || {
                panic!(
                    "smppctl sim printed {line:?}; expected `smsc-sim listening on 127.0.0.1:PORT` \
                 with the real (non-zero) port"
                )
            },
        );
    Sim { proc, port, system_id: system_id.to_string(), password: password.to_string() }
}

/// Searches the data dir's SQLite files (`console.db` and its `-wal`) for `needle`: a cheap
/// "this was persisted" check that needs no SQLite client.
pub fn db_contains(data_dir: &Path, needle: &str) -> bool {
    ["console.db", "console.db-wal"].iter().any(|f| {
        let mut bytes = Vec::new();
        File::open(data_dir.join(f)).and_then(|mut file| file.read_to_end(&mut bytes)).is_ok()
            && bytes.windows(needle.len().max(1)).any(|w| w == needle.as_bytes())
    })
}

// ---------------------------------------------------------------------------------------------
// node-smpp peers (tests/interop)
// ---------------------------------------------------------------------------------------------

/// Makes sure `tests/interop/node_modules` holds node-smpp, running `npm install` once if
/// not (under a file lock: nextest runs tests as parallel processes).
pub fn ensure_interop_deps() {
    let dir = interop_dir();
    let marker = dir.join("node_modules").join("smpp").join("package.json");
    if marker.is_file() {
        return;
    }
    let npm = find_program("npm").unwrap_or_else(|| {
        panic!("npm not found in PATH: run `make deps` (scripts/bootstrap.sh) to install node and npm")
    });
    let lock_path = target_dir().join("interop-npm.lock");
    let lock = File::create(&lock_path).unwrap_or_else(|e| panic!("cannot create {}: {e}", lock_path.display()));
    lock.lock().unwrap_or_else(|e| panic!("cannot lock {}: {e}", lock_path.display()));
    if !marker.is_file() {
        let mut cmd = Command::new(npm);
        cmd.args(["install", "--no-audit", "--no-fund"]).current_dir(&dir);
        let out = run("npm install (tests/interop)", cmd, Duration::from_secs(300));
        assert!(
            out.status.success() && marker.is_file(),
            "npm install in {} failed; run `make deps`\n{out}",
            dir.display()
        );
    }
    let _ = lock.unlock();
}

/// `node <tests/interop/script>` with the interop dir as working directory.
pub fn node_script(script: &str) -> Command {
    ensure_interop_deps();
    let node = find_program("node")
        .unwrap_or_else(|| panic!("node not found in PATH: run `make deps` (scripts/bootstrap.sh)"));
    let dir = interop_dir();
    let mut cmd = Command::new(node);
    cmd.arg(dir.join(script)).current_dir(&dir);
    cmd
}

/// `npm run <script> -- <args>` in tests/interop, run to completion.
pub fn npm_run(script: &str, args: &[&str], timeout: Duration) -> CmdOutput {
    ensure_interop_deps();
    let npm =
        find_program("npm").unwrap_or_else(|| panic!("npm not found in PATH: run `make deps` (scripts/bootstrap.sh)"));
    let mut cmd = Command::new(npm);
    cmd.args(["run", "--silent", script]);
    if !args.is_empty() {
        cmd.arg("--").args(args);
    }
    cmd.current_dir(interop_dir());
    run(&format!("npm run {script}"), cmd, timeout)
}

/// A running `smsc-server.js` (node-smpp SMSC).
#[derive(Debug)]
pub struct NodeSmsc {
    pub proc: Proc,
    pub port: u16,
}

impl NodeSmsc {
    /// The JSON lines the server logged on stderr so far.
    pub fn events(&self) -> Vec<serde_json::Value> {
        self.proc.stderr().lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
    }

    /// PDUs the server received (`in`) or sent (`out`) with the given command name.
    pub fn pdus(&self, direction: &str, command: &str) -> Vec<serde_json::Value> {
        self.events()
            .into_iter()
            .filter(|e| e["event"] == direction && e["pdu"]["command"] == command)
            .map(|e| e["pdu"].clone())
            .collect()
    }
}

/// Starts `smsc-server.js` on a free port and waits for `listening <port>`.
pub fn start_node_smsc(system_id: &str, password: &str, dlr_delay_ms: u64) -> NodeSmsc {
    start_node_smsc_with(system_id, password, dlr_delay_ms, &[])
}

/// [`start_node_smsc`] with more `smsc-server.js` arguments (e.g. `--tls-key`, `--tls-cert`).
pub fn start_node_smsc_with(system_id: &str, password: &str, dlr_delay_ms: u64, extra: &[&str]) -> NodeSmsc {
    let mut cmd = node_script("smsc-server.js");
    cmd.args(extra);
    cmd.args([
        "--port",
        "0",
        "--system-id",
        system_id,
        "--password",
        password,
        "--dlr-delay-ms",
        &dlr_delay_ms.to_string(),
    ]);
    let mut proc = Proc::spawn("node smsc-server.js", cmd);
    let line = proc
        .wait_for_line("`listening <port>`", Duration::from_secs(20), |l| l.starts_with("listening "))
        .unwrap_or_else(|e| panic!("{e}"));
    let port = line["listening ".len()..].trim().parse().unwrap_or_else(|_| panic!("smsc-server.js printed {line:?}"));
    NodeSmsc { proc, port }
}

/// Runs `esme-client.js` against 127.0.0.1:`port` and returns its output and JSON result.
pub fn run_esme_client(port: u16, system_id: &str, password: &str, text: &str) -> (CmdOutput, serde_json::Value) {
    let mut cmd = node_script("esme-client.js");
    cmd.args([
        "--host",
        "127.0.0.1",
        "--port",
        &port.to_string(),
        "--system-id",
        system_id,
        "--password",
        password,
        "--text",
        text,
    ]);
    // The client's own overall timeout is 15 s.
    let out = run("node esme-client.js", cmd, Duration::from_secs(30));
    let json = out.json().unwrap_or_else(|e| panic!("{e}"));
    (out, json)
}

// ---------------------------------------------------------------------------------------------
// tauri-driver (WebDriver for the real window)
// ---------------------------------------------------------------------------------------------

/// A running `tauri-driver` (and the WebKitWebDriver it started). Stopped with SIGTERM on
/// drop: a SIGKILLed driver orphans WebKitWebDriver, which keeps the native port.
#[derive(Debug)]
pub struct TauriDriver {
    pub proc: Proc,
    pub port: u16,
    pub native_port: u16,
}

impl TauriDriver {
    /// The WebDriver URL to connect to.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Stops the driver with SIGTERM and checks it went.
    pub fn stop(mut self) -> Result<(), String> {
        self.proc.terminate(Duration::from_secs(10)).map(|_| ())
    }
}

/// Checks the prerequisites of the real-window tests and returns tauri-driver's path.
/// Fails (never skips) with what to do when they are missing.
pub fn e2e_prerequisites() -> PathBuf {
    const HOW: &str = "run the end-to-end tests through `make test`, which starts them under \
        `xvfb-run … dbus-run-session` after `make deps` installed tauri-driver, \
        WebKitWebDriver (webkit2gtk-driver) and Xvfb";
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        panic!("DISPLAY is not set: the end-to-end tests need an X server; {HOW}");
    }
    if find_program("WebKitWebDriver").is_none() {
        panic!("WebKitWebDriver not found in PATH; {HOW}");
    }
    find_program("tauri-driver").unwrap_or_else(|| panic!("tauri-driver not found in PATH nor in ~/.cargo/bin; {HOW}"))
}

/// Starts tauri-driver on free ports with the given environment (inherited by
/// WebKitWebDriver and the app it launches) and waits until both ports accept connections.
pub fn start_tauri_driver(envs: &[(&str, &Path)]) -> TauriDriver {
    let program = e2e_prerequisites();
    let port = free_port();
    let mut native_port = free_port();
    while native_port == port {
        native_port = free_port();
    }
    let mut cmd = Command::new(program);
    cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()]);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut proc = Proc::spawn("tauri-driver", cmd);
    for p in [port, native_port] {
        if let Err(e) = wait_for_port(p, Duration::from_secs(20)) {
            panic!("tauri-driver did not come up: {e}\n{}", proc.transcript());
        }
        if let Some(status) = proc.poll_exit() {
            panic!("tauri-driver exited early ({status})\n{}", proc.transcript());
        }
    }
    TauriDriver { proc, port, native_port }
}

/// The capabilities that make tauri-driver launch `application`.
pub fn tauri_capabilities(application: &Path) -> serde_json::Map<String, serde_json::Value> {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), serde_json::json!("wry"));
    caps.insert("tauri:options".into(), serde_json::json!({ "application": application }));
    caps
}
