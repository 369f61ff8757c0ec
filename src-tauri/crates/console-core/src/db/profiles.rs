//! `profiles`: SMSC accounts (no secrets).

use sqlx::FromRow;

use super::Db;
use crate::bind_settings::BindSettings;
use crate::profile_model::{HostPort, ProfileInput};

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Profile {
    pub id: i64,
    pub name: String,
    pub preset: String,
    pub host: String,
    pub port: i64,
    pub system_id: String,
    pub system_type: String,
    pub bind_type: String,
    pub builtin_simulator: bool,
    #[sqlx(flatten)]
    pub settings: BindSettings,
    pub tls: bool,
    pub ca_file: Option<String>,
    pub client_cert_file: Option<String>,
    pub client_key_file: Option<String>,
    pub server_name: Option<String>,
    pub bind_count: i64,
    /// Each bind is a TX session plus an RX session ("TX+RX").
    pub tx_rx_pair: bool,
    pub interface_version: i64,
    pub address_range: String,
    pub source_addr: String,
    pub source_ton: Option<i64>,
    pub source_npi: Option<i64>,
    pub dest_ton: i64,
    pub dest_npi: i64,
    pub default_encoding: String,
    pub concat_method: String,
    pub request_receipt: bool,
    pub password_set_at: Option<i64>,
    pub previous_password_until: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Profile {
    /// The editable fields, as the UI and exports see them (`failover` from `profile_hosts`).
    pub fn to_input(&self, failover: Vec<(String, u16)>) -> ProfileInput {
        let byte = |v: i64| u8::try_from(v).unwrap_or(0);
        ProfileInput {
            name: self.name.clone(),
            preset: self.preset.clone(),
            host: self.host.clone(),
            port: u16::try_from(self.port).unwrap_or(0),
            failover_hosts: failover.into_iter().map(|(host, port)| HostPort { host, port }).collect(),
            tls: self.tls,
            ca_file: self.ca_file.clone(),
            client_cert_file: self.client_cert_file.clone(),
            client_key_file: self.client_key_file.clone(),
            server_name: self.server_name.clone(),
            system_id: self.system_id.clone(),
            system_type: self.system_type.clone(),
            bind_type: if self.tx_rx_pair { PAIR.into() } else { self.bind_type.clone() },
            bind_count: u32::try_from(self.bind_count).unwrap_or(1),
            interface_version: if self.interface_version == 0x50 { "5.0" } else { "3.4" }.into(),
            address_range: self.address_range.clone(),
            settings: self.settings.clone(),
            source_addr: self.source_addr.clone(),
            source_ton: self.source_ton.map(byte),
            source_npi: self.source_npi.map(byte),
            dest_ton: byte(self.dest_ton),
            dest_npi: byte(self.dest_npi),
            default_encoding: self.default_encoding.clone(),
            concat_method: self.concat_method.clone(),
            request_receipt: self.request_receipt,
        }
    }

    /// How its binds reach the SMSC: TLS with its CA, client certificate and server name, or
    /// plain TCP.
    pub fn transport(&self) -> smpp_session::Transport {
        if !self.tls {
            return smpp_session::Transport::Tcp;
        }
        let path = |v: &Option<String>| v.as_deref().filter(|s| !s.is_empty()).map(std::path::PathBuf::from);
        let client_cert = path(&self.client_cert_file).zip(path(&self.client_key_file));
        let name = self.server_name.as_deref().filter(|s| !s.is_empty()).unwrap_or(&self.host);
        smpp_session::Transport::tls_to(name, smpp_session::TlsSettings { ca: path(&self.ca_file), client_cert })
    }
}

macro_rules! columns {
    () => {
        "id, name, preset, host, port, system_id, system_type, bind_type, builtin_simulator, window_size, rate_limit,
         response_timeout_ms, enquire_link_ms, throttle_retry_delay_ms, throttle_retry_limit, resubmit_unanswered,
         reconnect_wait_ms, backoff_initial_ms, backoff_max_ms, tls, ca_file, client_cert_file, client_key_file,
         server_name, bind_count, tx_rx_pair, interface_version, address_range, source_addr, source_ton, source_npi, dest_ton,
         dest_npi, default_encoding, concat_method, request_receipt, password_set_at, previous_password_until,
         created_at, updated_at"
    };
}

pub async fn get_profile_by_name(db: &Db, name: &str) -> sqlx::Result<Option<Profile>> {
    sqlx::query_as(concat!("SELECT ", columns!(), " FROM profiles WHERE name = ? AND deleted_at IS NULL"))
        .bind(name)
        .fetch_optional(db)
        .await
}

pub async fn list_profiles(db: &Db) -> sqlx::Result<Vec<Profile>> {
    sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM profiles WHERE deleted_at IS NULL ORDER BY builtin_simulator DESC, name"
    ))
    .fetch_all(db)
    .await
}

