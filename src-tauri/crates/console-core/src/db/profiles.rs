//! `profiles`: SMSC accounts (no secrets).

use sqlx::FromRow;

use super::Db;
use crate::bind_settings::BindSettings;

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
}

macro_rules! columns {
    () => {
        "id, name, preset, host, port, system_id, system_type, bind_type, builtin_simulator, window_size, rate_limit,
         response_timeout_ms, enquire_link_ms, throttle_retry_delay_ms, throttle_retry_limit, resubmit_unanswered,
         reconnect_wait_ms, backoff_initial_ms, backoff_max_ms"
    };
}

pub async fn get_profile_by_name(db: &Db, name: &str) -> sqlx::Result<Option<Profile>> {
    sqlx::query_as(concat!("SELECT ", columns!(), " FROM profiles WHERE name = ?")).bind(name).fetch_optional(db).await
}

pub async fn list_profiles(db: &Db) -> sqlx::Result<Vec<Profile>> {
    sqlx::query_as(concat!("SELECT ", columns!(), " FROM profiles ORDER BY builtin_simulator DESC, name"))
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

/// Inserts the profile, or updates host/port/system_id of the one with that name.
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
