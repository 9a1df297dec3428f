// Package spark is the Go client of Spark Memory, the event log and memory
// store of an agent swarm, served over gRPC (package spark.v1).
//
// The client is a thin layer over the generated stubs in gen/spark/v1: Dial
// connects, each RPC has a typed method that takes the generated request,
// and Follow streams the log live as a Go iterator. Errors are gRPC status
// errors: read the code with status.Code(err).
//
//	c, err := spark.Dial("127.0.0.1:50051")
//	if err != nil { ... }
//	defer c.Close()
//	res, err := c.RecordEvent(ctx, &sparkv1.RecordEventRequest{EventType: "task_posted"})
package spark

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"iter"
	"strconv"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	sparkv1 "github.com/spark-memory/spark/clients/go/gen/spark/v1"
)

// DefaultTimeout is the deadline given to a unary call whose context has none.
const DefaultTimeout = 10 * time.Second

// Client calls a Spark Memory server. It is safe for concurrent use.
type Client struct {
	conn    *grpc.ClientConn
	rpc     sparkv1.SparkServiceClient
	timeout time.Duration
}

type config struct {
	tls         *tls.Config
	token       string
	timeout     time.Duration
	dialOptions []grpc.DialOption
}

// Option configures Dial.
type Option func(*config)

// WithTLS connects over TLS. A nil config uses the system's root
// certificates; set RootCAs (and Certificates, for mutual TLS) otherwise.
func WithTLS(cfg *tls.Config) Option {
	return func(c *config) {
		if cfg == nil {
			cfg = &tls.Config{MinVersion: tls.VersionTLS12}
		}
		c.tls = cfg
	}
}

// WithToken sends `authorization: Bearer <token>` with every call. The token
// is sent over plaintext connections too: use WithTLS beyond the loopback.
func WithToken(token string) Option {
	return func(c *config) { c.token = token }
}

// WithTimeout sets the deadline of unary calls whose context has none
// (DefaultTimeout unless set; 0 means no deadline). Streams have no default
// deadline.
func WithTimeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// WithDialOptions adds gRPC dial options (interceptors, keepalive, ...).
func WithDialOptions(opts ...grpc.DialOption) Option {
	return func(c *config) { c.dialOptions = append(c.dialOptions, opts...) }
}

// Dial returns a client for the server at addr ("host:port"). Like
// grpc.NewClient it does not wait for the connection: the first call does.
func Dial(addr string, opts ...Option) (*Client, error) {
	cfg := config{timeout: DefaultTimeout}
	for _, opt := range opts {
		opt(&cfg)
	}
	creds := insecure.NewCredentials()
	if cfg.tls != nil {
		creds = credentials.NewTLS(cfg.tls)
	}
	dialOptions := []grpc.DialOption{grpc.WithTransportCredentials(creds)}
	if cfg.token != "" {
		dialOptions = append(dialOptions, grpc.WithPerRPCCredentials(bearerToken(cfg.token)))
	}
	dialOptions = append(dialOptions, cfg.dialOptions...)
	conn, err := grpc.NewClient(addr, dialOptions...)
	if err != nil {
		return nil, err
	}
	return &Client{conn: conn, rpc: sparkv1.NewSparkServiceClient(conn), timeout: cfg.timeout}, nil
}

// Close closes the connection; calls in flight end with codes.Canceled.
func (c *Client) Close() error { return c.conn.Close() }

// Service returns the generated stub, for anything this wrapper leaves out.
func (c *Client) Service() sparkv1.SparkServiceClient { return c.rpc }

// withDeadline gives a unary call the client's default deadline when ctx has
// none.
func (c *Client) withDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok || c.timeout <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, c.timeout)
}

// unary runs one unary RPC under the client's default deadline.
func unary[Req, Res any](c *Client, ctx context.Context, call func(context.Context, Req, ...grpc.CallOption) (Res, error), req Req) (Res, error) {
	ctx, cancel := c.withDeadline(ctx)
	defer cancel()
	return call(ctx, req)
}

// RecordEvent appends one event. With req.Id set the call is idempotent: a
// retry returns the stored event with Duplicate set.
func (c *Client) RecordEvent(ctx context.Context, req *sparkv1.RecordEventRequest) (*sparkv1.RecordEventResponse, error) {
	return unary(c, ctx, c.rpc.RecordEvent, req)
}

// RecordEvents appends a batch atomically and returns the stored events in
// request order.
func (c *Client) RecordEvents(ctx context.Context, events []*sparkv1.RecordEventRequest) ([]*sparkv1.Event, error) {
	res, err := unary(c, ctx, c.rpc.RecordEvents, &sparkv1.RecordEventsRequest{Events: events})
	return res.GetEvents(), err
}

