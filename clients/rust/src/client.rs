//! The [`Client`]: one async method per RPC.

use std::time::Duration;

use tonic::service::interceptor::InterceptedService;
use tonic::transport::Channel;

use crate::connect::BearerToken;
use crate::stream::{Follow, MemoryWatch};
use crate::v1::spark_service_client::SparkServiceClient;
use crate::v1::{
    AckEventsRequest, AppendCondition, BatchEcho, ConsolidateRequest, ConsolidateResponse,
    Consumer, CountRequest, DeleteConsumerRequest, DeleteMemoryRequest, Event, GetConsumerRequest,
    ListConsumersRequest, ListEventsRequest, ListMemoriesRequest, Memory, RecordEventRequest,
    RecordEventResponse, RecordEventsRequest, StoreMemoryRequest, StoreMemoryResponse,
    UpdateMemoryRequest, WatchMemoriesRequest,
};
use crate::{Code, Connect, Error};

/// The generated stub with the client's channel and token.
pub type Service = SparkServiceClient<InterceptedService<Channel, BearerToken>>;

/// The largest answer this client accepts (as the Python client's).
pub const MAX_RECEIVE_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// A Spark Memory client. Cheap to clone; clones share one connection and
/// may be used from many tasks at once.
#[derive(Clone, Debug)]
pub struct Client {
    rpc: Service,
    timeout: Option<Duration>,
}

