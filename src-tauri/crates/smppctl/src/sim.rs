//! `smppctl sim`: the simulator in the foreground.

use std::time::Duration;

use smsc_sim::{SimConfig, Simulator};

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
}

pub async fn run(args: SimArgs) -> u8 {
    if args.system_id.len() > 15 || args.password.len() > 8 {
        eprintln!("error: system_id may be at most 15 characters and password at most 8 (SMPP 3.4)");
        return EXIT_USAGE;
    }
    let mut config = SimConfig::new(&args.system_id, &args.password);
    config.dlr_delay = Duration::from_millis(args.dlr_delay_ms);
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