// RecordEventsIf appends a batch atomically if cond holds: no event matching
// its filters has a sequence above cond.AfterSequence. Otherwise the error's
// code is codes.FailedPrecondition and ConflictingSequence reports the newest
// matching event. A retry of a stored batch (same ids and content) succeeds
// even when cond no longer holds.
func (c *Client) RecordEventsIf(ctx context.Context, cond *sparkv1.AppendCondition, events []*sparkv1.RecordEventRequest) ([]*sparkv1.Event, error) {
	res, err := unary(c, ctx, c.rpc.RecordEvents, &sparkv1.RecordEventsRequest{Events: events, Condition: cond})
	return res.GetEvents(), err
}

// ConflictingSequence returns the sequence of the event that made an append
// condition fail (FAILED_PRECONDITION with reason APPEND_CONDITION_FAILED),
// and whether err is such an error.
func ConflictingSequence(err error) (int64, bool) {
	for _, detail := range status.Convert(err).Details() {
		info, ok := detail.(*errdetails.ErrorInfo)
		if !ok || info.GetReason() != "APPEND_CONDITION_FAILED" {
			continue
		}
		seq, parseErr := strconv.ParseInt(info.GetMetadata()["conflicting_sequence"], 10, 64)
		return seq, parseErr == nil
	}
	return 0, false
}

// AckEvents moves a durable consumer's position forward to sequence (never
// back) and returns the consumer with its lag.
func (c *Client) AckEvents(ctx context.Context, consumer string, sequence int64) (*sparkv1.Consumer, error) {
	res, err := unary(c, ctx, c.rpc.AckEvents, &sparkv1.AckEventsRequest{Consumer: consumer, Sequence: sequence})
	return res.GetConsumer(), err
}

// GetConsumer returns a durable consumer with its position and exact lag.
func (c *Client) GetConsumer(ctx context.Context, name string) (*sparkv1.Consumer, error) {
	return unary(c, ctx, c.rpc.GetConsumer, &sparkv1.GetConsumerRequest{Name: name})
}

// ListConsumers returns every durable consumer, by name.
func (c *Client) ListConsumers(ctx context.Context) ([]*sparkv1.Consumer, error) {
	res, err := unary(c, ctx, c.rpc.ListConsumers, &sparkv1.ListConsumersRequest{})
	return res.GetConsumers(), err
}

// DeleteConsumer forgets a durable consumer and returns it as it was.
func (c *Client) DeleteConsumer(ctx context.Context, name string) (*sparkv1.Consumer, error) {
	res, err := unary(c, ctx, c.rpc.DeleteConsumer, &sparkv1.DeleteConsumerRequest{Name: name})
	return res.GetConsumer(), err
}

// ListEvents reads the matching events (newest first unless req.Order says
// otherwise) and returns them once the server has sent them all. To follow
// the log use Follow.
func (c *Client) ListEvents(ctx context.Context, req *sparkv1.ListEventsRequest) ([]*sparkv1.Event, error) {
	if req.GetFollow() {
		return nil, status.Error(codes.InvalidArgument, "spark: ListEvents with follow set never ends: use Follow")
	}
	ctx, cancel := c.withDeadline(ctx)
	defer cancel()
	var events []*sparkv1.Event
	for msg, err := range c.ListEventsStream(ctx, req) {
		if err != nil {
			return events, err
		}
		events = append(events, msg.GetEvents()...)
	}
	return events, nil
}

