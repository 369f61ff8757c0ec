//! `smppctl log prune|vacuum|retention`: keep the message log to an age or a size, the same
//! setting the app prunes by in the background.

use std::path::PathBuf;

use console_core::retention::{PruneReport, Retention};

use crate::output::{open_console, print_json, report};

#[derive(Debug, clap::Args)]
pub struct PruneArgs {
    /// Remove messages (with their parts and receipts) and PDUs older than N days. Without
    /// this or --max-size-mb, the stored setting (`smppctl log retention`) applies.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    older_than_days: Option<u32>,
    /// Remove the oldest messages while the log uses more than N MB.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_size_mb: Option<u32>,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub struct VacuumArgs {
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub struct RetentionArgs {
    /// Keep messages this many days (the app prunes older ones hourly).
    #[arg(long, value_name = "N", conflicts_with = "forever")]
    days: Option<u32>,
    /// Limit the log to this many MB (oldest messages go first).
    #[arg(long, value_name = "N", conflicts_with = "no_size_limit")]
    max_size_mb: Option<u32>,
    /// Keep messages forever (no age limit).
    #[arg(long)]
    forever: bool,
    /// No size limit.
    #[arg(long)]
    no_size_limit: bool,
    #[arg(long)]
    json: bool,
}

/// Prunes now, by the flags or else by the stored setting.
pub async fn prune(args: PruneArgs, data_dir: Option<PathBuf>) -> u8 {
    let console = match open_console(data_dir, args.json).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let result = if args.older_than_days.is_some() || args.max_size_mb.is_some() {
        let r = Retention { max_age_days: args.older_than_days, max_size_mb: args.max_size_mb };
        console.prune_log_by(&r).await
    } else {
        console.prune_log().await
    };
    let code = match result {
        Ok(r) if args.json => {
            print_json(&r);
            0
        }
        Ok(r) => {
            println!("{}", describe(&r));
            0
        }
        Err(e) => report(args.json, &e),
    };
    console.shutdown().await;
    code
}

/// Rebuilds the database file so pruned space goes back to the disk.
pub async fn vacuum(args: VacuumArgs, data_dir: Option<PathBuf>) -> u8 {
    let console = match open_console(data_dir, args.json).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let code = match console.vacuum_log().await {
        Ok(v) if args.json => {
            print_json(&v);
            0
        }
        Ok(v) => {
            println!("The log file went from {} to {}.", mb(v.file_bytes_before), mb(v.file_bytes_after));
            0
        }
        Err(e) => report(args.json, &e),
    };
    console.shutdown().await;
    code
}

/// Shows the stored setting, or changes the parts given.
pub async fn retention(args: RetentionArgs, data_dir: Option<PathBuf>) -> u8 {
    let console = match open_console(data_dir, args.json).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let code = async {
        let mut r = console.retention().await?;
        let changing = args.days.is_some() || args.max_size_mb.is_some() || args.forever || args.no_size_limit;
        if changing {
            if args.forever {
                r.max_age_days = None;
            } else if args.days.is_some() {
                r.max_age_days = args.days;
            }
            if args.no_size_limit {
                r.max_size_mb = None;
            } else if args.max_size_mb.is_some() {
                r.max_size_mb = args.max_size_mb;
            }
            console.set_retention(&r).await?;
        }
        Ok::<_, console_core::CoreError>(r)
    }
    .await;
    let code = match code {
        Ok(r) if args.json => {
            print_json(&r);
            0
        }
        Ok(r) => {
            let age = r.max_age_days.map_or("forever".to_string(), |d| format!("{d} days"));
            let size = r.max_size_mb.map_or("no size limit".to_string(), |m| format!("at most {m} MB"));
            println!("Messages are kept {age}, {size}.");
            0
        }
        Err(e) => report(args.json, &e),
    };
    console.shutdown().await;
    code
}

fn describe(r: &PruneReport) -> String {
    format!(
        "Removed {} messages, {} receipts and {} PDUs; the log's rows now use {} (were {}). Run `smppctl log vacuum` to give the space back to the disk.",
        r.messages,
        r.receipts,
        r.pdus,
        mb(r.used_bytes_after),
        mb(r.used_bytes_before)
    )
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}
