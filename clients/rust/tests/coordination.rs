//! Conditional appends and durable consumers against a real server
//! (tests/support).

mod support;

use std::time::Duration;

use futures_util::StreamExt;
use spark_memory::v1::{
    AppendCondition, CountRequest, CountTarget, Event, ListEventsRequest, RecordEventRequest,
};
use spark_memory::{APPEND_CONDITION_FAILED, Client, Code, Error, Follow, FollowItem};
use support::Server;
use tokio::time::{Instant, sleep, timeout};

/// How long a test waits for a stream's next item or an ack to land.
const WAIT: Duration = Duration::from_secs(10);

async fn connect(server: &Server) -> Client {
    Client::connect(server.addr.as_str())
        .await
        .expect("connecting to the test server")
}

fn event(event_type: &str) -> RecordEventRequest {
    RecordEventRequest {
        event_type: event_type.into(),
        ..Default::default()
    }
}

fn assign(task: &str) -> RecordEventRequest {
    RecordEventRequest {
        task_id: Some(task.into()),
        ..event("task_assigned")
    }
}

/// Nobody has assigned `task` after `after_sequence`.
fn unassigned(task: &str, after_sequence: i64) -> AppendCondition {
    AppendCondition {
        event_type: "task_assigned".into(),
        task_id: Some(task.into()),
        after_sequence,
        ..Default::default()
    }
}

async fn count_events(client: &Client) -> i64 {
    let request = CountRequest {
        target: CountTarget::Events.into(),
        ..Default::default()
    };
    client.count(request).await.unwrap()
}

async fn record(client: &Client, n: usize, event_type: &str) -> Vec<Event> {
    let mut events = Vec::new();
    for _ in 0..n {
        let response = client.record_event(event(event_type)).await.unwrap();
        events.push(response.event.unwrap());
    }
    events
}

#[track_caller]
fn want_code<T: std::fmt::Debug>(result: Result<T, Error>, code: Code) -> Error {
    match result {
        Err(error) if error.code() == code => error,
        other => panic!("got {other:?}, want {code:?}"),
    }
}

/// The next event of a follow, within WAIT (skipping the caught-up marker).
async fn next_event(follow: &mut Follow) -> Event {
    loop {
        let item = timeout(WAIT, follow.next())
            .await
            .expect("the follow sent nothing within 10s")
            .expect("the follow ended")
            .unwrap();
        if let FollowItem::Event(event) = item {
            return event;
        }
    }
}

fn notes_consumer(name: &str) -> ListEventsRequest {
    ListEventsRequest {
        consumer: name.into(),
        event_type: Some("note".into()),
        ..Default::default()
    }
}