// ListEventsStream yields the raw messages of a ListEvents stream, including
// the one with CaughtUp set when following. It ends when the server ends the
// stream or with the stream's error; a cancelled ctx ends it with
// codes.Canceled.
func (c *Client) ListEventsStream(ctx context.Context, req *sparkv1.ListEventsRequest) iter.Seq2[*sparkv1.ListEventsResponse, error] {
	return func(yield func(*sparkv1.ListEventsResponse, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		stream, err := c.rpc.ListEvents(ctx, req)
		receive(stream, err, yield)
	}
}

// FollowOption configures Follow.
type FollowOption func(*followConfig)

type followConfig struct {
	caughtUp func()
	autoAck  bool
}

// AutoAck makes a follow with req.Consumer set acknowledge the events it has
// handled: an event counts as handled once the loop asks for the next one;
// they are acknowledged before the follow waits for more, and when the loop
// ends.
func AutoAck() FollowOption {
	return func(c *followConfig) { c.autoAck = true }
}

// OnCaughtUp calls f once the stream has sent the matching history: every
// later event is live.
func OnCaughtUp(f func()) FollowOption {
	return func(c *followConfig) { c.caughtUp = f }
}

// Follow yields the matching history oldest first, then every matching
// event as it is committed, until ctx is cancelled (which ends the iteration
// without an error), the request's limit is reached, or the stream fails.
// Resume after a failure with req.AfterSequence set to the last sequence
// received. req is not modified.
func (c *Client) Follow(ctx context.Context, req *sparkv1.ListEventsRequest, opts ...FollowOption) iter.Seq2[*sparkv1.Event, error] {
	var cfg followConfig
	for _, opt := range opts {
		opt(&cfg)
	}
	req = proto.CloneOf(req)
	req.Follow = true
	return func(yield func(*sparkv1.Event, error) bool) {
		var handled, acked int64
		ack := func() error {
			if !cfg.autoAck || req.GetConsumer() == "" || handled <= acked {
				return nil
			}
			if _, err := c.AckEvents(context.WithoutCancel(ctx), req.GetConsumer(), handled); err != nil {
				return err
			}
			acked = handled
			return nil
		}
		defer func() { _ = ack() }()
		for msg, err := range c.ListEventsStream(ctx, req) {
			if err != nil {
				if ctx.Err() == nil {
					yield(nil, err)
				}
				return
			}
			for _, event := range msg.GetEvents() {
				if !yield(event, nil) {
					return
				}
				handled = event.GetSequence()
			}
			if msg.GetCaughtUp() && cfg.caughtUp != nil {
				cfg.caughtUp()
			}
			if err := ack(); err != nil {
				yield(nil, err)
				return
			}
		}
	}
}

// StoreMemory stores one memory; with req.Id set the call is idempotent.
func (c *Client) StoreMemory(ctx context.Context, req *sparkv1.StoreMemoryRequest) (*sparkv1.StoreMemoryResponse, error) {
	return unary(c, ctx, c.rpc.StoreMemory, req)
}

// ListMemories returns the matching memories, newest first.
func (c *Client) ListMemories(ctx context.Context, req *sparkv1.ListMemoriesRequest) ([]*sparkv1.Memory, error) {
	res, err := unary(c, ctx, c.rpc.ListMemories, req)
	return res.GetMemories(), err
}

// Count counts events or memories.
func (c *Client) Count(ctx context.Context, req *sparkv1.CountRequest) (int64, error) {
	res, err := unary(c, ctx, c.rpc.Count, req)
	return res.GetCount(), err
}

// Consolidate runs the consolidation rules now and reports what changed.
func (c *Client) Consolidate(ctx context.Context, req *sparkv1.ConsolidateRequest) (*sparkv1.ConsolidateResponse, error) {
	return unary(c, ctx, c.rpc.Consolidate, req)
}

// UpdateMemory changes a memory and returns it as stored.
func (c *Client) UpdateMemory(ctx context.Context, req *sparkv1.UpdateMemoryRequest) (*sparkv1.Memory, error) {
	res, err := unary(c, ctx, c.rpc.UpdateMemory, req)
	return res.GetMemory(), err
}

// DeleteMemory deletes a memory and returns it as it was.
func (c *Client) DeleteMemory(ctx context.Context, id string) (*sparkv1.Memory, error) {
	res, err := unary(c, ctx, c.rpc.DeleteMemory, &sparkv1.DeleteMemoryRequest{Id: id})
	return res.GetMemory(), err
}

// WatchMemories yields memory changes as they happen, including the message
// with CaughtUp set, until ctx is cancelled (which ends the iteration without
// an error) or the stream fails.
func (c *Client) WatchMemories(ctx context.Context, req *sparkv1.WatchMemoriesRequest) iter.Seq2[*sparkv1.WatchMemoriesResponse, error] {
	return func(yield func(*sparkv1.WatchMemoriesResponse, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		stream, err := c.rpc.WatchMemories(ctx, req)
		receive(stream, err, func(msg *sparkv1.WatchMemoriesResponse, err error) bool {
			if err != nil && ctx.Err() != nil {
				return false
			}
			return yield(msg, err)
		})
	}
}

// receive yields a server stream's messages until it ends (io.EOF, not
// yielded), fails (the error is yielded) or yield returns false.
func receive[Res any](stream grpc.ServerStreamingClient[Res], err error, yield func(*Res, error) bool) {
	if err != nil {
		yield(nil, err)
		return
	}
	for {
		msg, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			yield(nil, err)
			return
		}
		if !yield(msg, nil) {
			return
		}
	}
}

// bearerToken is per-RPC credentials that send a bearer token.
type bearerToken string

func (t bearerToken) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + string(t)}, nil
}

// RequireTransportSecurity is false so that a token also works against a
// plaintext server on the loopback.
func (bearerToken) RequireTransportSecurity() bool { return false }
