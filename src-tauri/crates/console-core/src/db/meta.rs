//! `console_meta`: facts about this database itself (its install id).

use super::Db;

/// A random id made once per database: it names this console's keyring entries, so two data
/// directories (a test's and the user's, say) never read each other's secrets.
pub async fn install_id(db: &Db) -> sqlx::Result<String> {
    let fresh = uuid::Uuid::now_v7().simple().to_string();
    sqlx::query("INSERT INTO console_meta (key, value) VALUES ('install_id', ?) ON CONFLICT (key) DO NOTHING")
        .bind(&fresh)
        .execute(db)
        .await?;
    sqlx::query_scalar("SELECT value FROM console_meta WHERE key = 'install_id'").fetch_one(db).await
}
