//! End-to-end in the real window: the built app, driven over WebDriver (tauri-driver →
//! WebKitWebDriver) under Xvfb. Run through `make test`; without DISPLAY or tauri-driver this
//! fails with instructions (it never skips silently).
//!
//! Flow: first start binds the built-in simulator → send a message with a receipt from the
//! Send page → the Messages row turns Delivered live → close the app → start it again on the
//! same data dir (with older messages written into the log meanwhile) → the row is still there,
//! still Delivered; the Messages table scrolls to the oldest row and back, and the keyboard
//! opens a message's trace → Profiles page: a new profile for
//! a second simulator the test runs, its password set through the OS keyring, Test connection,
//! Connect → a message sent through that profile is Delivered → a new password the SMSC does
//! not know yet, the old one kept for an hour: both bind with the previous one and say so →
//! the profile is deleted; its logged message stays → the built-in profile is duplicated,
//! exported and imported again.

use std::fs;
use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use smpp_console_tests::{
    TauriDriver, app_bin, e2e_prerequisites, find_program, scratch_dir, screenshots_dir, start_tauri_driver,
    tauri_capabilities,
};
use smsc_sim::{SimConfig, Simulator};

const BIND_TIMEOUT: Duration = Duration::from_secs(60);
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
const DELIVERED_TIMEOUT: Duration = Duration::from_secs(45);
const STEP_TIMEOUT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(200);

/// States a freshly sent message may show on the Send page without anything having failed.
const OK_SEND_STATES: &[&str] = &["Queued", "Submitted", "Accepted", "Enroute", "Delivered"];

type Res<T> = Result<T, String>;

/// Runs one WebDriver call with a timeout (a hung driver must not hang the test).
async fn wd<T, E: std::fmt::Display>(what: &str, fut: impl Future<Output = Result<T, E>>) -> Res<T> {
    match tokio::time::timeout(STEP_TIMEOUT, fut).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(format!("{what}: {e}")),
        Err(_) => Err(format!("{what}: no answer from WebDriver within {STEP_TIMEOUT:?}")),
    }
}

/// A WebDriver session on the app window with polling helpers.
struct Ui {
    client: Client,
}

impl Ui {
    async fn connect(driver: &TauriDriver, app: &Path) -> Res<Ui> {
        // The workspace enables rustls's ring provider (for SMPP over TLS) and fantoccini's
        // hyper-rustls enables aws-lc-rs, so rustls cannot pick a default by itself. WebDriver
        // is plain HTTP on loopback; any provider will do. Err means one is already installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = ClientBuilder::rustls().map_err(|e| format!("cannot set up the WebDriver client: {e}"))?;
        builder.capabilities(tauri_capabilities(app));
        let url = driver.url();
        // Session creation launches the app; give it time.
        match tokio::time::timeout(Duration::from_secs(90), builder.connect(&url)).await {
            Ok(Ok(client)) => Ok(Ui { client }),
            Ok(Err(e)) => Err(format!("cannot start a WebDriver session on {url} for {}: {e}", app.display())),
            Err(_) => Err(format!("no WebDriver session on {url} within 90 s (the app did not start?)")),
        }
    }

