//! The server streams: [`Follow`] (the event log) and [`MemoryWatch`].

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::task::{Context, Poll, ready};
use std::time::Duration;

use futures_core::Stream;
use futures_util::stream::{self, BoxStream, StreamExt};

use crate::client::{self, Service};
use crate::v1::{
    Consumer, Event, ListEventsRequest, ListEventsResponse, Memory, MemoryChangeKind,
    WatchMemoriesRequest, WatchMemoriesResponse,
};
use crate::{Code, Error};

/// What [`Follow`] yields.
#[derive(Clone, Debug, PartialEq)]
pub enum FollowItem {
    /// The next event: history until [`FollowItem::CaughtUp`], live after.
    Event(Event),
    /// The history has been sent: every later event is live. Yielded once.
    CaughtUp,
}

/// What [`MemoryWatch`] yields.
// A change is moved once per message; boxing the memory would only add an
// allocation and a dereference for the caller.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum WatchItem {
    /// A memory changed (or existed, with `include_existing`).
    Change {
        /// How it changed.
        kind: MemoryChangeKind,
        /// The memory after the change (before it, for a deletion).
        memory: Memory,
        /// The change's position in the store's log of memory changes (0
        /// for an existing memory); resume a watch after it with
        /// `WatchMemoriesRequest::after_sequence`.
        sequence: i64,
    },
    /// The existing memories have been sent: every later change is live.
    /// Yielded once.
    CaughtUp,
}

/// A live stream of the event log, from [`Client::follow`](crate::Client::follow).
/// Dropping it cancels the call.
///
/// A follow of a durable consumer (`ListEventsRequest::consumer`) can
/// acknowledge what it has handled, so that the next follow of that
/// consumer, on any server of the store, starts after it: explicitly with
/// [`Follow::ack`], or automatically with [`Follow::with_auto_ack`].
pub struct Follow {
    items: BoxStream<'static, Result<FollowItem, Error>>,
    /// The sequence of the last event yielded.
    last_sequence: i64,
    /// The durable consumer, if the request names one.
    consumer: Option<Arc<Acks>>,
}

/// A follow's durable consumer: its name, how to acknowledge, and how far
/// it has got. Shared by the [`Follow`], its reader and the acks it spawns.
struct Acks {
    rpc: Service,
    name: String,
    timeout: Option<Duration>,
    auto: AtomicBool,
    /// Every event up to this sequence is handled: the caller has polled
    /// for the one after it.
    handled: AtomicI64,
    /// The highest sequence acknowledged through this follow.
    acked: AtomicI64,
}

impl Acks {
    async fn ack(&self, sequence: i64) -> Result<Consumer, Error> {
        let consumer = client::ack(
            &mut self.rpc.clone(),
            self.name.clone(),
            sequence,
            self.timeout,
        )
        .await?;
        self.acked.fetch_max(sequence, Ordering::SeqCst);
        Ok(consumer)
    }

    /// With auto-ack, the handled sequence when it is not acknowledged yet.
    fn unacked(&self) -> Option<i64> {
        if !self.auto.load(Ordering::SeqCst) {
            return None;
        }
        let handled = self.handled.load(Ordering::SeqCst);
        (handled > self.acked.load(Ordering::SeqCst)).then_some(handled)
    }

    /// With auto-ack, acknowledges the handled events (before the reader
    /// waits for more).
    async fn auto_ack(&self) -> Result<(), Error> {
        if let Some(sequence) = self.unacked() {
            self.ack(sequence).await?;
        }
        Ok(())
    }
}

