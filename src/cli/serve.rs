//! `understudy serve`: the HTTP API, and job workers beside it, until
//! Ctrl-C or SIGTERM.

use std::net::SocketAddr;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::api::{AppState, router};

/// Binds and serves; returns when a shutdown signal arrives.
pub async fn run(state: AppState, bind: SocketAddr) -> anyhow::Result<()> {
    let listener = TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    serve(state, listener).await
}

/// Serves on a bound listener; the demo binds first to print the address.
pub async fn serve(state: AppState, listener: TcpListener) -> anyhow::Result<()> {
    let address = listener.local_addr()?;
    tracing::info!(%address, "serving");
    let workers = crate::jobs::spawn_workers(&state.job_workers());

    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown())
        .await
        .context("the server stopped with an error")?;

    // A job in progress is left to its lease: another worker continues it.
    for worker in workers {
        worker.abort();
    }
    Ok(())
}

pub(super) async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();

    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
