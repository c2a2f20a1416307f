//! The store's meta flags and its users.

use rusqlite::{Connection, OptionalExtension, params};

use super::Result;

/// Whether the demo data was seeded into this store (once, ever).
pub fn is_seeded(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM meta WHERE key = 'seeded'", [], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Remembers that the demo data was seeded.
pub fn mark_seeded(conn: &Connection, now_ms: i64) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded', ?1)",
        params![now_ms.to_string()],
    )?;
    Ok(())
}

/// A user's stored password hash and whether they are an administrator.
#[derive(Debug, Clone)]
pub struct UserRow {
    /// PHC string of the password hash.
    pub password_hash: String,
    /// Administrator (may write) or read-only.
    pub is_admin: bool,
}

/// The user named `name`, if any.
pub fn user(conn: &Connection, name: &str) -> Result<Option<UserRow>> {
    Ok(conn
        .query_row(
            "SELECT password_hash, is_admin FROM users WHERE name = ?1",
            params![name],
            |row| {
                Ok(UserRow {
                    password_hash: row.get(0)?,
                    is_admin: row.get(1)?,
                })
            },
        )
        .optional()?)
}

/// Sets the password hash of `name`, creating the user with `is_admin_if_new` when missing (an
/// existing user keeps their role).
pub fn set_user_password(
    conn: &Connection,
    name: &str,
    password_hash: &str,
    is_admin_if_new: bool,
) -> Result<()> {
    conn.execute(
        "INSERT INTO users (name, password_hash, is_admin) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash",
        params![name, password_hash, is_admin_if_new],
    )?;
    Ok(())
}
