//! Records an event, then follows the log until Ctrl-C.
//!
//! ```sh
//! cargo run --example follow -- --addr 127.0.0.1:50051
//! ```
//!
//! `SPARK_TOKEN` and `SPARK_GRPC_TLS_CA` / `_CERT` / `_KEY` (PEM files) are
//! used when set, as by the spark-grpc client commands.

use futures_util::StreamExt;
use spark_memory::{Client, FollowItem, Tls, v1};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut addr = "127.0.0.1:50051".to_owned();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--addr", Some(value)) => addr = value,
            _ => return Err("usage: follow [--addr HOST:PORT]".into()),
        }
    }
    let setting = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());

    let mut connect = Client::connect(addr);
    if let Some(token) = setting("SPARK_TOKEN") {
        connect = connect.with_token(token);
    }
    if let Some(ca) = setting("SPARK_GRPC_TLS_CA") {
        let mut tls = Tls::new().with_ca_file(ca)?;
        if let (Some(cert), Some(key)) = (
            setting("SPARK_GRPC_TLS_CERT"),
            setting("SPARK_GRPC_TLS_KEY"),
        ) {
            tls = tls.with_client_identity_files(cert, key)?;
        }
        connect = connect.with_tls(tls);
    }
    let client = connect.await?;

    let recorded = client
        .record_event(v1::RecordEventRequest {
            event_type: "task_posted".into(),
            agent_id: Some("agent-rust".into()),
            task_id: Some("task-42".into()),
            description: "Summarise the swarm's day".into(),
            data: r#"{"bid_sats": 90}"#.into(),
            ..Default::default()
        })
        .await?; // an Error: error.code() says which, error.field() names the bad field
    let event = recorded.event.unwrap_or_default();
    println!(
        "recorded #{} {} (importance {:.2})",
        event.sequence, event.id, event.importance
    );

    // The history oldest first, then each new event as it is committed.
    let mut follow = client.follow(v1::ListEventsRequest::default());
    loop {
        let item = tokio::select! {
            item = follow.next() => item,
            _ = tokio::signal::ctrl_c() => break, // dropping `follow` cancels the call
        };
        match item {
            Some(Ok(FollowItem::Event(event))) => println!(
                "#{} {} agent={} {}",
                event.sequence,
                event.event_type,
                event.agent_id.as_deref().unwrap_or(""),
                event.data
            ),
            Some(Ok(FollowItem::CaughtUp)) => {
                println!("-- caught up; waiting for new events (Ctrl-C to stop)")
            }
            // Resume with after_sequence set to the last sequence seen.
            Some(Err(error)) => return Err(error.into()),
            None => break,
        }
    }
    Ok(())
}
