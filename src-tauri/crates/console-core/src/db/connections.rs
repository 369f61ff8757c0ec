//! `connections`: every connection attempt and how it ended.

use super::Db;

pub async fn insert_connection(
    db: &Db,
    profile_id: i64,
    host: &str,
    port: u16,
    bind_type: &str,
    now: i64,
) -> sqlx::Result<i64> {
    let r =
        sqlx::query("INSERT INTO connections (profile_id, host, port, bind_type, started_at) VALUES (?, ?, ?, ?, ?)")
            .bind(profile_id)
            .bind(host)
            .bind(i64::from(port))
            .bind(bind_type)
            .bind(now)
            .execute(db)
            .await?;
    Ok(r.last_insert_rowid())
}

pub async fn mark_connection_bound(db: &Db, id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE connections SET bound_at = ?, outcome = 'bound' WHERE id = ?")
        .bind(now)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn mark_connection_ended(db: &Db, id: i64, outcome: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE connections SET ended_at = ?, outcome = ? WHERE id = ?")
        .bind(now)
        .bind(outcome)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}
