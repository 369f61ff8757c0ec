//! [`Console`]: the one object the app and smppctl hold.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use smpp_session::Transport;
use smsc_sim::{SimConfig, Simulator};
use tokio::sync::broadcast;

use crate::bind_controls::BindRecipe;
use crate::binds::{self, BindSlot, Reconnect};
use crate::clock::now_ms;
use crate::db::{self, Db, profiles};
use crate::error::CoreError;
use crate::local_sim::{LOCAL_SIMULATOR_PROFILE, LOCAL_SIMULATOR_SYSTEM_ID, local_password};
use crate::model::{BindStatus, ConsoleEvent, MessageView, SendOutcome, SendRequest, TraceFilters, TraceResult};
use crate::send;

pub(crate) struct Inner {
    pub db: Db,
    /// Every write of the hot path (messages, parts, receipts, PDUs) goes through it, in order:
    /// a deliver_sm is logged before the receipt it carries.
    pub log: crate::db::log_writer::LogWriter,
    events: broadcast::Sender<ConsoleEvent>,
    binds: Mutex<Vec<Arc<BindSlot>>>,
    /// How each profile was last bound, so the Binds page can connect it again. The password
    /// stays in memory only (it came from the keyring or the simulator's file).
    recipes: Mutex<std::collections::HashMap<String, BindRecipe>>,
    simulator: tokio::sync::Mutex<Option<Simulator>>,
    data_dir: PathBuf,
    /// Profile passwords in the OS keyring, under this database's install id.
    pub credentials: Arc<crate::credentials::Credentials>,
    /// Round-robin turn among a profile's binds.
    next_bind: std::sync::atomic::AtomicUsize,
    /// Incoming multipart messages waiting for their parts.
    pub mo: Mutex<crate::mo::MoAssembly>,
    /// Taken while an MO decision is queued for the log (see `mo::take_part`).
    pub(crate) mo_log_order: tokio::sync::Mutex<()>,
}

impl Inner {
    /// Tells every subscriber (the window, smppctl waiting for a receipt) about a change.
    pub fn publish(&self, ev: ConsoleEvent) {
        // No subscriber is not an error: the log is the record, events are notifications.
        let _ = self.events.send(ev);
    }

    pub(crate) fn recipe(&self, profile: &str) -> Option<BindRecipe> {
        self.recipes.lock().unwrap_or_else(|e| e.into_inner()).get(profile).cloned()
    }

    /// Forgets how the profile was last bound (its password changed, or the profile did), so
    /// the next connect reads the password from the keyring and the settings from the log.
    pub(crate) fn forget_recipe(&self, profile: &str) {
        self.recipes.lock().unwrap_or_else(|e| e.into_inner()).remove(profile);
    }

    /// Stops and forgets the profile's bind and how it was bound (its password included).
    pub(crate) fn forget_bind(&self, profile: &str) {
        self.recipes.lock().unwrap_or_else(|e| e.into_inner()).remove(profile);
        self.binds.lock().unwrap_or_else(|e| e.into_inner()).retain(|s| {
            let same = s.profile.name == profile;
            if same {
                s.stop();
            }
            !same
        });
    }

