//! `missive-server`: with no arguments, the embedded default (SQLite and the
//! in-process bus under ./missive-data, listening on 127.0.0.1:50051).

use clap::Parser;
use missive_server::App;
use missive_server::config::{Args, Config};
use missive_server::telemetry::Telemetry;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_args(Args::parse()) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("missive-server: {err}");
            return ExitCode::from(2);
        }
    };
    let telemetry = match Telemetry::init(config.log_format, &config.domain) {
        Ok(telemetry) => telemetry,
        Err(err) => {
            eprintln!("missive-server: {err}");
            return ExitCode::from(2);
        }
    };
    let code = serve(config).await;
    // Whatever the outcome, the last spans and metric points go out.
    let _ = tokio::task::spawn_blocking(move || telemetry.shutdown()).await;
    code
}

async fn serve(config: Config) -> ExitCode {
    // Before the (possibly long) build: a SIGHUP meanwhile must not kill
    // the process, which is SIGHUP's default.
    #[cfg(unix)]
    let hangups = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup());
    let app = match App::build(config).await {
        Ok(app) => app,
        Err(err) => {
            eprintln!("missive-server: cannot start: {err:#}");
            return ExitCode::FAILURE;
        }
    };
    #[cfg(unix)]
    tokio::spawn(reload_on_hangup(hangups, app.reload_handle()));
    match app.run_until_stopped(shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("missive-server: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// SIGHUP reads the flags, environment and configuration file again and
/// applies what can change while running (docs/operations.md).
#[cfg(unix)]
async fn reload_on_hangup(hangups: std::io::Result<tokio::signal::unix::Signal>, reload: missive_server::app::Reload) {
    let mut hangups = match hangups {
        Ok(signal) => signal,
        Err(err) => {
            tracing::warn!(error = %err, "cannot listen for SIGHUP; configuration reloads need a restart");
            return;
        }
    };
    while hangups.recv().await.is_some() {
        reload.reload_with(|| {
            let args = Args::try_parse().map_err(|err| err.to_string())?;
            Config::from_args(args).map_err(|err| err.to_string())
        });
    }
}

/// SIGINT or SIGTERM.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM; only SIGINT stops the server");
                let _ = interrupt.await;
                return;
            }
        };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