/// Waits until the consumer's acknowledged sequence is `want` (an ack
/// spawned on drop lands a little later).
async fn wait_for_ack(client: &Client, name: &str, want: i64) {
    let deadline = Instant::now() + WAIT;
    loop {
        let acked = client.get_consumer(name).await.unwrap().acked_sequence;
        if acked == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "consumer {name} acked {acked}, want {want}"
        );
        sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn conditional_appends() {
    let Some(server) = Server::start().await else {
        return;
    };
    let client = connect(&server).await;

    // The condition holds: the event is appended.
    let won = client
        .record_event(RecordEventRequest {
            id: Some("assign-t1".into()),
            condition: Some(unassigned("t1", 0)),
            ..assign("t1")
        })
        .await
        .unwrap();
    assert!(!won.duplicate);
    let won = won.event.unwrap();

    // Now it fails, naming the event that made it fail, and writes nothing.
    let error = want_code(
        client
            .record_event(RecordEventRequest {
                condition: Some(unassigned("t1", 0)),
                ..assign("t1")
            })
            .await,
        Code::FailedPrecondition,
    );
    assert_eq!(error.reason(), Some(APPEND_CONDITION_FAILED), "{error}");
    assert_eq!(
        error.metadata().get("conflicting_sequence"),
        Some(&won.sequence.to_string())
    );
    assert_eq!(error.conflicting_sequence(), Some(won.sequence));
    assert_eq!(count_events(&client).await, 1);

    // A retry of the stored request is a duplicate, not a failure.
    let retry = client
        .record_event(RecordEventRequest {
            id: Some("assign-t1".into()),
            condition: Some(unassigned("t1", 0)),
            ..assign("t1")
        })
        .await
        .unwrap();
    assert!(retry.duplicate);
    assert_eq!(retry.event.unwrap().sequence, won.sequence);

    // A batch fails whole.
    let error = want_code(
        client
            .record_events_if(unassigned("t1", 0), vec![assign("t1"), event("note")])
            .await,
        Code::FailedPrecondition,
    );
    assert_eq!(error.conflicting_sequence(), Some(won.sequence));
    assert_eq!(
        count_events(&client).await,
        1,
        "a failed batch wrote events"
    );

    // Reading up to the conflict and retrying after it passes.
    let batch = client
        .record_events_if(
            unassigned("t1", won.sequence),
            vec![assign("t1"), event("note")],
        )
        .await
        .unwrap();
    assert_eq!(batch.len(), 2);
    assert!(batch[0].sequence > won.sequence);
    // Other tasks are another matter.
    client
        .record_events_if(unassigned("t2", 0), vec![assign("t2")])
        .await
        .unwrap();

    // A condition inside a batch's item is refused.
    let error = want_code(
        client
            .record_events(vec![RecordEventRequest {
                condition: Some(unassigned("t3", 0)),
                ..assign("t3")
            }])
            .await,
        Code::InvalidArgument,
    );
    assert_eq!(error.conflicting_sequence(), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn racing_writers_assign_a_task_once() {
    let Some(server) = Server::start().await else {
        return;
    };
    let client = connect(&server).await;
    let writers: Vec<_> = (0..8)
        .map(|writer| {
            let client = client.clone();
            tokio::spawn(async move {
                let request = RecordEventRequest {
                    agent_id: Some(format!("agent-{writer}")),
                    condition: Some(unassigned("race", 0)),
                    ..assign("race")
                };
                client.record_event(request).await
            })
        })
        .collect();
    let mut winners = Vec::new();
    let mut conflicts = Vec::new();
    for writer in writers {
        match writer.await.unwrap() {
            Ok(response) => winners.push(response.event.unwrap().sequence),
            Err(error) => {
                assert_eq!(error.code(), Code::FailedPrecondition, "{error}");
                conflicts.push(error.conflicting_sequence().unwrap());
            }
        }
    }
    assert_eq!(winners.len(), 1, "winners {winners:?}");
    assert!(conflicts.iter().all(|&s| s == winners[0]), "{conflicts:?}");
    assert_eq!(count_events(&client).await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_consumer_follows_acks_and_resumes() {
    let Some(server) = Server::start().await else {
        return;
    };
    let client = connect(&server).await;
    let notes = record(&client, 3, "note").await;
    record(&client, 1, "other").await;

    // The first follow creates the consumer and starts at the beginning.
    let mut follow = client.follow(notes_consumer("reader"));
    assert_eq!(follow.consumer(), Some("reader"));
    assert_eq!(next_event(&mut follow).await, notes[0]);
    assert_eq!(follow.last_sequence(), notes[0].sequence);
    let consumer = follow.ack().await.unwrap();
    assert_eq!(consumer.name, "reader");
    assert_eq!(consumer.acked_sequence, notes[0].sequence);
    assert_eq!(consumer.lag, 2);
    assert_eq!(consumer.event_type.as_deref(), Some("note"));
    // Without auto-ack nothing more is acknowledged, even on close.
    assert_eq!(next_event(&mut follow).await, notes[1]);
    follow.close().await.unwrap();
    let consumer = client.get_consumer("reader").await.unwrap();
    assert_eq!(
        (consumer.acked_sequence, consumer.lag),
        (notes[0].sequence, 2)
    );

    // The next follow resumes right after the ack.
    let mut follow = client.follow(notes_consumer("reader"));
    assert_eq!(next_event(&mut follow).await, notes[1]);
    // ack_to and Client::ack_events move the position; never back.
    follow.ack_to(notes[2].sequence).await.unwrap();
    let consumer = client
        .ack_events("reader", notes[1].sequence)
        .await
        .unwrap();
    assert_eq!(
        (consumer.acked_sequence, consumer.lag),
        (notes[2].sequence, 0)
    );
    drop(follow);

    // Lag counts matching events only.
    record(&client, 2, "other").await;
    let later = record(&client, 1, "note").await;
    let consumer = client.get_consumer("reader").await.unwrap();
    assert_eq!(consumer.lag, 1);
    assert_eq!(consumer.head_sequence, later[0].sequence);
    let mut follow = client.follow(notes_consumer("reader"));
    assert_eq!(next_event(&mut follow).await, later[0]);
    drop(follow);

    // Other filters under the same name are refused.
    let mut wrong = client.follow(ListEventsRequest {
        consumer: "reader".into(),
        ..Default::default()
    });
    let error = want_code(
        timeout(WAIT, wrong.next()).await.unwrap().unwrap(),
        Code::FailedPrecondition,
    );
    assert_eq!(error.reason(), Some("CONSUMER_FILTERS_DIFFER"), "{error}");
    assert_eq!(error.conflicting_sequence(), None);

    let names: Vec<_> = client
        .list_consumers()
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["reader"]);
    let deleted = client.delete_consumer("reader").await.unwrap();
    assert_eq!(deleted.acked_sequence, notes[2].sequence);
    want_code(client.get_consumer("reader").await, Code::NotFound);
    want_code(client.delete_consumer("reader").await, Code::NotFound);
    want_code(client.ack_events("reader", 1).await, Code::NotFound);
    assert!(client.list_consumers().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn auto_ack_acknowledges_handled_events() {
    let Some(server) = Server::start().await else {
        return;
    };
    let client = connect(&server).await;
    let notes = record(&client, 3, "note").await;

    // An event is handled once the next one is asked for: after reading all
    // three and waiting for more, the third is acknowledged.
    let mut follow = client.follow(notes_consumer("auto")).with_auto_ack();
    for note in &notes {
        assert_eq!(next_event(&mut follow).await, *note);
    }
    let waited = timeout(Duration::from_millis(500), next_event(&mut follow)).await;
    assert!(waited.is_err(), "a fourth note: {waited:?}");
    wait_for_ack(&client, "auto", notes[2].sequence).await;
    assert_eq!(client.get_consumer("auto").await.unwrap().lag, 0);

    // A live event that was yielded but not handled stays unacknowledged
    // when the stream is closed.
    let live = record(&client, 1, "note").await;
    assert_eq!(next_event(&mut follow).await, live[0]);
    follow.close().await.unwrap();
    let consumer = client.get_consumer("auto").await.unwrap();
    assert_eq!(
        (consumer.acked_sequence, consumer.lag),
        (notes[2].sequence, 1)
    );

    // Dropped after two events, the stream acknowledges the first (the
    // second was being handled), in a task of its own.
    let more = record(&client, 2, "note").await;
    let mut follow = client.follow(notes_consumer("auto")).with_auto_ack();
    assert_eq!(next_event(&mut follow).await, live[0]);
    assert_eq!(next_event(&mut follow).await, more[0]);
    drop(follow);
    wait_for_ack(&client, "auto", live[0].sequence).await;

    // The next follow resumes after the last ack.
    let mut follow = client.follow(notes_consumer("auto")).with_auto_ack();
    assert_eq!(next_event(&mut follow).await, more[0]);
    assert_eq!(next_event(&mut follow).await, more[1]);
    follow.close().await.unwrap();
    assert_eq!(
        client.get_consumer("auto").await.unwrap().acked_sequence,
        more[0].sequence
    );

    // A follow that reaches its limit has acknowledged all it yielded.
    let limited = ListEventsRequest {
        limit: 1,
        ..notes_consumer("auto")
    };
    let events: Vec<_> = client
        .follow(limited)
        .with_auto_ack()
        .events()
        .collect()
        .await;
    assert_eq!(
        events.into_iter().map(Result::unwrap).collect::<Vec<_>>(),
        [more[1].clone()]
    );
    assert_eq!(
        client.get_consumer("auto").await.unwrap().acked_sequence,
        more[1].sequence
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn acking_needs_a_consumer() {
    let Some(server) = Server::start().await else {
        return;
    };
    let client = connect(&server).await;
    record(&client, 1, "note").await;
    // Auto-ack without a consumer changes nothing; ack is refused locally.
    let mut follow = client.follow(ListEventsRequest::default()).with_auto_ack();
    assert_eq!(follow.consumer(), None);
    next_event(&mut follow).await;
    want_code(follow.ack().await, Code::InvalidArgument);
    follow.close().await.unwrap();
    assert!(client.list_consumers().await.unwrap().is_empty());
    // An ack above the log's head is refused by the server.
    let mut follow = client.follow(notes_consumer("c1"));
    next_event(&mut follow).await;
    let error = want_code(follow.ack_to(1_000).await, Code::InvalidArgument);
    assert_eq!(error.field(), Some("sequence"), "{error}");
}
