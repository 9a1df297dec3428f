//! The client against a real server (tests/support).

mod support;

use std::time::Duration;

use futures_util::StreamExt;
use spark_memory::v1::{
    self, CountRequest, CountTarget, ListEventsRequest, MemoryChangeKind, Order,
    RecordEventRequest, StoreMemoryRequest, UpdateMemoryRequest, WatchMemoriesRequest,
};
use spark_memory::{Client, Code, Error, FollowItem, Tls, WatchItem};
use support::Server;
use tokio::time::timeout;

/// How long a test waits for a stream's next item.
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

fn count_events() -> CountRequest {
    CountRequest {
        target: CountTarget::Events.into(),
        ..Default::default()
    }
}

#[track_caller]
fn want_code<T: std::fmt::Debug>(result: Result<T, Error>, code: Code) -> Error {
    match result {
        Err(error) if error.code() == code => error,
        other => panic!("got {other:?}, want {code:?}"),
    }
}

/// The next item of a stream, within WAIT.
async fn next<S: futures_core::Stream + Unpin>(stream: &mut S) -> S::Item {
    timeout(WAIT, stream.next())
        .await
        .expect("the stream sent nothing within 10s")
        .expect("the stream ended")
}

#[tokio::test(flavor = "multi_thread")]
async fn record_and_list_events() {
    let Some(server) = Server::start().await else {
        return;
    };
    let client = connect(&server).await;
    let request = RecordEventRequest {
        agent_id: Some("agent-1".into()),
        data: r#"{"bid_sats": 5, "note": "ünïcode"}"#.into(),
        id: Some("evt-1".into()),
        ..event("task_posted")
    };
    let first = client.record_event(request.clone()).await.unwrap();
    let stored = first.event.clone().unwrap();
    assert!(!first.duplicate);
    assert_eq!(stored.id, "evt-1");
    assert!(stored.sequence > 0);
    assert!(stored.created_at.is_some());
    assert!(stored.data.contains("ünïcode"), "data {:?}", stored.data);

    let again = client.record_event(request).await.unwrap();
    assert!(again.duplicate);
    assert_eq!(again.event.unwrap().sequence, stored.sequence);

    let batch = client
        .record_events(vec![
            RecordEventRequest {
                agent_id: Some("agent-2".into()),
                ..event("bid_submitted")
            },
            RecordEventRequest {
                agent_id: Some("agent-2".into()),
                ..event("task_assigned")
            },
        ])
        .await
        .unwrap();
    assert_eq!(batch.len(), 2);
    assert!(batch[0].sequence < batch[1].sequence);

    let listed = client
        .list_events(ListEventsRequest {
            agent_id: Some("agent-2".into()),
            order: Order::OldestFirst.into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let types: Vec<_> = listed.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(types, ["bid_submitted", "task_assigned"]);
    assert_eq!(client.count(count_events()).await.unwrap(), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn errors_carry_the_code_and_the_field() {
    let Some(server) = Server::start().await else {
        return;
    };
    let client = connect(&server).await;

    let error = want_code(
        client
            .record_event(RecordEventRequest {
                importance: Some(1.5),
                ..event("x")
            })
            .await,
        Code::InvalidArgument,
    );
    assert_eq!(error.field(), Some("importance"));
    assert!(error.message().contains("importance"), "{error}");
    assert!(
        error.to_string().starts_with("INVALID_ARGUMENT: "),
        "{error}"
    );

    let error = want_code(
        client.record_events(vec![event("ok"), event("")]).await,
        Code::InvalidArgument,
    );
    assert_eq!(error.field(), Some("events[1].event_type"), "{error}");
    assert_eq!(
        client.count(count_events()).await.unwrap(),
        0,
        "a failed batch stored events"
    );

    want_code(
        client.count(CountRequest::default()).await,
        Code::InvalidArgument,
    );
    let error = want_code(client.delete_memory("no-such-memory").await, Code::NotFound);
    assert_eq!(error.field(), None);
    want_code(
        client
            .list_events(ListEventsRequest {
                limit: -1,
                ..Default::default()
            })
            .await,
        Code::InvalidArgument,
    );
    // Following through list_events would never end: refused locally.
    want_code(
        client
            .list_events(ListEventsRequest {
                follow: true,
                ..Default::default()
            })
            .await,
        Code::InvalidArgument,
    );
    // A follow the server refuses fails on its first item.
    let mut follow = client.follow(ListEventsRequest {
        order: Order::NewestFirst.into(),
        ..Default::default()
    });
    let error = want_code(next(&mut follow).await, Code::InvalidArgument);
    assert_eq!(error.field(), Some("order"));
    assert!(follow.next().await.is_none(), "a failed follow ends");
}

#[tokio::test(flavor = "multi_thread")]
async fn follow_yields_history_caught_up_then_live_events() {
    let Some(server) = Server::start().await else {
        return;
    };
    let client = connect(&server).await;
    let first = client.record_event(event("task_posted")).await.unwrap();
    let first = first.event.unwrap();

    let mut follow = client.follow(ListEventsRequest::default());
    match next(&mut follow).await.unwrap() {
        FollowItem::Event(e) => assert_eq!(e.id, first.id),
        other => panic!("history: got {other:?}"),
    }
    assert_eq!(next(&mut follow).await.unwrap(), FollowItem::CaughtUp);
    let live = client.record_event(event("task_completed")).await.unwrap();
    let live = live.event.unwrap();
    assert_eq!(
        next(&mut follow).await.unwrap(),
        FollowItem::Event(live.clone())
    );
    drop(follow); // cancels the call

    // Resuming after the first event gives exactly the later one; a limit
    // ends the stream.
    let resumed: Vec<_> = client
        .follow(ListEventsRequest {
            after_sequence: first.sequence,
            limit: 1,
            ..Default::default()
        })
        .events()
        .collect()
        .await;
    let resumed: Vec<_> = resumed.into_iter().map(Result::unwrap).collect();
    assert_eq!(resumed, [live]);
}

#[tokio::test(flavor = "multi_thread")]
async fn dropping_a_follow_cancels_the_call() {
    let flags = ["--max-followers".to_owned(), "2".to_owned()];
    let Some(server) = Server::start_with(&flags, None).await else {
        return;
    };
    let client = connect(&server).await;
    let caught_up = |client: &Client| {
        let mut follow = client.follow(ListEventsRequest::default());
        async move {
            let first = next(&mut follow).await;
            (first, follow)
        }
    };
    // Two follows fill the server's slots: a third is refused.
    let (first, held_a) = caught_up(&client).await;
    assert_eq!(first.unwrap(), FollowItem::CaughtUp);
    let (first, held_b) = caught_up(&client).await;
    assert_eq!(first.unwrap(), FollowItem::CaughtUp);
    let (refused, _) = caught_up(&client).await;
    want_code(refused, Code::ResourceExhausted);
    drop((held_a, held_b));

    // Dropped follows free their slots: many more, one after another, get
    // through. The server hears of a cancel asynchronously, so a refusal
    // right after a drop is retried briefly; calls that were never
    // cancelled would keep the slots for good.
    for _ in 0..20 {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            match caught_up(&client).await.0 {
                Ok(item) => {
                    assert_eq!(item, FollowItem::CaughtUp);
                    break;
                }
                Err(e) if e.code() == Code::ResourceExhausted => {
                    assert!(
                        tokio::time::Instant::now() < deadline,
                        "a dropped follow kept its slot: {e}"
                    );
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Err(e) => panic!("follow: {e}"),
            }
        }
    }
    client.record_event(event("task_posted")).await.unwrap();
    assert_eq!(client.count(count_events()).await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn memories() {
    let Some(server) = Server::start().await else {
        return;
    };
    let client = connect(&server).await;
    let stored = client
        .store_memory(StoreMemoryRequest {
            memory_type: "insight".into(),
            content: "agent-1 wins bids".into(),
            id: Some("m-1".into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .memory
        .unwrap();
    assert_eq!(
        (stored.subject.as_str(), stored.confidence),
        ("system", 0.5)
    );
    client
        .store_memory(StoreMemoryRequest {
            memory_type: "anomaly".into(),
            content: "expired".into(),
            expires_at: Some(pbjson_types::Timestamp {
                seconds: 946_684_800, // 2000-01-01
                nanos: 0,
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    let memories = client.list_memories(Default::default()).await.unwrap();
    assert_eq!(memories.len(), 1);
    assert_eq!(memories[0].id, "m-1");
    let all = CountRequest {
        target: CountTarget::Memories.into(),
        include_expired: true,
        ..Default::default()
    };
    assert_eq!(client.count(all).await.unwrap(), 2);

    let updated = client
        .update_memory(UpdateMemoryRequest {
            id: "m-1".into(),
            confidence: Some(0.9),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        (updated.confidence, updated.content.as_str()),
        (0.9, "agent-1 wins bids")
    );
    assert_eq!(client.delete_memory("m-1").await.unwrap().id, "m-1");
    want_code(client.delete_memory("m-1").await, Code::NotFound);
}

#[tokio::test(flavor = "multi_thread")]
async fn watch_memories_and_consolidate() {
    let Some(server) = Server::start().await else {
        return;
    };
    let client = connect(&server).await;
    let mut watch = client.watch_memories(WatchMemoriesRequest {
        subject: Some("system".into()),
        ..Default::default()
    });
    assert_eq!(next(&mut watch).await.unwrap(), WatchItem::CaughtUp);

    let memory = |memory_type: &str, subject: &str, content: &str| StoreMemoryRequest {
        memory_type: memory_type.into(),
        subject: subject.into(),
        content: content.into(),
        ..Default::default()
    };
    client
        .store_memory(memory("anomaly", "agent-9", "not watched"))
        .await
        .unwrap();
    let watched = StoreMemoryRequest {
        id: Some("m-1".into()),
        ..memory("insight", "", "watched")
    };
    client.store_memory(watched).await.unwrap();
    client
        .update_memory(UpdateMemoryRequest {
            id: "m-1".into(),
            content: Some("changed".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    client.delete_memory("m-1").await.unwrap();
    // The watch is on subject "system": agent-9's memory is not announced.
    for want in [
        MemoryChangeKind::Created,
        MemoryChangeKind::Updated,
        MemoryChangeKind::Deleted,
    ] {
        match next(&mut watch).await.unwrap() {
            WatchItem::Change { kind, memory, .. } => {
                assert_eq!((kind, memory.id.as_str()), (want, "m-1"));
            }
            other => panic!("watch: got {other:?}, want {want:?}"),
        }
    }
    client
        .consolidate(v1::ConsolidateRequest::default())
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn token_and_mutual_tls() {
    let Some(pki) = support::write_test_pki() else {
        return;
    };
    let tokens_dir = tempfile::tempdir().unwrap();
    let tokens = support::write_tokens(
        tokens_dir.path(),
        &[
            ("admin", "admin-token-0123456789"),
            ("read", "read-token-0123456789"),
        ],
    );
    let mut flags = vec!["--tokens-file".to_owned(), tokens.display().to_string()];
    flags.extend(pki.server_flags());
    let Some(server) = Server::start_with(&flags, Some(&pki)).await else {
        return;
    };

    let tls = Tls::new()
        .with_ca_file(pki.path("ca.pem"))
        .and_then(|tls| {
            tls.with_client_identity_files(pki.path("client.pem"), pki.path("client-key.pem"))
        })
        .unwrap();
    let connect = |token: Option<&str>| {
        let connect = Client::connect(server.addr.as_str()).with_tls(tls.clone());
        match token {
            Some(token) => connect.with_token(token),
            None => connect,
        }
    };

    let admin = connect(Some("admin-token-0123456789")).await.unwrap();
    admin.record_event(event("task_posted")).await.unwrap();
    let reader = connect(Some("read-token-0123456789")).await.unwrap();
    assert_eq!(reader.count(count_events()).await.unwrap(), 1);
    want_code(
        reader.record_event(event("task_posted")).await,
        Code::PermissionDenied,
    );
    let anonymous = connect(None).await.unwrap();
    let error = want_code(anonymous.count(count_events()).await, Code::Unauthenticated);
    assert!(error.message().contains("bearer token"), "{error}");

    // Without the client certificate the handshake is refused.
    let no_identity = Client::connect(server.addr.as_str())
        .with_tls(Tls::new().with_ca_pem(pki.read("ca.pem")))
        .with_token("admin-token-0123456789")
        .lazy()
        .unwrap();
    want_code(no_identity.count(count_events()).await, Code::Unavailable);
    // A plaintext client cannot talk to a TLS server.
    let plain = Client::connect(server.addr.as_str())
        .with_token("admin-token-0123456789")
        .with_timeout(Some(Duration::from_secs(5)))
        .lazy()
        .unwrap();
    want_code(plain.count(count_events()).await, Code::Unavailable);
}

#[tokio::test(flavor = "multi_thread")]
async fn connecting_to_nothing_is_unavailable() {
    // Port 1 on the loopback: nothing listens there.
    let error = want_code(Client::connect("127.0.0.1:1").await, Code::Unavailable);
    assert!(error.is_retryable());
    let error = want_code(
        Client::connect("ftp://127.0.0.1:1").await,
        Code::InvalidArgument,
    );
    assert!(error.message().contains("HOST:PORT"), "{error}");
}