#[derive(Debug)]
pub struct NewProfile<'a> {
    pub name: &'a str,
    pub preset: &'a str,
    pub host: &'a str,
    pub port: u16,
    pub system_id: &'a str,
    pub bind_type: &'a str,
    pub builtin_simulator: bool,
}

/// Inserts the profile, or updates host/port/system_id of the one with that name (the built-in
/// simulator's at each start, smppctl's ad-hoc `--host` profiles).
pub async fn upsert_profile(db: &Db, p: NewProfile<'_>, now: i64) -> sqlx::Result<Profile> {
    sqlx::query(
        "INSERT INTO profiles (name, preset, host, port, system_id, bind_type, builtin_simulator, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET preset = excluded.preset, host = excluded.host, port = excluded.port,
             system_id = excluded.system_id, updated_at = excluded.updated_at",
    )
    .bind(p.name)
    .bind(p.preset)
    .bind(p.host)
    .bind(i64::from(p.port))
    .bind(p.system_id)
    .bind(p.bind_type)
    .bind(p.builtin_simulator)
    .bind(now)
    .bind(now)
    .execute(db)
    .await?;
    get_profile_by_name(db, p.name).await?.ok_or(sqlx::Error::RowNotFound)
}

/// Replaces the profile's bind settings; they apply from its next bind.
pub async fn update_bind_settings(db: &Db, profile_id: i64, s: &BindSettings, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE profiles SET window_size = ?, rate_limit = ?, response_timeout_ms = ?, enquire_link_ms = ?,
             throttle_retry_delay_ms = ?, throttle_retry_limit = ?, resubmit_unanswered = ?, reconnect_wait_ms = ?,
             backoff_initial_ms = ?, backoff_max_ms = ?, updated_at = ?
         WHERE id = ?",
    )
    .bind(s.window_size)
    .bind(s.rate_limit)
    .bind(s.response_timeout_ms)
    .bind(s.enquire_link_ms)
    .bind(s.throttle_retry_delay_ms)
    .bind(s.throttle_retry_limit)
    .bind(s.resubmit_unanswered)
    .bind(s.reconnect_wait_ms)
    .bind(s.backoff_initial_ms)
    .bind(s.backoff_max_ms)
    .bind(now)
    .bind(profile_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Stores a new profile from the edit form (already validated); its failover hosts too.
pub async fn insert_profile(db: &Db, p: &ProfileInput, now: i64) -> sqlx::Result<Profile> {
    let mut tx = super::begin_write(db).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO profiles (name, preset, host, port, system_id, bind_type, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&p.name)
    .bind(&p.preset)
    .bind(&p.host)
    .bind(i64::from(p.port))
    .bind(&p.system_id)
    .bind(stored_bind_type(&p.bind_type))
    .bind(now)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    write_fields(&mut tx, id, p, now).await?;
    tx.commit().await?;
    get_profile_by_id(db, id).await?.ok_or(sqlx::Error::RowNotFound)
}

/// Replaces every editable field of profile `id` (a rename included) and its failover hosts.
pub async fn update_profile(db: &Db, id: i64, p: &ProfileInput, now: i64) -> sqlx::Result<Profile> {
    let mut tx = super::begin_write(db).await?;
    write_fields(&mut tx, id, p, now).await?;
    tx.commit().await?;
    get_profile_by_id(db, id).await?.ok_or(sqlx::Error::RowNotFound)
}

/// The bind type the form offers for a transmitter + receiver pair.
pub const PAIR: &str = "TX+RX";

/// The `bind_type` column's value (its CHECK predates pairs, stored as `tx_rx_pair`).
fn stored_bind_type(bind_type: &str) -> &str {
    if bind_type == PAIR { "TRX" } else { bind_type }
}

async fn write_fields(tx: &mut sqlx::SqliteConnection, id: i64, p: &ProfileInput, now: i64) -> sqlx::Result<()> {
    let s = &p.settings;
    let opt = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
    sqlx::query(
        "UPDATE profiles SET name = ?, preset = ?, host = ?, port = ?, system_id = ?, system_type = ?, bind_type = ?,
             window_size = ?, rate_limit = ?, response_timeout_ms = ?, enquire_link_ms = ?, throttle_retry_delay_ms = ?,
             throttle_retry_limit = ?, resubmit_unanswered = ?, reconnect_wait_ms = ?, backoff_initial_ms = ?,
             backoff_max_ms = ?, tls = ?, ca_file = ?, client_cert_file = ?, client_key_file = ?, server_name = ?,
             bind_count = ?, tx_rx_pair = ?, interface_version = ?, address_range = ?, source_addr = ?, source_ton = ?, source_npi = ?,
             dest_ton = ?, dest_npi = ?, default_encoding = ?, concat_method = ?, request_receipt = ?, updated_at = ?
         WHERE id = ?",
    )
    .bind(&p.name)
    .bind(&p.preset)
    .bind(&p.host)
    .bind(i64::from(p.port))
    .bind(&p.system_id)
    .bind(&p.system_type)
    .bind(stored_bind_type(&p.bind_type))
    .bind(s.window_size)
    .bind(s.rate_limit)
    .bind(s.response_timeout_ms)
    .bind(s.enquire_link_ms)
    .bind(s.throttle_retry_delay_ms)
    .bind(s.throttle_retry_limit)
    .bind(s.resubmit_unanswered)
    .bind(s.reconnect_wait_ms)
    .bind(s.backoff_initial_ms)
    .bind(s.backoff_max_ms)
    .bind(p.tls)
    .bind(opt(&p.ca_file))
    .bind(opt(&p.client_cert_file))
    .bind(opt(&p.client_key_file))
    .bind(opt(&p.server_name))
    .bind(i64::from(p.bind_count))
    .bind(p.bind_type == PAIR)
    .bind(if p.interface_version == "5.0" { 0x50_i64 } else { 0x34 })
    .bind(&p.address_range)
    .bind(&p.source_addr)
    .bind(p.source_ton.map(i64::from))
    .bind(p.source_npi.map(i64::from))
    .bind(i64::from(p.dest_ton))
    .bind(i64::from(p.dest_npi))
    .bind(&p.default_encoding)
    .bind(&p.concat_method)
    .bind(p.request_receipt)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    super::profile_hosts::write_failover_hosts(tx, id, p.failover_hosts.iter().map(|h| (h.host.as_str(), h.port)))
        .await?;
    Ok(())
}

pub async fn get_profile_by_id(db: &Db, id: i64) -> sqlx::Result<Option<Profile>> {
    sqlx::query_as(concat!("SELECT ", columns!(), " FROM profiles WHERE id = ?")).bind(id).fetch_optional(db).await
}

/// Deletes a profile softly: it leaves every list, its name is freed (renamed to
/// "NAME (deleted TIME)"), and the messages logged through it keep their history.
pub async fn soft_delete_profile(db: &Db, id: i64, label: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE profiles SET name = name || ' (deleted ' || ? || ')', deleted_at = ?, password_set_at = NULL,
             previous_password_until = NULL
         WHERE id = ?",
    )
    .bind(label)
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// Records when the password was set and until when the previous one is kept (no secret).
pub async fn set_password_times(
    db: &Db,
    id: i64,
    set_at: Option<i64>,
    previous_until: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE profiles SET password_set_at = ?, previous_password_until = ? WHERE id = ?")
        .bind(set_at)
        .bind(previous_until)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Messages logged through the profile (kept when it is deleted).
pub async fn message_count(db: &Db, id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE profile_id = ?").bind(id).fetch_one(db).await
}
