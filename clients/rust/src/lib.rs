//! The Rust client of Spark Memory, the event log and memory store of an
//! agent swarm, served over gRPC (package `spark.v1`).
//!
//! [`Client::connect`] returns a builder: add a token and TLS, then `.await`
//! it. Each RPC has an async method that takes the generated request
//! ([`v1`], prost messages with proto3 JSON through serde); [`Client::follow`]
//! streams the log live and ends the call when dropped. Every failure is one
//! [`Error`], carrying the gRPC code, the message and the field at fault.
//!
//! For coordination, an append can carry a condition
//! ([`v1::AppendCondition`]: fail if the log changed where the caller
//! looked; [`Client::record_events_if`] for a batch), failing with
//! `FAILED_PRECONDITION` and [`Error::conflicting_sequence`]; and a follow
//! can name a durable consumer whose position the server keeps
//! ([`Follow::ack`], [`Follow::with_auto_ack`], [`Client::get_consumer`]).
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use spark_memory::{Client, FollowItem, v1};
//!
//! # async fn run() -> Result<(), spark_memory::Error> {
//! let client = Client::connect("127.0.0.1:50051").with_token("secret").await?;
//! let recorded = client
//!     .record_event(v1::RecordEventRequest {
//!         event_type: "task_posted".into(),
//!         agent_id: Some("agent-1".into()),
//!         ..Default::default()
//!     })
//!     .await?;
//! println!("recorded #{}", recorded.event.unwrap_or_default().sequence);
//!
//! let mut follow = client.follow(v1::ListEventsRequest::default());
//! while let Some(item) = follow.next().await {
//!     match item? {
//!         FollowItem::Event(event) => println!("#{} {}", event.sequence, event.event_type),
//!         FollowItem::CaughtUp => println!("-- live from here"),
//!     }
//! }
//! # Ok(())
//! # }
//! ```

mod client;
mod connect;
mod error;
pub mod generated;
mod stream;

pub use client::{Client, Service};
pub use connect::{BearerToken, Connect, DEFAULT_TIMEOUT, Tls};
pub use error::{APPEND_CONDITION_FAILED, Code, Error, FieldViolation};
pub use generated::spark::v1;
pub use stream::{Follow, FollowItem, MemoryWatch, WatchItem};

/// A result whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
