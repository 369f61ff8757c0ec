//! `smppctl sim`: the simulator in the foreground.

use std::time::Duration;

use smsc_sim::{Faults, SimConfig, Simulator};

use crate::{EXIT_FAILURE, EXIT_USAGE};

#[derive(Debug, clap::Args)]
pub struct SimArgs {
    /// Address to listen on; port 0 picks a free port (the line printed says which).
    #[arg(long, default_value = "127.0.0.1:2775")]
    listen: String,
    /// The system_id binds must present.
    #[arg(long)]
    system_id: String,
    /// The password binds must present.
    #[arg(long, env = "SMPP_PASSWORD", hide_env_values = true)]
    password: String,
    /// Delay before the delivery receipt is sent, in milliseconds.
    #[arg(long, default_value_t = 1000)]
    dlr_delay_ms: u64,
    /// Fault: hold every response back this many milliseconds.
    #[arg(long, default_value_t = 0)]
    response_delay_ms: u64,
    /// Fault: answer every Nth submit_sm with ESME_RTHROTTLED (0x58).
    #[arg(long, value_name = "N")]
    throttle_every: Option<u32>,
    /// Fault: close the connection on its Nth submit_sm, leaving in-flight requests unanswered.
    #[arg(long, value_name = "N")]
    drop_after: Option<u32>,
    /// Fault: refuse every bind with this command_status (decimal or 0x hex, e.g. 0x0D).
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    refuse_binds: Option<u32>,
    /// Fault: answer nothing at all, keeping connections open.
    #[arg(long)]
    silent: bool,
}

fn parse_status(s: &str) -> Result<u32, String> {
    let parsed = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16),
        None => s.parse(),
    };
    parsed.map_err(|e| format!("not a command_status: {e}"))
}

pub async fn run(args: SimArgs) -> u8 {
    if args.system_id.len() > 15 || args.password.len() > 8 {
        eprintln!("error: system_id may be at most 15 characters and password at most 8 (SMPP 3.4)");
        return EXIT_USAGE;
    }
    let mut config = SimConfig::new(&args.system_id, &args.password);
    config.dlr_delay = Duration::from_millis(args.dlr_delay_ms);
    config.faults = Faults {
        response_delay: Duration::from_millis(args.response_delay_ms),
        throttle_every: args.throttle_every,
        drop_after: args.drop_after,
        refuse_binds: args.refuse_binds,
        silent: args.silent,
    };
    // Listen for signals before announcing readiness: a script that stops us right after the
    // ready line must get a clean exit, not the default signal death.
    let stop = match StopSignal::install() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot install signal handlers: {e}");
            return EXIT_FAILURE;
        }
    };
    let sim = match Simulator::start(&args.listen, config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", args.listen);
            return EXIT_FAILURE;
        }
    };
    println!("smsc-sim listening on {}", sim.local_addr());
    stop.wait().await;
    sim.shutdown().await;
    0
}

/// SIGINT or SIGTERM (Ctrl-C elsewhere), listened for from the moment it is installed.
struct StopSignal {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
}

impl StopSignal {
    #[cfg(unix)]
    fn install() -> std::io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self { int: signal(SignalKind::interrupt())?, term: signal(SignalKind::terminate())? })
    }

    #[cfg(not(unix))]
    fn install() -> std::io::Result<Self> {
        Ok(Self {})
    }

    #[cfg(unix)]
    async fn wait(mut self) {
        tokio::select! {
            _ = self.int.recv() => {}
            _ = self.term.recv() => {}
        }
    }

    #[cfg(not(unix))]
    async fn wait(self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
