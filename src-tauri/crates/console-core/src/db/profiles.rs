//! `profiles`: SMSC accounts (no secrets).

use sqlx::FromRow;

use super::Db;

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
}

macro_rules! columns {
    () => {
        "id, name, preset, host, port, system_id, system_type, bind_type, builtin_simulator"
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
         ON CONFLICT (name) DO UPDATE SET host = excluded.host, port = excluded.port,
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