impl Follow {
    pub(crate) fn start(
        mut rpc: Service,
        request: ListEventsRequest,
        timeout: Option<Duration>,
    ) -> Self {
        let consumer = (!request.consumer.is_empty()).then(|| {
            Arc::new(Acks {
                rpc: rpc.clone(),
                name: request.consumer.clone(),
                timeout,
                auto: AtomicBool::new(false),
                handled: AtomicI64::new(0),
                acked: AtomicI64::new(0),
            })
        });
        let call = async move { rpc.list_events(request).await };
        let items = items(
            call,
            |message: ListEventsResponse| {
                let caught_up = message.caught_up.then_some(FollowItem::CaughtUp);
                message
                    .events
                    .into_iter()
                    .map(FollowItem::Event)
                    .chain(caught_up)
            },
            consumer.clone(),
        );
        Self {
            items,
            last_sequence: 0,
            consumer,
        }
    }

    /// Acknowledges automatically what has been handled: an event counts as
    /// handled once the stream is polled for the next one. The handled
    /// events are acknowledged before the stream waits for more from the
    /// server (one ack per message, not per event), and when the stream is
    /// dropped or [closed](Follow::close). A failed ack is the stream's
    /// last item.
    ///
    /// On drop the ack is spawned on the current tokio runtime, so it may
    /// still be under way (or, if the runtime shuts down, never be sent)
    /// when the next follow of the consumer starts; outside a runtime it is
    /// not sent. To be sure, end the stream with
    /// [`close().await`](Follow::close).
    ///
    /// Without a consumer in the request there is nothing to acknowledge
    /// and this changes nothing.
    pub fn with_auto_ack(self) -> Self {
        if let Some(consumer) = &self.consumer {
            consumer.auto.store(true, Ordering::SeqCst);
        }
        self
    }

    /// The durable consumer the stream follows, if any.
    pub fn consumer(&self) -> Option<&str> {
        self.consumer.as_deref().map(|c| c.name.as_str())
    }

    /// The sequence of the last event yielded (0 before the first).
    pub fn last_sequence(&self) -> i64 {
        self.last_sequence
    }

    /// Acknowledges every event up to the last one yielded: the consumer's
    /// next follow starts after it. Returns the consumer with its lag. A
    /// follow without a consumer answers `INVALID_ARGUMENT`.
    ///
    /// The returned future does not borrow the stream: it may be spawned.
    pub fn ack(&self) -> impl Future<Output = Result<Consumer, Error>> + Send + use<> {
        self.ack_to(self.last_sequence)
    }

    /// Acknowledges every event up to `sequence`, as
    /// [`Client::ack_events`](crate::Client::ack_events) does for the
    /// stream's consumer.
    pub fn ack_to(
        &self,
        sequence: i64,
    ) -> impl Future<Output = Result<Consumer, Error>> + Send + use<> {
        let consumer = self.consumer.clone();
        async move {
            match consumer {
                Some(consumer) => consumer.ack(sequence).await,
                None => Err(Error::new(
                    Code::InvalidArgument,
                    "spark: ack needs a follow of a durable consumer (ListEventsRequest::consumer)",
                )),
            }
        }
    }

    /// Ends the stream: cancels the call and, with auto-ack, acknowledges
    /// the handled events (the events before the last one yielded), waiting
    /// for the answer, where dropping the stream would only spawn the ack.
    pub async fn close(mut self) -> Result<(), Error> {
        self.items = stream::empty().boxed(); // cancels the call
        let Some(consumer) = self.consumer.take() else {
            return Ok(());
        };
        if let Some(sequence) = consumer.unacked() {
            consumer.ack(sequence).await?;
        }
        Ok(())
    }

    /// The events alone, without the caught-up marker.
    pub fn events(self) -> impl Stream<Item = Result<Event, Error>> + Send + Unpin {
        self.filter_map(|item| async move {
            match item {
                Ok(FollowItem::Event(event)) => Some(Ok(event)),
                Ok(FollowItem::CaughtUp) => None,
                Err(error) => Some(Err(error)),
            }
        })
        .boxed()
    }
}

impl Drop for Follow {
    fn drop(&mut self) {
        let Some(consumer) = self.consumer.take() else {
            return;
        };
        let Some(sequence) = consumer.unacked() else {
            return;
        };
        // Drop cannot wait for the answer: the ack goes on in a task.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                let _ = consumer.ack(sequence).await;
            });
        }
    }
}

