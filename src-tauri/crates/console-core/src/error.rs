//! Errors as data: a stable code plus a message that says what to do.

use crate::model::ApiError;
use crate::profile_model::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{message}")]
    Validation { field: &'static str, message: String },
    #[error("cannot open the message log at {path}: {source}")]
    OpenDatabase { path: String, source: sqlx::Error },
    #[error("the message log failed: {0}")]
    Database(#[from] sqlx::Error),
    /// The log writer's own connection (see `db::log_writer`) failed or stopped.
    #[error("the message log failed: {0}")]
    LogWriter(String),
    #[error("cannot prepare the data directory {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
    #[error("no profile named {0:?}")]
    UnknownProfile(String),
    #[error("{0}")]
    NotBound(String),
    #[error("cannot start the built-in simulator: {0}")]
    Simulator(std::io::Error),
    #[error("{message}")]
    Smpp { code: String, message: String },
    /// The OS credential store is missing, locked or failed: what and how to fix it.
    #[error("{0}")]
    Keyring(String),
    /// A profile that cannot be stored: every field's problem.
    #[error("{}", describe_fields(.0))]
    InvalidProfile(Vec<FieldError>),
    #[error("{0}")]
    Conflict(String),
}

fn describe_fields(errors: &[FieldError]) -> String {
    let list: Vec<String> = errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
    format!("The profile was not saved. {}", list.join(" "))
}

impl CoreError {
    pub fn code(&self) -> String {
        match self {
            CoreError::Validation { .. } => "validation".into(),
            CoreError::OpenDatabase { .. } | CoreError::Database(_) | CoreError::LogWriter(_) => "database".into(),
            CoreError::DataDir { .. } => "data_dir".into(),
            CoreError::UnknownProfile(_) => "unknown_profile".into(),
            CoreError::NotBound(_) => "not_bound".into(),
            CoreError::Simulator(_) => "simulator".into(),
            CoreError::Smpp { code, .. } => code.clone(),
            CoreError::Keyring(_) => "keyring".into(),
            CoreError::InvalidProfile(_) => "validation".into(),
            CoreError::Conflict(_) => "conflict".into(),
        }
    }

    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        CoreError::Validation { field, message: message.into() }
    }
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        ApiError { code: e.code(), message: e.to_string() }
    }
}

impl From<sqlx::migrate::MigrateError> for CoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        CoreError::Database(sqlx::Error::Migrate(Box::new(e)))
    }
}