    pub(crate) fn slots(&self) -> Vec<Arc<BindSlot>> {
        self.binds.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// The console: message log, profiles, binds and the built-in simulator.
#[derive(Clone)]
pub struct Console {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Console {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Console").field("data_dir", &self.inner.data_dir).finish_non_exhaustive()
    }
}

impl Console {
    /// Opens the log in `data_dir` (created if needed) and settles what a previous run left
    /// unfinished.
    pub async fn open(data_dir: &Path) -> Result<Console, CoreError> {
        std::fs::create_dir_all(data_dir)
            .map_err(|source| CoreError::DataDir { path: data_dir.display().to_string(), source })?;
        let path = data_dir.join(db::DATABASE_FILE);
        let db = db::open(&path).await?;
        let (events, _) = broadcast::channel(4096);
        let log = crate::db::log_writer::LogWriter::open(&path, Some(events.clone()))?;
        let install_id = db::meta::install_id(&db).await?;
        let inner = Arc::new(Inner {
            credentials: Arc::new(crate::credentials::Credentials::new(install_id)),
            next_bind: std::sync::atomic::AtomicUsize::new(0),
            mo: crate::mo::new_assembly(),
            mo_log_order: tokio::sync::Mutex::new(()),
            log,
            db,
            events,
            binds: Mutex::new(Vec::new()),
            recipes: Mutex::new(std::collections::HashMap::new()),
            simulator: tokio::sync::Mutex::new(None),
            data_dir: data_dir.to_path_buf(),
        });
        crate::mo::spawn_expiry(Arc::downgrade(&inner));
        let held = crate::mo::recover_held(&inner).await?;
        if held > 0 {
            tracing::warn!(
                "{held} part(s) of incoming multipart messages were held when the console last stopped; waiting for the rest again"
            );
        }
        let recovered = send::recover_interrupted(&inner).await?;
        if recovered > 0 {
            tracing::warn!("{recovered} message(s) were in flight when the console last stopped; marked as such");
        }
        Ok(Console { inner })
    }

    pub(crate) fn inner(&self) -> &Arc<Inner> {
        &self.inner
    }

    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    /// The message log's pool (read-only uses: tests, reports).
    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    /// The log writer every hot-path write goes through (benchmarks and tests fill the log
    /// with it).
    pub fn log_writer(&self) -> &crate::db::log_writer::LogWriter {
        &self.inner.log
    }

    pub fn subscribe(&self) -> broadcast::Receiver<ConsoleEvent> {
        self.inner.events.subscribe()
    }

    /// Starts the built-in simulator on a free loopback port and binds the "Local simulator"
    /// profile to it (TRX, reconnecting). Returns once the first bind attempt is over.
    pub async fn start_local_simulator(&self, dlr_delay: Duration) -> Result<(), CoreError> {
        let password = local_password(&self.inner.data_dir)?;
        let mut config = SimConfig::new(LOCAL_SIMULATOR_SYSTEM_ID, &password);
        config.dlr_delay = dlr_delay;
        let sim = Simulator::start("127.0.0.1:0", config).await.map_err(CoreError::Simulator)?;
        let port = sim.local_addr().port();
        *self.inner.simulator.lock().await = Some(sim);
        let profile = profiles::upsert_profile(
            &self.inner.db,
            profiles::NewProfile {
                name: LOCAL_SIMULATOR_PROFILE,
                preset: "simulator",
                host: "127.0.0.1",
                port,
                system_id: LOCAL_SIMULATOR_SYSTEM_ID,
                bind_type: "TRX",
                builtin_simulator: true,
            },
            now_ms(),
        )
        .await?;
        self.bind(profile, password, Reconnect::WithBackoff).await
    }

    /// The profile smppctl uses for `--host/--port/--system-id` (named after them), so what
    /// it sends is logged like anything else.
    pub async fn adhoc_profile(&self, host: &str, port: u16, system_id: &str) -> Result<profiles::Profile, CoreError> {
        self.adhoc_profile_with_preset("generic", host, port, system_id).await
    }

    /// Like [`Console::adhoc_profile`], remembering the provider preset (so receipts are read
    /// with its error table). The preset's bind settings are applied by the caller if wanted.
    pub async fn adhoc_profile_with_preset(
        &self,
        preset: &str,
        host: &str,
        port: u16,
        system_id: &str,
    ) -> Result<profiles::Profile, CoreError> {
        let name = format!("{system_id}@{host}:{port}");
        Ok(profiles::upsert_profile(
            &self.inner.db,
            profiles::NewProfile {
                name: &name,
                preset,
                host,
                port,
                system_id,
                bind_type: "TRX",
                builtin_simulator: false,
            },
            now_ms(),
        )
        .await?)
    }

    /// Binds `profile` over plain TCP and waits for the first attempt's outcome. A refused bind
    /// is an error named after its command_status (e.g. ESME_RINVPASWD) with its meaning.
    pub async fn bind(
        &self,
        profile: profiles::Profile,
        password: String,
        reconnect: Reconnect,
    ) -> Result<(), CoreError> {
        self.bind_via(profile, password, reconnect, Transport::Tcp).await
    }

    /// Like [`Console::bind`], over the given transport (TLS settings are not stored in the
    /// profile yet: the caller carries them).
    pub async fn bind_via(
        &self,
        profile: profiles::Profile,
        password: String,
        reconnect: Reconnect,
        transport: Transport,
    ) -> Result<(), CoreError> {
        let name = profile.name.clone();
        self.inner.recipes.lock().unwrap_or_else(|e| e.into_inner()).insert(
            name.clone(),
            BindRecipe {
                profile: profile.clone(),
                password: password.clone(),
                reconnect,
                transport: transport.clone(),
            },
        );
        {
            let mut slots = self.inner.binds.lock().unwrap_or_else(|e| e.into_inner());
            slots.retain(|s| {
                let same = s.profile.name == name;
                if same {
                    s.stop();
                }
                !same
            });
        }
        // The profile's binds share its traffic (and its rate limit); each reconnects alone.
        let count = usize::try_from(profile.bind_count.clamp(1, 32)).unwrap_or(1);
        let kinds: &[&str] = if profile.tx_rx_pair { &["TX", "RX"] } else { &[profile.bind_type.as_str()] };
        let mut firsts = Vec::with_capacity(count * kinds.len());
        for index in 0..count {
            for kind in kinds {
                let (slot, first) = binds::start(
                    self.inner.clone(),
                    profile.clone(),
                    kind,
                    (index, count),
                    password.clone(),
                    reconnect,
                    transport.clone(),
                );
                self.inner.binds.lock().unwrap_or_else(|e| e.into_inner()).push(slot);
                firsts.push(first);
            }
        }
        // Bound when any bind is: the others keep trying (or report why they cannot).
        let mut refusal = None;
        for first in firsts {
            match first.await {
                Ok(Ok(())) => refusal = Some(Ok(())),
                Ok(Err(e)) if refusal.is_none() => refusal = Some(Err(Some(e))),
                Err(_) if refusal.is_none() => refusal = Some(Err(None)),
                _ => {}
            }
        }
        match refusal {
            Some(Ok(())) => Ok(()),
            Some(Err(Some((Some(code), reason)))) => {
                Err(CoreError::Smpp { code: smpp_codec::status::name(code), message: reason })
            }
            Some(Err(Some((None, reason)))) => Err(CoreError::Smpp { code: "bind_failed".into(), message: reason }),
            _ => Err(CoreError::NotBound(format!("the bind of {name} was stopped"))),
        }
    }

    /// Sends through one of the named profile's binds, or the first profile's when `profile`
    /// is None.
    pub async fn send(&self, profile: Option<&str>, req: &SendRequest) -> Result<SendOutcome, CoreError> {
        let slots = self.inner.slots();
        let name = match profile {
            Some(name) => name,
            None => &slots.first().ok_or_else(|| CoreError::NotBound("No profile is bound yet.".into()))?.profile.name,
        };
        // Of the profile's binds, the bound one with the most room in its window: traffic
        // routes around a bind that is down. Ties go round-robin, so a burst of sends
        // (all seeing empty windows) still spreads over the binds.
        // A receiver cannot submit; a profile bound only as RX keeps one to explain that.
        let mut ours: Vec<_> = slots.iter().filter(|s| s.profile.name == name && s.kind != "RX").collect();
        if ours.is_empty() {
            ours = slots.iter().filter(|s| s.profile.name == name).collect();
        }
        if !ours.is_empty() {
            let turn = self.inner.next_bind.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let len = ours.len();
            ours.rotate_left(turn % len);
        }
        let slot = ours
            .iter()
            .filter(|s| s.client().is_some())
            .min_by_key(|s| s.load())
            .or(ours.first())
            .ok_or_else(|| CoreError::UnknownProfile(name.into()))?;
        send::send(&self.inner, slot, req).await
    }

    pub async fn list_messages(&self, limit: u32) -> Result<Vec<MessageView>, CoreError> {
        Ok(db::messages::list_message_views(&self.inner.db, limit).await?)
    }

    pub async fn get_message(&self, id: &str) -> Result<Option<MessageView>, CoreError> {
        Ok(db::messages::get_message_view(&self.inner.db, id).await?)
    }

    /// "What happened to this message?": messages matching our ID, an SMSC message_id in any
    /// form (hex or decimal, leading zeros, case; Twilio SIDs and Telesign references), a phone
    /// number, or (when the query is none of those and nothing matched) a piece of the text;
    /// each with its timeline. Orphan receipts matching an ID query come along.
    pub async fn trace(&self, query: &str, filters: &TraceFilters) -> Result<TraceResult, CoreError> {
        // PDUs are logged in batches: what was just sent is on disk before the trace reads.
        self.inner.log.flush().await;
        crate::trace::trace(&self.inner.db, query, filters).await
    }

    /// A trace as plain text for a provider ticket (UTC times, IDs, errors, masked PDU hex).
    pub async fn trace_summary(&self, result: &TraceResult) -> Result<String, CoreError> {
        crate::trace::render_summary(&self.inner.db, result).await
    }

    /// The log narrowed by `filters`, newest first; `true` when more matched than the limit.
    pub async fn list_messages_filtered(&self, filters: &TraceFilters) -> Result<(Vec<MessageView>, bool), CoreError> {
        crate::trace::list_messages_filtered(&self.inner.db, filters).await
    }

    /// One logged PDU (passwords already masked), for the Inspector.
    pub async fn logged_pdu(&self, id: i64) -> Result<Option<crate::LoggedPdu>, CoreError> {
        crate::logged_pdu::logged_pdu(&self.inner.db, id).await
    }

    /// The profile of this name as stored (settings included), if any.
    pub async fn profile(&self, name: &str) -> Result<Option<profiles::Profile>, CoreError> {
        Ok(profiles::get_profile_by_name(&self.inner.db, name).await?)
    }

    /// Replaces a profile's bind settings (window, rate limit, timers, retry policy); they
    /// apply from its next bind.
    pub async fn set_bind_settings(&self, profile: &str, settings: &crate::BindSettings) -> Result<(), CoreError> {
        let p = profiles::get_profile_by_name(&self.inner.db, profile)
            .await?
            .ok_or_else(|| CoreError::UnknownProfile(profile.into()))?;
        profiles::update_bind_settings(&self.inner.db, p.id, settings, now_ms()).await?;
        Ok(())
    }

    /// Replaces a profile's failover hosts, tried in this order after its own host and port
    /// (from its next bind).
    pub async fn set_failover_hosts(&self, profile: &str, hosts: &[(String, u16)]) -> Result<(), CoreError> {
        let p = profiles::get_profile_by_name(&self.inner.db, profile)
            .await?
            .ok_or_else(|| CoreError::UnknownProfile(profile.into()))?;
        db::profile_hosts::replace_failover_hosts(&self.inner.db, p.id, hosts).await?;
        Ok(())
    }

    pub fn list_binds(&self) -> Vec<BindStatus> {
        self.inner.slots().iter().map(|s| s.status()).collect()
    }

    /// How long an incoming multipart message may wait for its missing parts before it is
    /// stored as incomplete (5 minutes by default).
    pub fn set_mo_reassembly_timeout(&self, timeout: Duration) {
        self.inner.mo.lock().unwrap_or_else(|e| e.into_inner()).set_timeout(timeout);
    }

    /// Unbinds everything, stops the simulator and closes the log.
    pub async fn shutdown(&self) {
        let slots: Vec<_> = std::mem::take(&mut *self.inner.binds.lock().unwrap_or_else(|e| e.into_inner()));
        for s in &slots {
            s.stop();
        }
        // Give unbind_resp a moment to arrive so the session ends politely.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
        while slots.iter().any(|s| s.client().is_some()) && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        if let Some(sim) = self.inner.simulator.lock().await.take() {
            sim.shutdown().await;
        }
        // Parts waiting for the rest of their message stay held in the log (mo_held_parts): the
        // next start takes them back, so the rest can still come, through any console.
        // A bind whose unbind outlasted the wait above has not flushed its PDUs yet.
        self.inner.log.flush().await;
        self.inner.db.close().await;
    }
}