/// A live stream of memory changes, from
/// [`Client::watch_memories`](crate::Client::watch_memories). Dropping it
/// cancels the call.
pub struct MemoryWatch(BoxStream<'static, Result<WatchItem, Error>>);

impl MemoryWatch {
    pub(crate) fn start(mut rpc: Service, request: WatchMemoriesRequest) -> Self {
        let call = async move { rpc.watch_memories(request).await };
        Self(items(
            call,
            |message: WatchMemoriesResponse| {
                let kind = message.kind();
                let sequence = message.sequence;
                let change = message.memory.map(|memory| WatchItem::Change {
                    kind,
                    memory,
                    sequence,
                });
                change
                    .into_iter()
                    .chain(message.caught_up.then_some(WatchItem::CaughtUp))
            },
            None,
        ))
    }
}

impl Stream for Follow {
    type Item = Result<FollowItem, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        // Asking for the next item means the last one is handled.
        if let Some(consumer) = &this.consumer {
            consumer.handled.store(this.last_sequence, Ordering::SeqCst);
        }
        let item = ready!(this.items.as_mut().poll_next(cx));
        if let Some(Ok(FollowItem::Event(event))) = &item {
            this.last_sequence = event.sequence;
        }
        Poll::Ready(item)
    }
}

impl Stream for MemoryWatch {
    type Item = Result<WatchItem, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}

impl fmt::Debug for Follow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Follow")
            .field("consumer", &self.consumer())
            .field("last_sequence", &self.last_sequence)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for MemoryWatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MemoryWatch")
    }
}

/// A server-streaming call that has not answered yet.
type Call<M> = Pin<
    Box<dyn Future<Output = Result<tonic::Response<tonic::Streaming<M>>, tonic::Status>> + Send>,
>;

/// Where a server stream is: not started, reading, or over. There is one
/// per stream, so the size of `Reading` does not matter.
#[allow(clippy::large_enum_variant)]
enum State<M, T> {
    Start(Call<M>),
    Reading(tonic::Streaming<M>, VecDeque<T>),
    Done,
}

/// Turns a server-streaming call into a stream of items, `unpack` making
/// the items of each message. With `acks`, the handled events are
/// acknowledged (with auto-ack) before each wait for a message. After an
/// error the stream ends.
fn items<M, T, I>(
    call: impl Future<Output = Result<tonic::Response<tonic::Streaming<M>>, tonic::Status>>
    + Send
    + 'static,
    unpack: fn(M) -> I,
    acks: Option<Arc<Acks>>,
) -> BoxStream<'static, Result<T, Error>>
where
    M: Send + 'static,
    T: Send + 'static,
    I: IntoIterator<Item = T> + 'static,
{
    let start: State<M, T> = State::Start(Box::pin(call));
    stream::unfold(start, move |mut state| {
        let acks = acks.clone();
        async move {
            loop {
                state = match state {
                    State::Start(call) => match call.await {
                        Ok(response) => State::Reading(response.into_inner(), VecDeque::new()),
                        Err(status) => return Some((Err(Error::from(status)), State::Done)),
                    },
                    State::Reading(mut messages, mut pending) => {
                        if let Some(item) = pending.pop_front() {
                            return Some((Ok(item), State::Reading(messages, pending)));
                        }
                        if let Some(acks) = &acks
                            && let Err(error) = acks.auto_ack().await
                        {
                            return Some((Err(error), State::Done));
                        }
                        match messages.message().await {
                            Ok(Some(message)) => {
                                pending.extend(unpack(message));
                                State::Reading(messages, pending)
                            }
                            // Nothing was yielded since the ack above.
                            Ok(None) => return None,
                            Err(status) => return Some((Err(Error::from(status)), State::Done)),
                        }
                    }
                    State::Done => return None,
                }
            }
        }
    })
    .boxed()
}
