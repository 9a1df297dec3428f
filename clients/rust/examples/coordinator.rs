//! The coordinator pattern: assigns a task to an agent unless someone did
//! first. Read the task's events, decide, append with a condition (nothing
//! new about the task since what was read), and when the condition fails
//! (FAILED_PRECONDITION) read again from where the log changed and decide
//! again. Any number of coordinators, on any number of servers of one
//! store, can run this at once: exactly one assigns the task.
//!
//! ```sh
//! cargo run --example coordinator -- --addr 127.0.0.1:50051 --task task-42 --agent agent-rust
//! ```
//!
//! `SPARK_TOKEN` is used when set.

use spark_memory::{Client, v1};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (mut addr, mut task, mut agent) = (
        "127.0.0.1:50051".to_owned(),
        "task-42".to_owned(),
        "agent-rust".to_owned(),
    );
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--addr", Some(value)) => addr = value,
            ("--task", Some(value)) => task = value,
            ("--agent", Some(value)) => agent = value,
            _ => {
                return Err(
                    "usage: coordinator [--addr HOST:PORT] [--task ID] [--agent ID]".into(),
                );
            }
        }
    }
    let mut connect = Client::connect(addr);
    if let Ok(token) = std::env::var("SPARK_TOKEN") {
        connect = connect.with_token(token);
    }
    let client = connect.await?;

    // What this coordinator has read of the task: events up to `seen`.
    let mut seen = 0;
    loop {
        // Read: the task's events after what was read before, oldest first.
        let events = client
            .list_events(v1::ListEventsRequest {
                task_id: Some(task.clone()),
                after_sequence: seen,
                order: v1::Order::OldestFirst.into(),
                limit: 1000,
                ..Default::default()
            })
            .await?;
        if let Some(last) = events.last() {
            seen = last.sequence;
        }
        // Decide: assigned already?
        if let Some(assigned) = events.iter().find(|e| e.event_type == "task_assigned") {
            let owner = assigned.agent_id.as_deref().unwrap_or("?");
            println!(
                "{task} is assigned to {owner} (event #{})",
                assigned.sequence
            );
            return Ok(());
        }
        if events.len() == 1000 {
            continue; // more to read first
        }
        // Append, on the condition that nothing happened to the task since.
        let assign = v1::RecordEventRequest {
            event_type: "task_assigned".into(),
            task_id: Some(task.clone()),
            agent_id: Some(agent.clone()),
            condition: Some(v1::AppendCondition {
                task_id: Some(task.clone()),
                after_sequence: seen,
                ..Default::default() // any event type
            }),
            ..Default::default()
        };
        match client.record_event(assign).await {
            Ok(recorded) => {
                let event = recorded.event.unwrap_or_default();
                println!("assigned {task} to {agent} (event #{})", event.sequence);
                return Ok(());
            }
            // The task changed after `seen`: read again and decide again.
            Err(error) => match error.conflicting_sequence() {
                Some(conflict) => println!("{task} changed (event #{conflict}); reading again"),
                None => return Err(error.into()),
            },
        }
    }
}
