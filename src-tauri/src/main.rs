//! SMPP Console desktop app: a Tauri shell over console-core. Commands and event forwarding
//! only; everything else lives in the crates under `crates/`.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod events;
mod message_page_commands;
mod profile_commands;
mod retention_commands;

use std::time::Duration;

use console_core::Console;
use tauri::{Manager, RunEvent};

/// How long the built-in simulator waits before sending a delivery receipt: long enough to
/// watch a message move through Accepted, short enough not to wait for it.
const LOCAL_SIM_DLR_DELAY: Duration = Duration::from_millis(800);

/// Where the log goes: stdout, or the file named by this variable (appended to), so tests can
/// read what a window they drive logged.
const LOG_FILE_ENV: &str = "SMPP_CONSOLE_LOG_FILE";

fn init_logging() {
    let filter = || tracing_subscriber::EnvFilter::try_from_env("SMPP_CONSOLE_LOG").unwrap_or_else(|_| "info".into());
    if let Some(path) = std::env::var_os(LOG_FILE_ENV) {
        match std::fs::OpenOptions::new().create(true).append(true).open(&path) {
            Ok(file) => {
                tracing_subscriber::fmt()
                    .with_env_filter(filter())
                    .with_ansi(false)
                    .with_writer(std::sync::Mutex::new(file))
                    .init();
                return;
            }
            Err(e) => eprintln!("cannot open the log file {} ({e}); logging to stdout", path.to_string_lossy()),
        }
    }
    tracing_subscriber::fmt().with_env_filter(filter()).init();
}

fn main() {
    init_logging();

    let app = tauri::Builder::default()
        .setup(|app| {
            let dir = match console_core::resolve_data_dir(None) {
                Some(d) => d,
                None => app.path().app_data_dir()?,
            };
            tracing::info!("data directory: {}", dir.display());
            let console = tauri::async_runtime::block_on(Console::open(&dir))?;
            app.manage(console.clone());
            events::forward(app.handle().clone(), console.subscribe());
            // Prunes the log by the retention setting in the background (a minute from now,
            // then hourly); stopped on exit before the console shuts down.
            app.manage(retention_commands::PruneTask::start(console.clone()));
            tauri::async_runtime::spawn(async move {
                if let Err(e) = console.start_local_simulator(LOCAL_SIM_DLR_DELAY).await {
                    // The bind status (shown in the window) already says why.
                    tracing::error!("built-in simulator: {e}");
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::list_messages,
            message_page_commands::list_message_page,
            commands::list_binds,
            commands::send_message,
            commands::preview_encoding,
            commands::inspect_pdus,
            commands::trace,
            commands::trace_summary,
            commands::logged_pdu,
            commands::bind_disconnect,
            commands::bind_connect,
            profile_commands::list_profiles,
            profile_commands::provider_presets,
            profile_commands::profile_template,
            profile_commands::validate_profile,
            profile_commands::create_profile,
            profile_commands::update_profile,
            profile_commands::duplicate_profile,
            profile_commands::delete_profile,
            profile_commands::export_profiles,
            profile_commands::import_profiles,
            profile_commands::set_password,
            profile_commands::delete_password,
            profile_commands::credential_status,
            profile_commands::test_connection,
            profile_commands::connect_profile,
            retention_commands::retention_get,
            retention_commands::retention_set,
            retention_commands::log_prune,
            retention_commands::log_vacuum
        ])
        .build(tauri::generate_context!());
    let app = match app {
        Ok(a) => a,
        Err(e) => {
            eprintln!("SMPP Console cannot start: {e}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let RunEvent::Exit = event {
            // Stop the background prune, then unbind politely and flush the log before the
            // process ends.
            if let Some(task) = handle.try_state::<retention_commands::PruneTask>() {
                tauri::async_runtime::block_on(task.stop());
            }
            if let Some(console) = handle.try_state::<Console>() {
                tauri::async_runtime::block_on(console.shutdown());
            }
        }
    });
}