impl Client {
    /// Starts connecting to the server at `addr` (`HOST:PORT`; `https://`
    /// implies TLS). Add `.with_token(..)`, `.with_tls(..)`, then `.await`:
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), spark_memory::Error> {
    /// let client = spark_memory::Client::connect("127.0.0.1:50051").await?;
    /// # Ok(()) }
    /// ```
    pub fn connect(addr: impl Into<String>) -> Connect {
        Connect::new(addr)
    }

    pub(crate) fn new(channel: Channel, token: BearerToken, timeout: Option<Duration>) -> Self {
        Self {
            // A batch's answer echoes its events (up to the server's largest
            // request, 16 MiB by default): more than tonic's 4 MiB default.
            rpc: SparkServiceClient::with_interceptor(channel, token)
                .max_decoding_message_size(MAX_RECEIVE_MESSAGE_BYTES),
            timeout,
        }
    }

    /// The generated stub (with the token), for anything this wrapper
    /// leaves out.
    pub fn service(&self) -> Service {
        self.rpc.clone()
    }

    /// A unary request under the client's deadline.
    fn request<T>(&self, message: T) -> tonic::Request<T> {
        unary(message, self.timeout)
    }

    /// Appends one event. With `id` set the call is idempotent: a retry
    /// returns the stored event with `duplicate` set.
    ///
    /// With `condition` set the event is appended only if no event matching
    /// the condition's filters has a sequence above its `after_sequence`
    /// (checked and appended in one transaction); otherwise nothing is
    /// written and the error is `FAILED_PRECONDITION` with
    /// [`Error::conflicting_sequence`] set to the newest matching event. A
    /// retry of a stored event (same id and content) still answers
    /// `duplicate` after the condition stopped holding.
    ///
    /// ```no_run
    /// # async fn run(client: spark_memory::Client) -> Result<(), spark_memory::Error> {
    /// use spark_memory::{Code, v1};
    ///
    /// let assign = v1::RecordEventRequest {
    ///     event_type: "task_assigned".into(),
    ///     task_id: Some("task-7".into()),
    ///     // Only if nobody assigned task-7 yet.
    ///     condition: Some(v1::AppendCondition {
    ///         event_type: "task_assigned".into(),
    ///         task_id: Some("task-7".into()),
    ///         ..Default::default() // after_sequence 0: no such event at all
    ///     }),
    ///     ..Default::default()
    /// };
    /// match client.record_event(assign).await {
    ///     Ok(_) => println!("assigned"),
    ///     Err(e) if e.code() == Code::FailedPrecondition => {
    ///         println!("lost: event #{:?} assigned it first", e.conflicting_sequence());
    ///     }
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn record_event(
        &self,
        request: RecordEventRequest,
    ) -> Result<RecordEventResponse, Error> {
        let request = self.request(request);
        Ok(self.rpc.clone().record_event(request).await?.into_inner())
    }

    /// Appends a batch atomically and returns the stored events in request
    /// order.
    pub async fn record_events(
        &self,
        events: Vec<RecordEventRequest>,
    ) -> Result<Vec<Event>, Error> {
        self.append(RecordEventsRequest {
            events,
            condition: None,
            echo: BatchEcho::Full.into(),
        })
        .await
    }

    /// Appends a batch atomically if `condition` holds: no event matching
    /// its filters has a sequence above its `after_sequence`. Otherwise
    /// nothing is written and the error is `FAILED_PRECONDITION` with
    /// [`Error::conflicting_sequence`] set to the newest matching event. The
    /// items must not carry conditions of their own. A retry of a stored
    /// batch (same ids and content) succeeds even when the condition no
    /// longer holds.
    pub async fn record_events_if(
        &self,
        condition: AppendCondition,
        events: Vec<RecordEventRequest>,
    ) -> Result<Vec<Event>, Error> {
        self.append(RecordEventsRequest {
            events,
            condition: Some(condition),
            echo: BatchEcho::Full.into(),
        })
        .await
    }

    async fn append(&self, request: RecordEventsRequest) -> Result<Vec<Event>, Error> {
        let request = self.request(request);
        Ok(self
            .rpc
            .clone()
            .record_events(request)
            .await?
            .into_inner()
            .events)
    }

    /// Reads the matching events (newest first unless `order` says
    /// otherwise) once the server has sent them all. To follow the log use
    /// [`Client::follow`].
    pub async fn list_events(&self, request: ListEventsRequest) -> Result<Vec<Event>, Error> {
        if request.follow {
            return Err(Error::new(
                Code::InvalidArgument,
                "spark: list_events with follow set never ends: use follow",
            ));
        }
        let request = self.request(request);
        let mut stream = self.rpc.clone().list_events(request).await?.into_inner();
        let mut events = Vec::new();
        while let Some(message) = stream.message().await? {
            events.extend(message.events);
        }
        Ok(events)
    }

    /// Streams the matching history oldest first, then
    /// [`FollowItem::CaughtUp`](crate::FollowItem::CaughtUp), then every
    /// matching event as it is committed, until the stream is dropped (which
    /// cancels the call), the request's `limit` is reached or the call
    /// fails. Resume after a failure with `after_sequence` set to the last
    /// sequence received. The call starts when the stream is first polled.
    ///
    /// With `consumer` set (a durable consumer, created on first use with
    /// the request's filters) and no `after_sequence`, the stream starts
    /// after the consumer's acknowledged sequence. Acknowledge with
    /// [`Follow::ack`], or let [`Follow::with_auto_ack`] do it.
    pub fn follow(&self, request: ListEventsRequest) -> Follow {
        Follow::start(
            self.rpc.clone(),
            ListEventsRequest {
                follow: true,
                ..request
            },
            self.timeout,
        )
    }

    /// Moves a durable consumer's position forward to `sequence` (an ack
    /// below its position changes nothing) and returns the consumer with its
    /// lag. The position is stored before the call returns. `NOT_FOUND`
    /// when there is no such consumer; `INVALID_ARGUMENT` for a sequence
    /// above the log's head.
    pub async fn ack_events(
        &self,
        consumer: impl Into<String>,
        sequence: i64,
    ) -> Result<Consumer, Error> {
        ack(
            &mut self.rpc.clone(),
            consumer.into(),
            sequence,
            self.timeout,
        )
        .await
    }

    /// Returns a durable consumer with its position and exact lag
    /// (`NOT_FOUND` when there is none).
    pub async fn get_consumer(&self, name: impl Into<String>) -> Result<Consumer, Error> {
        let request = self.request(GetConsumerRequest { name: name.into() });
        Ok(self.rpc.clone().get_consumer(request).await?.into_inner())
    }

    /// Returns every durable consumer, by name.
    pub async fn list_consumers(&self) -> Result<Vec<Consumer>, Error> {
        let request = self.request(ListConsumersRequest {});
        Ok(self
            .rpc
            .clone()
            .list_consumers(request)
            .await?
            .into_inner()
            .consumers)
    }

    /// Forgets a durable consumer and its position; returns it as it was
    /// (`NOT_FOUND` when there is none).
    pub async fn delete_consumer(&self, name: impl Into<String>) -> Result<Consumer, Error> {
        let request = self.request(DeleteConsumerRequest { name: name.into() });
        let response = self
            .rpc
            .clone()
            .delete_consumer(request)
            .await?
            .into_inner();
        Ok(response.consumer.unwrap_or_default())
    }

    /// Stores one memory; with `id` set the call is idempotent.
    pub async fn store_memory(
        &self,
        request: StoreMemoryRequest,
    ) -> Result<StoreMemoryResponse, Error> {
        let request = self.request(request);
        Ok(self.rpc.clone().store_memory(request).await?.into_inner())
    }

    /// Returns the matching memories, newest first.
    pub async fn list_memories(&self, request: ListMemoriesRequest) -> Result<Vec<Memory>, Error> {
        let request = self.request(request);
        Ok(self
            .rpc
            .clone()
            .list_memories(request)
            .await?
            .into_inner()
            .memories)
    }

    /// Counts events or memories.
    pub async fn count(&self, request: CountRequest) -> Result<i64, Error> {
        let request = self.request(request);
        Ok(self.rpc.clone().count(request).await?.into_inner().count)
    }

    /// Runs the consolidation rules now and reports what changed.
    pub async fn consolidate(
        &self,
        request: ConsolidateRequest,
    ) -> Result<ConsolidateResponse, Error> {
        let request = self.request(request);
        Ok(self.rpc.clone().consolidate(request).await?.into_inner())
    }

    /// Changes a memory and returns it as stored.
    pub async fn update_memory(&self, request: UpdateMemoryRequest) -> Result<Memory, Error> {
        let request = self.request(request);
        let response = self.rpc.clone().update_memory(request).await?.into_inner();
        Ok(response.memory.unwrap_or_default())
    }

    /// Deletes a memory and returns it as it was.
    pub async fn delete_memory(&self, id: impl Into<String>) -> Result<Memory, Error> {
        let request = self.request(DeleteMemoryRequest { id: id.into() });
        let response = self.rpc.clone().delete_memory(request).await?.into_inner();
        Ok(response.memory.unwrap_or_default())
    }

    /// Streams memory changes as they happen (after the existing memories,
    /// with `include_existing`), with
    /// [`WatchItem::CaughtUp`](crate::WatchItem::CaughtUp) between the two,
    /// until the stream is dropped (which cancels the call) or the call
    /// fails. The call starts when the stream is first polled.
    pub fn watch_memories(&self, request: WatchMemoriesRequest) -> MemoryWatch {
        MemoryWatch::start(self.rpc.clone(), request)
    }
}

/// A unary request under `timeout`.
fn unary<T>(message: T, timeout: Option<Duration>) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    if let Some(timeout) = timeout {
        request.set_timeout(timeout);
    }
    request
}

/// AckEvents, for [`Client::ack_events`] and the acks of a [`Follow`].
pub(crate) async fn ack(
    rpc: &mut Service,
    consumer: String,
    sequence: i64,
    timeout: Option<Duration>,
) -> Result<Consumer, Error> {
    let request = unary(AckEventsRequest { consumer, sequence }, timeout);
    let response = rpc.ack_events(request).await?.into_inner();
    Ok(response.consumer.unwrap_or_default())
}
