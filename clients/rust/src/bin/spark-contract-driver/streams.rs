//! The driver's open streams: each is read by a task into a channel, so
//! that a step can wait for what has arrived with a timeout.

use std::time::Duration;

use futures_util::StreamExt;
use serde_json::{Value, json};
use spark_memory::{Client, Error, FollowItem, WatchItem, v1};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::{Instant, timeout_at};

use crate::Failure;

/// What a stream's reader hands over.
enum Entry {
    Item(Value),
    CaughtUp,
    End,
    Failed(Error),
    /// The driver could not write an item as JSON.
    Broken(String),
}

/// How far a read goes.
pub enum Until {
    /// The caught-up marker (or the end).
    CaughtUp,
    /// This many items (or the end).
    Count(usize),
    /// The end of the stream.
    End,
}

pub struct OpenStream {
    entries: mpsc::UnboundedReceiver<Entry>,
    reader: JoinHandle<()>,
}

impl Drop for OpenStream {
    fn drop(&mut self) {
        // Dropping the client's stream inside the task cancels the call.
        self.reader.abort();
    }
}

fn item(message: &impl serde::Serialize) -> Entry {
    match serde_json::to_value(message) {
        Ok(value) => Entry::Item(value),
        Err(e) => Entry::Broken(format!("cannot write JSON: {e}")),
    }
}

impl OpenStream {
    fn spawn<F>(read: impl FnOnce(mpsc::UnboundedSender<Entry>) -> F) -> Self
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let (sender, entries) = mpsc::unbounded_channel();
        Self {
            entries,
            reader: tokio::spawn(read(sender)),
        }
    }

    /// ListEvents: with follow through `Client::follow` (a durable consumer's
    /// follow starts after its acknowledged sequence; the steps acknowledge
    /// with AckEvents), otherwise the events of `Client::list_events`
    /// followed by the end.
    pub fn list_events(client: &Client, request: v1::ListEventsRequest) -> Self {
        let client = client.clone();
        Self::spawn(move |out| async move {
            if !request.follow {
                match client.list_events(request).await {
                    Ok(events) => {
                        for event in &events {
                            let _ = out.send(item(event));
                        }
                        let _ = out.send(Entry::End);
                    }
                    Err(error) => {
                        let _ = out.send(Entry::Failed(error));
                    }
                }
                return;
            }
            let mut follow = client.follow(request);
            while let Some(next) = follow.next().await {
                let entry = match next {
                    Ok(FollowItem::Event(event)) => item(&event),
                    Ok(FollowItem::CaughtUp) => Entry::CaughtUp,
                    Err(error) => {
                        let _ = out.send(Entry::Failed(error));
                        return;
                    }
                };
                if out.send(entry).is_err() {
                    return;
                }
            }
            let _ = out.send(Entry::End);
        })
    }

    /// WatchMemories: each change as a `WatchMemoriesResponse`.
    pub fn watch_memories(client: &Client, request: v1::WatchMemoriesRequest) -> Self {
        let client = client.clone();
        Self::spawn(move |out| async move {
            let mut watch = client.watch_memories(request);
            while let Some(next) = watch.next().await {
                let entry = match next {
                    Ok(WatchItem::Change {
                        kind,
                        memory,
                        sequence,
                    }) => item(&v1::WatchMemoriesResponse {
                        kind: kind.into(),
                        memory: Some(memory),
                        caught_up: false,
                        sequence,
                    }),
                    Ok(WatchItem::CaughtUp) => Entry::CaughtUp,
                    Err(error) => {
                        let _ = out.send(Entry::Failed(error));
                        return;
                    }
                };
                if out.send(entry).is_err() {
                    return;
                }
            }
            let _ = out.send(Entry::End);
        })
    }

    /// Collects items until `until`, the end of the stream, its error or
    /// the timeout, and answers `{items, caught_up, ended, timed_out}`.
    pub async fn read(&mut self, until: Until, timeout: Duration) -> Result<Value, Failure> {
        let deadline = Instant::now() + timeout;
        let mut items = Vec::new();
        let (mut caught_up, mut ended, mut timed_out) = (false, false, false);
        loop {
            if let Until::Count(count) = until
                && items.len() >= count
            {
                break;
            }
            match timeout_at(deadline, self.entries.recv()).await {
                Err(_) => {
                    timed_out = true;
                    break;
                }
                Ok(None | Some(Entry::End)) => {
                    ended = true;
                    break;
                }
                Ok(Some(Entry::Failed(error))) => return Err(Failure::Call(error)),
                Ok(Some(Entry::Broken(message))) => return Err(Failure::Driver(message)),
                Ok(Some(Entry::CaughtUp)) => {
                    caught_up = true;
                    if let Until::CaughtUp = until {
                        break;
                    }
                }
                Ok(Some(Entry::Item(value))) => items.push(value),
            }
        }
        Ok(json!({
            "items": items,
            "caught_up": caught_up,
            "ended": ended,
            "timed_out": timed_out,
        }))
    }
}
