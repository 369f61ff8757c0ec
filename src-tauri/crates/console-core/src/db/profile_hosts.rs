//! `profile_hosts`: a profile's failover hosts, tried in order after its own host and port.

use super::Db;

/// Host and port, in the order they are tried (the profile's own host is not included).
pub async fn list_failover_hosts(db: &Db, profile_id: i64) -> sqlx::Result<Vec<(String, u16)>> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT host, port FROM profile_hosts WHERE profile_id = ? ORDER BY position")
            .bind(profile_id)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(h, p)| (h, u16::try_from(p).unwrap_or(0))).collect())
}

/// Replaces the profile's failover hosts with `hosts`, in this order.
pub async fn replace_failover_hosts(db: &Db, profile_id: i64, hosts: &[(String, u16)]) -> sqlx::Result<()> {
    let mut tx = super::begin_write(db).await?;
    write_failover_hosts(&mut tx, profile_id, hosts.iter().map(|(h, p)| (h.as_str(), *p))).await?;
    tx.commit().await
}

/// Replaces the hosts inside the caller's transaction (a profile saved with its hosts).
pub async fn write_failover_hosts<'a>(
    conn: &mut sqlx::SqliteConnection,
    profile_id: i64,
    hosts: impl Iterator<Item = (&'a str, u16)>,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM profile_hosts WHERE profile_id = ?").bind(profile_id).execute(&mut *conn).await?;
    for (position, (host, port)) in hosts.enumerate() {
        sqlx::query("INSERT INTO profile_hosts (profile_id, position, host, port) VALUES (?, ?, ?, ?)")
            .bind(profile_id)
            .bind(position as i64)
            .bind(host)
            .bind(i64::from(port))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