    /// Polls `attr` of the first element matching `css` until `pred` accepts it.
    async fn wait_attr(
        &self,
        what: &str,
        css: &str,
        attr: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> Res<String> {
        let deadline = Instant::now() + timeout;
        let mut last = String::from("(element not found yet)");
        loop {
            match wd("find", self.client.find(Locator::Css(css))).await {
                Ok(el) => match wd("attr", el.attr(attr)).await {
                    Ok(Some(v)) if pred(&v) => return Ok(v),
                    Ok(Some(v)) => last = format!("{attr}={v:?}"),
                    Ok(None) => last = format!("element found, no {attr} attribute"),
                    Err(e) => last = e,
                },
                Err(e) if e.contains("no answer") => return Err(e),
                Err(_) => {}
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "timed out after {timeout:?} waiting for {what} ({css} [{attr}]); last seen: {last}"
                ));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits for an element and returns it.
    async fn wait_find(&self, css: &str, timeout: Duration) -> Res<fantoccini::elements::Element> {
        let deadline = Instant::now() + timeout;
        loop {
            match wd("find", self.client.find(Locator::Css(css))).await {
                Ok(el) => return Ok(el),
                Err(e) if Instant::now() >= deadline => {
                    return Err(format!("{css} did not appear within {timeout:?}: {e}"));
                }
                Err(_) => tokio::time::sleep(POLL).await,
            }
        }
    }

    async fn click(&self, css: &str) -> Res<()> {
        let el = self.wait_find(css, STEP_TIMEOUT).await?;
        wd(&format!("click {css}"), el.click()).await
    }

    async fn fill(&self, css: &str, text: &str) -> Res<()> {
        let el = self.wait_find(css, STEP_TIMEOUT).await?;
        wd(&format!("clear {css}"), el.clear()).await?;
        wd(&format!("type into {css}"), el.send_keys(text)).await?;
        let value = wd(&format!("read {css}"), el.prop("value")).await?;
        if value.as_deref() != Some(text) {
            return Err(format!("{css} holds {value:?} after typing {text:?}"));
        }
        Ok(())
    }

    /// Waits until nothing matches `css`.
    async fn wait_absent(&self, what: &str, css: &str, timeout: Duration) -> Res<()> {
        let deadline = Instant::now() + timeout;
        loop {
            let found = wd("find all", self.client.find_all(Locator::Css(css))).await?;
            if found.is_empty() {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!("{what} ({css}) is still there after {timeout:?}"));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Types a secret: like `fill`, but no message ever repeats what was typed.
    async fn fill_secret(&self, css: &str, secret: &str) -> Res<()> {
        let el = self.wait_find(css, STEP_TIMEOUT).await?;
        wd(&format!("clear {css}"), el.clear()).await?;
        wd(&format!("type into {css}"), el.send_keys(secret)).await?;
        let value = wd(&format!("read {css}"), el.prop("value")).await?;
        if value.as_deref() != Some(secret) {
            return Err(format!("{css} does not hold what was typed ({} characters)", value.map_or(0, |v| v.len())));
        }
        Ok(())
    }

    /// The value property of the first element matching `css` (inputs, selects).
    async fn value(&self, css: &str) -> Res<String> {
        let el = self.wait_find(css, STEP_TIMEOUT).await?;
        Ok(wd(&format!("read {css}"), el.prop("value")).await?.unwrap_or_default())
    }

    async fn wait_bound(&self) -> Res<()> {
        self.wait_attr(
            "the bind to the built-in simulator",
            r#"[data-testid="bind-status"]"#,
            "data-state",
            BIND_TIMEOUT,
            |s| s == "Bound",
        )
        .await
        .map(|_| ())
    }

    async fn screenshot(&self, path: &Path) -> Res<()> {
        // A screenshot right after a DOM change can show the previous frame.
        tokio::time::sleep(Duration::from_secs(1)).await;
        let png = wd("screenshot", self.client.screenshot()).await?;
        fs::write(path, png).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        eprintln!("screenshot: {}", path.display());
        Ok(())
    }

    /// The page's visible text, for failure messages.
    async fn page_text(&self) -> String {
        match wd("page text", self.client.execute("return document.body ? document.body.innerText : '';", vec![])).await
        {
            Ok(v) => {
                let s = v.as_str().unwrap_or_default().to_string();
                if s.len() > 4000 { format!("{}…", &s[..s.floor_char_boundary(4000)]) } else { s }
            }
            Err(e) => format!("(cannot read the page: {e})"),
        }
    }

    /// Ends the session; WebKitWebDriver closes the app.
    async fn close(self) -> Res<()> {
        wd("close the session", self.client.close()).await
    }
}

fn message_state_css(id: &str) -> String {
    format!(r#"tr[data-testid="message-row"][data-message-id="{id}"] [data-testid="message-state"]"#)
}

/// First session: bind, send, see it Delivered on the Messages page. Returns our message id
/// and the SMSC's.
async fn first_session(ui: &Ui, shots: &Path) -> Res<(String, String)> {
    ui.wait_bound().await?;

    ui.click(r#"[data-nav="send"]"#).await?;
    ui.fill("#send-from", "SMPPConsole").await?;
    ui.fill("#send-to", "15550001234").await?;
    let text = format!("e2e hello {}", std::process::id());
    ui.fill("#send-text", &text).await?;
    let dlr = ui.wait_find("#send-dlr", STEP_TIMEOUT).await?;
    if !wd("read #send-dlr", dlr.is_selected()).await? {
        return Err("#send-dlr should be checked by default".into());
    }
    ui.click("#send-submit").await?;

    let result_css = r#"[data-testid="send-result"]"#;
    let id = ui.wait_attr("the send result", result_css, "data-message-id", SEND_TIMEOUT, |s| !s.is_empty()).await?;
    let state = ui
        .wait_attr("the send result state", result_css, "data-state", SEND_TIMEOUT, |s| {
            !s.is_empty() && s != "Queued" && s != "Submitted"
        })
        .await?;
    if !OK_SEND_STATES.contains(&state.as_str()) {
        return Err(format!("send result for {id} is {state}; expected one of {OK_SEND_STATES:?}"));
    }
    let smsc_id_el =
        ui.wait_find(r#"[data-testid="send-result"] [data-testid="send-smsc-message-id"]"#, STEP_TIMEOUT).await?;
    let smsc_id = wd("read the SMSC message id", smsc_id_el.text()).await?;
    if smsc_id.trim().is_empty() {
        return Err(format!("send result for {id} shows no SMSC message id"));
    }
    eprintln!("sent {id}: state {state}, SMSC message id {}", smsc_id.trim());
    ui.screenshot(&shots.join("send.png")).await?;

    // Messages page: the row turns Delivered without a reload.
    ui.click(r#"[data-nav="messages"]"#).await?;
    ui.wait_attr(
        &format!("message {id} to be Delivered"),
        &message_state_css(&id),
        "data-state",
        DELIVERED_TIMEOUT,
        |s| s == "Delivered",
    )
    .await?;
    ui.screenshot(&shots.join("messages.png")).await?;
    Ok((id, smsc_id.trim().to_owned()))
}

/// Second session on the same data dir: the message is still there and Delivered; then a
/// profile of our own is made, given a password and used.
async fn second_session(ui: &Ui, id: &str, smsc_id: &str, sim: SocketAddr, shots: &Path) -> Res<()> {
    // Wait for the shell before navigating.
    ui.wait_find(r#"[data-nav="messages"]"#, BIND_TIMEOUT).await?;
    ui.click(r#"[data-nav="messages"]"#).await?;
    ui.wait_attr(&format!("message {id} after a restart"), &message_state_css(id), "data-state", STEP_TIMEOUT, |s| {
        s == "Delivered"
    })
    .await?;
    ui.screenshot(&shots.join("messages-after-restart.png")).await?;
    scroll_messages(ui, id, shots).await?;
    trace_after_restart(ui, id, smsc_id, shots).await?;
    // The restarted app binds its simulator again.
    ui.wait_bound().await?;
    disconnect_and_connect(ui, shots).await?;
    profile_for_second_sim(ui, sim, shots).await?;
    retention(ui, shots).await
}

/// Older messages written into the log between the sessions: more than the Messages table
/// keeps in the page, so it has to scroll and fetch.
const FILLER_MESSAGES: u32 = 300;

/// Writes FILLER_MESSAGES delivered messages under the built-in profile, each older than
/// everything logged, straight into the closed log with the sqlite3 shell.
fn add_filler_messages(data_dir: &Path) -> Res<()> {
    let sqlite3 = find_program("sqlite3").ok_or(
        "the sqlite3 shell is not installed (scripts/bootstrap.sh installs it): the e2e test fills the log with it",
    )?;
    let sql = format!(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {FILLER_MESSAGES}),
             base(t, p) AS (SELECT MIN(created_at), (SELECT id FROM profiles WHERE builtin_simulator = 1) FROM messages)
         INSERT INTO messages (id, profile_id, direction, source_addr, source_ton, source_npi, dest_addr, dest_ton,
             dest_npi, body, data_coding, alphabet, parts, request_dlr, state, created_at, updated_at)
         SELECT printf('e2e-filler-%03d', i), p, 'MT', 'E2E', 5, 0, '15550009999', 1, 1, printf('filler %d', i),
             0, 'GSM7', 1, 0, 'Delivered', t - (i + 1) * 1000, t - (i + 1) * 1000 FROM n, base;"
    );
    let db = data_dir.join("console.db");
    let out = std::process::Command::new(&sqlite3)
        .arg(&db)
        .arg(sql)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", sqlite3.display()))?;
    if !out.status.success() {
        return Err(format!("sqlite3 could not fill {}: {}", db.display(), String::from_utf8_lossy(&out.stderr)));
    }
    Ok(())
}

/// Messages page over FILLER_MESSAGES + 1 rows: only the rows in view are in the page;
/// scrolling to the end shows the oldest (fetched then), back to the top the newest; a click
/// selects a row, Up moves the selection and Enter opens the selected message's trace.
async fn scroll_messages(ui: &Ui, id: &str, shots: &Path) -> Res<()> {
    let row = |message: &str| format!(r#"tr[data-testid="message-row"][data-message-id="{message}"]"#);
    let newest = row(id);
    let oldest = row(&format!("e2e-filler-{:03}", FILLER_MESSAGES - 1));
    let scroll = |to: &'static str| async move {
        let js = format!(r#"const t = document.querySelector('[data-testid="message-table"]'); t.scrollTop = {to};"#);
        wd("scroll the Messages table", ui.client.execute(&js, vec![])).await.map(|_| ())
    };
    ui.wait_find(&newest, STEP_TIMEOUT).await?;
    let in_page = wd("find the rows", ui.client.find_all(Locator::Css(r#"tr[data-testid="message-row"]"#))).await?;
    if in_page.len() >= FILLER_MESSAGES as usize {
        return Err(format!("all {} rows are in the page: the table is not virtualised", in_page.len()));
    }
    ui.wait_absent("the oldest row while the table is at the top", &oldest, STEP_TIMEOUT).await?;
    scroll("t.scrollHeight").await?;
    ui.wait_find(&oldest, STEP_TIMEOUT).await.map_err(|e| format!("scrolled to the end, the oldest row: {e}"))?;
    ui.wait_absent("the newest row while the table is at the end", &newest, STEP_TIMEOUT).await?;
    ui.screenshot(&shots.join("messages-scrolled.png")).await?;
    scroll("0").await?;
    ui.wait_find(&newest, STEP_TIMEOUT).await.map_err(|e| format!("scrolled back to the top, the newest row: {e}"))?;

    // The second row is the newest filler (older than the message sent in the first session).
    // A cell, not the row: WebKitWebDriver does not click table rows themselves.
    ui.click(&format!("{} td:nth-child(5)", row("e2e-filler-000"))).await?;
    ui.wait_attr("the clicked row to be selected", &row("e2e-filler-000"), "aria-selected", STEP_TIMEOUT, |s| {
        s == "true"
    })
    .await?;
    let table = ui.wait_find(r#"[data-testid="message-table"]"#, STEP_TIMEOUT).await?;
    wd("press Up", table.send_keys(&Key::Up.to_string())).await?;
    ui.wait_attr("Up to select the newest row", &newest, "aria-selected", STEP_TIMEOUT, |s| s == "true").await?;
    wd("press Enter", table.send_keys(&Key::Enter.to_string())).await?;
    let traced = format!(r#"[data-testid="trace-message"][data-message-id="{id}"]"#);
    ui.wait_find(&traced, STEP_TIMEOUT).await.map_err(|e| format!("Enter on {id} did not open its trace: {e}"))?;
    ui.click(r#"[data-nav="messages"]"#).await?;
    ui.wait_find(&newest, STEP_TIMEOUT).await.map(|_| ())
}

/// Settings page: keep 30 days, Save; Prune now removes nothing (every message is minutes
/// old); Vacuum now shows the file's sizes.
async fn retention(ui: &Ui, shots: &Path) -> Res<()> {
    ui.click(r#"[data-nav="settings"]"#).await?;
    ui.wait_attr(
        "the retention setting to load",
        r#"[data-testid="retention-settings"]"#,
        "data-loaded",
        STEP_TIMEOUT,
        |v| v == "true",
    )
    .await?;
    ui.fill("#retention-age", "30").await?;
    ui.click("#retention-save").await?;
    ui.wait_find(r#"[data-testid="retention-saved"]"#, STEP_TIMEOUT).await?;
    ui.click("#log-prune").await?;
    let pruned = ui.wait_find(r#"[data-testid="prune-result"]"#, STEP_TIMEOUT).await?;
    let pruned = wd("read the prune result", pruned.text()).await?;
    if !pruned.starts_with("Removed 0 messages, 0 receipts, 0 PDUs; the log now uses ") {
        return Err(format!("Prune now says {pruned:?}"));
    }
    ui.click("#log-vacuum").await?;
    let vacuumed = ui.wait_find(r#"[data-testid="vacuum-result"]"#, STEP_TIMEOUT).await?;
    let vacuumed = wd("read the vacuum result", vacuumed.text()).await?;
    if !vacuumed.starts_with("The database file went from ") {
        return Err(format!("Vacuum now says {vacuumed:?}"));
    }
    ui.screenshot(&shots.join("settings-retention.png")).await
}

const E2E_PROFILE: &str = "E2E provider";
const E2E_SYSTEM_ID: &str = "e2euser";
const E2E_PASSWORD: &str = "e2e-pw1";
/// Set in the rotation step; the simulator still wants E2E_PASSWORD.
const E2E_NEW_PASSWORD: &str = "e2e-pw2";

/// Profiles page: a new profile (Generic preset) for the simulator at `sim`, its password set
/// through the credentials panel (the OS keyring), Test connection, Connect; then a message sent
/// through it on the Send page is Delivered. The password is never in the page after saving.
async fn profile_for_second_sim(ui: &Ui, sim: SocketAddr, shots: &Path) -> Res<()> {
    let form = |name: &str| format!(r#"[data-testid="profile-form"][data-profile="{name}"]"#);
    ui.click(r#"[data-nav="profiles"]"#).await?;
    ui.wait_find(r#"[data-testid="profile-row"] [data-testid="profile-builtin"]"#, STEP_TIMEOUT)
        .await
        .map_err(|e| format!("the built-in simulator is not marked in the profile list: {e}"))?;
    ui.click("#profile-new").await?;
    ui.wait_find(&form(""), STEP_TIMEOUT).await?;
    let preset = ui.value("#pf-preset").await?;
    if preset != "generic" {
        return Err(format!("a new profile starts from preset {preset:?}, expected generic"));
    }
    ui.fill("#pf-name", E2E_PROFILE).await?;
    ui.fill("#pf-host", &sim.ip().to_string()).await?;
    ui.fill("#pf-port", &sim.port().to_string()).await?;
    ui.fill("#pf-system-id", E2E_SYSTEM_ID).await?;
    ui.click("#profile-save").await?;
    ui.wait_find(&form(E2E_PROFILE), STEP_TIMEOUT).await.map_err(|e| format!("the profile was not saved: {e}"))?;
    ui.wait_find(&format!(r#"[data-testid="profile-row"][data-profile="{E2E_PROFILE}"]"#), STEP_TIMEOUT).await?;

    let status = r#"[data-testid="cred-status"]"#;
    ui.wait_attr("no password yet", status, "data-password-set", STEP_TIMEOUT, |s| s == "false").await?;
    ui.fill_secret("#cred-password", E2E_PASSWORD).await?;
    ui.click("#cred-save").await?;
    ui.wait_attr("the password to be stored in the keyring", status, "data-password-set", STEP_TIMEOUT, |s| {
        s == "true"
    })
    .await?;
    if !ui.value("#cred-password").await?.is_empty() {
        return Err("the password input still holds the password after saving".into());
    }
    let source = wd("page source", ui.client.source()).await?;
    if source.contains(E2E_PASSWORD) {
        return Err("the password is in the page after saving".into());
    }

    ui.click("#profile-test").await?;
    let test = r#"[data-testid="profile-test-result"]"#;
    ui.wait_attr("Test connection to succeed", test, "data-ok", BIND_TIMEOUT, |s| s == "true").await?;
    let summary = wd("read the test summary", ui.wait_find(test, STEP_TIMEOUT).await?.text()).await?;
    if !summary.contains("Bound as TRX") {
        return Err(format!("Test connection says {summary:?}"));
    }
    // The page's top: the list (built-in marked), the new profile, its credentials and the test.
    wd("scroll to the top", ui.client.execute(r#"document.querySelector(".page-head")?.scrollIntoView();"#, vec![]))
        .await?;
    ui.screenshot(&shots.join("profiles.png")).await?;

    ui.click("#profile-connect").await?;
    ui.wait_attr(
        "Connect to bind with the current password",
        r#"[data-testid="profile-connect-result"]"#,
        "data-previous",
        BIND_TIMEOUT,
        |s| s == "false",
    )
    .await?;

    // Send through the new profile.
    ui.click(r#"[data-nav="send"]"#).await?;
    ui.click(&format!(r#"#send-profile option[data-profile="{E2E_PROFILE}"]"#)).await?;
    let chosen = ui.value("#send-profile").await?;
    if chosen != E2E_PROFILE {
        return Err(format!("the Send page's profile is {chosen:?} after choosing {E2E_PROFILE:?}"));
    }
    ui.fill("#send-from", "E2E").await?;
    ui.fill("#send-to", "15550004321").await?;
    ui.fill("#send-text", &format!("e2e via profile {}", std::process::id())).await?;
    ui.click("#send-submit").await?;
    let result = r#"[data-testid="send-result"]"#;
    let id = ui.wait_attr("the send result", result, "data-message-id", SEND_TIMEOUT, |s| !s.is_empty()).await?;
    let via =
        ui.wait_attr("the send result's profile", result, "data-profile", STEP_TIMEOUT, |s| !s.is_empty()).await?;
    if via != E2E_PROFILE {
        return Err(format!("message {id} went through {via:?}, expected {E2E_PROFILE:?}"));
    }
    ui.click(r#"[data-nav="messages"]"#).await?;
    ui.wait_attr(
        &format!("message {id} through {E2E_PROFILE} to be Delivered"),
        &message_state_css(&id),
        "data-state",
        DELIVERED_TIMEOUT,
        |s| s == "Delivered",
    )
    .await?;
    rotate_password(ui, shots).await
}

/// A password reset the SMSC has not applied yet: the new password is stored with the old one
/// kept for an hour; Test connection and Connect fall back to the previous password and say
/// so, and the Binds page warns on the bind's card.
async fn rotate_password(ui: &Ui, shots: &Path) -> Res<()> {
    ui.click(r#"[data-nav="profiles"]"#).await?;
    ui.click(&format!(r#"[data-testid="profile-row"][data-profile="{E2E_PROFILE}"]"#)).await?;
    ui.wait_find(&format!(r#"[data-testid="profile-form"][data-profile="{E2E_PROFILE}"]"#), STEP_TIMEOUT).await?;
    ui.wait_attr("the stored password", r#"[data-testid="cred-status"]"#, "data-password-set", STEP_TIMEOUT, |s| {
        s == "true"
    })
    .await?;
    ui.fill_secret("#cred-password", E2E_NEW_PASSWORD).await?;
    ui.click(r##"#cred-rotation option[data-choice="1h"]"##).await?;
    let rotation = ui.value("#cred-rotation").await?;
    if rotation != "1h" {
        return Err(format!("the rotation choice is {rotation:?} after choosing 1 hour"));
    }
    ui.click("#cred-save").await?;
    ui.wait_find(r#"[data-testid="cred-previous"]"#, STEP_TIMEOUT)
        .await
        .map_err(|e| format!("the panel does not say the previous password is kept: {e}"))?;

    ui.click("#profile-test").await?;
    let test = r#"[data-testid="profile-test-result"]"#;
    ui.wait_attr("Test connection with the previous password", test, "data-ok", BIND_TIMEOUT, |s| s == "true").await?;
    let summary = wd("read the test summary", ui.wait_find(test, STEP_TIMEOUT).await?.text()).await?;
    if !summary.contains("PREVIOUS") {
        return Err(format!("Test connection does not say the previous password was used: {summary:?}"));
    }
    ui.click("#profile-connect").await?;
    ui.wait_attr(
        "Connect to say it bound with the previous password",
        r#"[data-testid="profile-connect-result"]"#,
        "data-previous",
        BIND_TIMEOUT,
        |s| s == "true",
    )
    .await?;

    ui.click(r#"[data-nav="binds"]"#).await?;
    let notice = format!(r#"[data-testid="bind-card"][data-profile="{E2E_PROFILE}"] [data-testid="bind-notice"]"#);
    let text = wd("read the bind notice", ui.wait_find(&notice, STEP_TIMEOUT).await?.text()).await?;
    if !text.contains("PREVIOUS password") {
        return Err(format!("the bind card's notice says {text:?}"));
    }
    let source = wd("page source", ui.client.source()).await?;
    if source.contains(E2E_PASSWORD) || source.contains(E2E_NEW_PASSWORD) {
        return Err("a password is in the page".into());
    }
    ui.screenshot(&shots.join("binds-previous-password.png")).await?;
    delete_profile(ui).await
}

/// Delete says what happens (the bind goes, the password leaves the keyring, the logged message
/// stays), then the profile leaves the list and its bind the Binds page.
async fn delete_profile(ui: &Ui) -> Res<()> {
    ui.click(r#"[data-nav="profiles"]"#).await?;
    let row = format!(r#"[data-testid="profile-row"][data-profile="{E2E_PROFILE}"]"#);
    ui.click(&row).await?;
    ui.wait_find(&format!(r#"[data-testid="profile-form"][data-profile="{E2E_PROFILE}"]"#), STEP_TIMEOUT).await?;
    ui.click("#profile-delete").await?;
    let consequences = ui.wait_find(r#"[data-testid="delete-consequences"]"#, STEP_TIMEOUT).await?;
    let text = wd("read the delete dialog", consequences.text()).await?;
    for expected in ["is disconnected", "removed from the OS keyring", "1 logged message stays in the log"] {
        if !text.contains(expected) {
            return Err(format!("the delete dialog does not say {expected:?}: {text:?}"));
        }
    }
    ui.click("#delete-confirm").await?;
    ui.wait_absent("the deleted profile's row", &row, STEP_TIMEOUT).await?;
    ui.click(r#"[data-nav="binds"]"#).await?;
    ui.wait_find(r#"[data-testid="bind-card"]"#, STEP_TIMEOUT).await?;
    ui.wait_absent(
        "the deleted profile's bind",
        &format!(r#"[data-testid="bind-card"][data-profile="{E2E_PROFILE}"]"#),
        STEP_TIMEOUT,
    )
    .await?;
    duplicate_export_import(ui).await
}

/// The built-in profile cannot be edited but can be duplicated; Export shows the copy (no
/// secrets); importing that JSON again is refused until "replace" is ticked.
async fn duplicate_export_import(ui: &Ui) -> Res<()> {
    const COPY: &str = "Local simulator copy";
    ui.click(r#"[data-nav="profiles"]"#).await?;
    ui.click(r#"[data-testid="profile-row"][data-profile="Local simulator"]"#).await?;
    ui.wait_find(r#"[data-testid="profile-form"][data-profile="Local simulator"]"#, STEP_TIMEOUT).await?;
    if !ui.client.find_all(Locator::Css("#profile-save, #profile-delete")).await.map_err(|e| e.to_string())?.is_empty()
    {
        return Err("the built-in profile offers Save or Delete".into());
    }
    ui.click("#profile-duplicate").await?;
    let name = ui.value("#duplicate-name").await?;
    if name != COPY {
        return Err(format!("Duplicate offers the name {name:?}, expected {COPY:?}"));
    }
    ui.click("#duplicate-confirm").await?;
    ui.wait_find(&format!(r#"[data-testid="profile-form"][data-profile="{COPY}"]"#), STEP_TIMEOUT)
        .await
        .map_err(|e| format!("the copy is not on the form: {e}"))?;

    ui.click("#profile-export").await?;
    let json = ui.value("#export-json").await?;
    if !json.contains(r#""format": "smpp-console-profiles""#) || !json.contains(COPY) {
        return Err(format!("the export is not the copy: {json}"));
    }
    if json.contains(E2E_PROFILE) || json.contains(E2E_PASSWORD) || json.contains(E2E_NEW_PASSWORD) {
        return Err("the export holds the deleted profile or a password".into());
    }
    ui.click(r#"[data-testid="export-dialog-close"]"#).await?;

    ui.click("#profile-import").await?;
    // Pasted rather than typed: typing a whole export key by key takes seconds.
    ui.wait_find("#import-json", STEP_TIMEOUT).await?;
    let paste = r#"const el = document.getElementById("import-json");
        el.value = arguments[0];
        el.dispatchEvent(new Event("input", { bubbles: true }));"#;
    wd("paste the export into the import box", ui.client.execute(paste, vec![serde_json::Value::String(json.clone())]))
        .await?;
    if ui.value("#import-json").await? != json {
        return Err("the import box does not hold the export".into());
    }
    ui.click("#import-submit").await?;
    let refused =
        wd("read the import error", ui.wait_find(r#"[data-testid="import-error"]"#, STEP_TIMEOUT).await?.text())
            .await?;
    if !refused.contains("exist already") {
        return Err(format!("importing a profile that exists says {refused:?}"));
    }
    ui.click("#import-replace").await?;
    ui.click("#import-submit").await?;
    let done =
        wd("read the import result", ui.wait_find(r#"[data-testid="import-result"]"#, STEP_TIMEOUT).await?.text())
            .await?;
    if !done.contains(&format!("Imported 1 profile: {COPY}")) {
        return Err(format!("the import says {done:?}"));
    }
    ui.click(r#"[data-testid="import-dialog-close"]"#).await
}

/// Binds page: Disconnect takes the bind down and keeps it down; Connect brings it back.
async fn disconnect_and_connect(ui: &Ui, shots: &Path) -> Res<()> {
    let card = r#"[data-testid="bind-card"]"#;
    ui.click(r#"[data-nav="binds"]"#).await?;
    ui.click(r#"[data-testid="bind-disconnect"]"#).await?;
    ui.wait_attr("the bind to go down", card, "data-state", STEP_TIMEOUT, |s| s == "Disconnected").await?;
    ui.screenshot(&shots.join("binds-disconnected.png")).await?;
    ui.click(r#"[data-testid="bind-connect"]"#).await?;
    ui.wait_attr("the bind to come back", card, "data-state", BIND_TIMEOUT, |s| s == "Bound").await?;
    ui.wait_bound().await
}

/// Trace page, from the log written by the first session: the row's Trace link shows the
/// whole story; the SMSC's ID in lowercase finds the same message; a PDU opens in the Inspector.
async fn trace_after_restart(ui: &Ui, id: &str, smsc_id: &str, shots: &Path) -> Res<()> {
    let traced_state = format!(r#"[data-testid="trace-message"][data-message-id="{id}"] [data-testid="trace-state"]"#);
    ui.click(&format!(r#"tr[data-testid="message-row"][data-message-id="{id}"] [data-testid="message-trace"]"#))
        .await?;
    ui.wait_attr(&format!("the trace of {id}"), &traced_state, "data-state", STEP_TIMEOUT, |s| s == "Delivered")
        .await?;
    for kind in ["queued", "submitSm", "submitSmResp", "receipt", "final"] {
        ui.wait_find(&format!(r#"[data-testid="trace-step"][data-kind="{kind}"]"#), STEP_TIMEOUT)
            .await
            .map_err(|e| format!("the trace of {id} has no {kind} step: {e}"))?;
    }
    ui.screenshot(&shots.join("trace.png")).await?;

    ui.fill(r#"[data-testid="trace-query"]"#, &smsc_id.to_lowercase()).await?;
    ui.click(r#"[data-testid="trace-submit"]"#).await?;
    ui.wait_attr(
        &format!("the trace of SMSC id {smsc_id} in lowercase"),
        &traced_state,
        "data-state",
        STEP_TIMEOUT,
        |s| s == "Delivered",
    )
    .await?;

    ui.click(r#"[data-testid="trace-inspect"]"#).await?;
    let source = ui.wait_find(r#"[data-testid="inspector-source"]"#, STEP_TIMEOUT).await?;
    let label = wd("read the Inspector's source", source.text()).await?;
    if !label.contains("submit_sm") {
        return Err(format!("the Inspector opened {label:?}, expected the submit_sm"));
    }
    ui.wait_find(r#"[data-testid="inspector-pdu"]"#, STEP_TIMEOUT)
        .await
        .map_err(|e| format!("the logged submit_sm was not dissected: {e}"))?;
    Ok(())
}

/// Processes of `app` that run on `data_dir` (found through /proc; ours only).
fn app_processes(app: &Path, data_dir: &Path) -> Vec<u32> {
    let needle = format!("SMPP_CONSOLE_DATA_DIR={}", data_dir.display());
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let exe = fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
            let exe = exe.to_string_lossy();
            let same_exe = exe == app.to_string_lossy() || exe == format!("{} (deleted)", app.display());
            same_exe
                && fs::read(format!("/proc/{pid}/environ"))
                    .map(|env| env.split(|b| *b == 0).any(|kv| kv == needle.as_bytes()))
                    .unwrap_or(false)
        })
        .collect()
}

async fn wait_app_gone(app: &Path, data_dir: &Path, timeout: Duration) -> Res<()> {
    let deadline = Instant::now() + timeout;
    loop {
        let left = app_processes(app, data_dir);
        if left.is_empty() {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(format!("the app (pids {left:?}) still runs {timeout:?} after its WebDriver session closed"));
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Stops leftover app processes of this test (SIGTERM; they are our descendants).
fn reap_app(app: &Path, data_dir: &Path) {
    for pid in app_processes(app, data_dir) {
        let _ = std::process::Command::new("kill").args(["-s", "TERM", &pid.to_string()]).status();
    }
}

struct Failure {
    stage: &'static str,
    error: String,
}

async fn fail_with_diagnostics(ui: Ui, stage: &'static str, error: String, shots: &Path) -> Failure {
    let shot = shots.join(format!("failure-{stage}.png"));
    let shot_note = match ui.screenshot(&shot).await {
        Ok(()) => format!("screenshot: {}", shot.display()),
        Err(e) => format!("no screenshot: {e}"),
    };
    let text = ui.page_text().await;
    let _ = ui.close().await;
    Failure { stage, error: format!("{error}\n{shot_note}\n--- page text:\n{text}\n---") }
}

async fn run_flow(
    driver: &TauriDriver,
    app: &Path,
    data_dir: &Path,
    sim: SocketAddr,
    shots: &Path,
) -> Result<(), Failure> {
    let err = |stage: &'static str| move |error: String| Failure { stage, error };

    // First start.
    let ui = Ui::connect(driver, app).await.map_err(err("connect-1"))?;
    let (id, smsc_id) = match first_session(&ui, shots).await {
        Ok(ids) => ids,
        Err(e) => return Err(fail_with_diagnostics(ui, "first-session", e, shots).await),
    };
    ui.close().await.map_err(err("close-1"))?;
    wait_app_gone(app, data_dir, Duration::from_secs(15)).await.map_err(err("app-exit-1"))?;
    add_filler_messages(data_dir).map_err(err("fill-log"))?;

    // Second start, same data dir.
    let ui = Ui::connect(driver, app).await.map_err(err("connect-2"))?;
    if let Err(e) = second_session(&ui, &id, &smsc_id, sim, shots).await {
        return Err(fail_with_diagnostics(ui, "second-session", e, shots).await);
    }
    ui.close().await.map_err(err("close-2"))?;
    wait_app_gone(app, data_dir, Duration::from_secs(15)).await.map_err(err("app-exit-2"))?;
    Ok(())
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

fn mkdir(p: PathBuf) -> PathBuf {
    fs::create_dir_all(&p).unwrap_or_else(|e| panic!("cannot create {}: {e}", p.display()));
    p
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_in_window_is_delivered_and_survives_restart() {
    e2e_prerequisites();
    let app = app_bin();
    let scratch = scratch_dir("e2e-window");
    let data_dir = mkdir(scratch.path().join("data"));
    let xdg_data = mkdir(scratch.path().join("xdg-data"));
    let xdg_cache = mkdir(scratch.path().join("xdg-cache"));
    let xdg_config = mkdir(scratch.path().join("xdg-config"));
    let shots = screenshots_dir();

    // The app logs into a file we read at the end (debug: as much as it would ever log).
    let app_log = scratch.path().join("app.log");
    let driver = start_tauri_driver(&[
        ("SMPP_CONSOLE_LOG_FILE", app_log.as_path()),
        ("SMPP_CONSOLE_LOG", Path::new("debug")),
        ("SMPP_CONSOLE_DATA_DIR", data_dir.as_path()),
        ("XDG_DATA_HOME", xdg_data.as_path()),
        ("XDG_CACHE_HOME", xdg_cache.as_path()),
        ("XDG_CONFIG_HOME", xdg_config.as_path()),
    ]);

    // A second SMSC for the Profiles step: the profile made in the window binds to it with a
    // password that only the OS keyring holds.
    let sim = Simulator::start("127.0.0.1:0", SimConfig::new(E2E_SYSTEM_ID, E2E_PASSWORD))
        .await
        .unwrap_or_else(|e| panic!("cannot start the second simulator: {e}"));

    let outcome = run_flow(&driver, &app, &data_dir, sim.local_addr(), &shots).await;
    sim.shutdown().await;

    // Clean up in order: app (if a session was left behind), then the driver with SIGTERM.
    reap_app(&app, &data_dir);
    let mut driver = driver;
    let transcript = driver.proc.transcript();
    let stopped = driver.stop();

    if let Err(f) = outcome {
        panic!("end-to-end flow failed at {}: {}\n{transcript}", f.stage, f.error);
    }
    // Passwords went through the window into the keyring: none is in any log.
    let log = fs::read_to_string(&app_log).unwrap_or_else(|e| panic!("no app log at {}: {e}", app_log.display()));
    assert!(
        log.contains("password stored in the OS keyring"),
        "the app log at {} does not show the password being stored; is it the app's log?",
        app_log.display()
    );
    for secret in [E2E_PASSWORD, E2E_NEW_PASSWORD] {
        assert!(!log.contains(secret), "a profile password is in the app's log ({})", app_log.display());
        assert!(!transcript.contains(secret), "a profile password is in tauri-driver's output");
    }
    // Nor anywhere the app wrote: the database and its WAL, and the webview's storage (form
    // data, caches, local storage) under the scratch XDG directories.
    let written = files_under(scratch.path());
    assert!(written.iter().any(|p| p.ends_with("console.db")), "the scan sees the database: {written:?}");
    for secret in [E2E_PASSWORD, E2E_NEW_PASSWORD] {
        let holding: Vec<_> = written
            .iter()
            .filter(|p| fs::read(p).is_ok_and(|bytes| bytes.windows(secret.len()).any(|w| w == secret.as_bytes())))
            .collect();
        assert!(holding.is_empty(), "a profile password was written to {holding:?}");
    }
    stopped.unwrap_or_else(|e| panic!("tauri-driver did not stop on SIGTERM: {e}"));
    assert!(
        fs::metadata(data_dir.join("console.db")).is_ok_and(|m| m.len() > 0),
        "no console.db in {}",
        data_dir.display()
    );
}
