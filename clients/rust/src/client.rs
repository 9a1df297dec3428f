//! The [`Client`]: one async method per RPC.

use std::time::Duration;

use tonic::service::interceptor::InterceptedService;
use tonic::transport::Channel;

use crate::connect::BearerToken;
use crate::stream::{Follow, MemoryWatch};
use crate::v1::spark_service_client::SparkServiceClient;
use crate::v1::{
    ConsolidateRequest, ConsolidateResponse, CountRequest, DeleteMemoryRequest, Event,
    ListEventsRequest, ListMemoriesRequest, Memory, RecordEventRequest, RecordEventResponse,
    RecordEventsRequest, StoreMemoryRequest, StoreMemoryResponse, UpdateMemoryRequest,
    WatchMemoriesRequest,
};
use crate::{Code, Connect, Error};

/// The generated stub with the client's channel and token.
pub type Service = SparkServiceClient<InterceptedService<Channel, BearerToken>>;

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
            rpc: SparkServiceClient::with_interceptor(channel, token),
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
        let mut request = tonic::Request::new(message);
        if let Some(timeout) = self.timeout {
            request.set_timeout(timeout);
        }
        request
    }

    /// Appends one event. With `id` set the call is idempotent: a retry
    /// returns the stored event with `duplicate` set.
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
        let request = self.request(RecordEventsRequest {
            events,
            condition: None,
        });
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
    pub fn follow(&self, request: ListEventsRequest) -> Follow {
        Follow::start(
            self.rpc.clone(),
            ListEventsRequest {
                follow: true,
                ..request
            },
        )
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
