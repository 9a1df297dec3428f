//! The server streams: [`Follow`] (the event log) and [`MemoryWatch`].

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::stream::{self, BoxStream, StreamExt};

use crate::Error;
use crate::client::Service;
use crate::v1::{
    Event, ListEventsRequest, ListEventsResponse, Memory, MemoryChangeKind, WatchMemoriesRequest,
    WatchMemoriesResponse,
};

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
pub struct Follow(BoxStream<'static, Result<FollowItem, Error>>);

impl Follow {
    pub(crate) fn start(mut rpc: Service, request: ListEventsRequest) -> Self {
        let call = async move { rpc.list_events(request).await };
        Self(items(call, |message: ListEventsResponse| {
            let caught_up = message.caught_up.then_some(FollowItem::CaughtUp);
            message
                .events
                .into_iter()
                .map(FollowItem::Event)
                .chain(caught_up)
        }))
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

/// A live stream of memory changes, from
/// [`Client::watch_memories`](crate::Client::watch_memories). Dropping it
/// cancels the call.
pub struct MemoryWatch(BoxStream<'static, Result<WatchItem, Error>>);

impl MemoryWatch {
    pub(crate) fn start(mut rpc: Service, request: WatchMemoriesRequest) -> Self {
        let call = async move { rpc.watch_memories(request).await };
        Self(items(call, |message: WatchMemoriesResponse| {
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
        }))
    }
}

impl Stream for Follow {
    type Item = Result<FollowItem, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
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
        f.write_str("Follow")
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
/// the items of each message. After an error the stream ends.
fn items<M, T, I>(
    call: impl Future<Output = Result<tonic::Response<tonic::Streaming<M>>, tonic::Status>>
    + Send
    + 'static,
    unpack: fn(M) -> I,
) -> BoxStream<'static, Result<T, Error>>
where
    M: Send + 'static,
    T: Send + 'static,
    I: IntoIterator<Item = T> + 'static,
{
    let start: State<M, T> = State::Start(Box::pin(call));
    stream::unfold(start, move |mut state| async move {
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
                    match messages.message().await {
                        Ok(Some(message)) => {
                            pending.extend(unpack(message));
                            State::Reading(messages, pending)
                        }
                        Ok(None) => return None,
                        Err(status) => return Some((Err(Error::from(status)), State::Done)),
                    }
                }
                State::Done => return None,
            }
        }
    })
    .boxed()
}
