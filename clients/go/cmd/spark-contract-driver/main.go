// Command spark-contract-driver runs the contract suite's steps
// (tests/contract) through the Go client.
//
// Usage: spark-contract-driver HOST:PORT. It reads one step a line on stdin
// as JSON, runs it and writes one answer a line on stdout: {"response": ...}
// in proto3 JSON, {"error": {"code", "message"}} for a gRPC error, or
// {"driver_error": ...}. tests/contract/README.md describes the steps. A
// token and TLS come from the environment, as for the spark-grpc client
// commands: SPARK_TOKEN, SPARK_GRPC_TLS_CA, SPARK_GRPC_TLS_CERT,
// SPARK_GRPC_TLS_KEY (PEM files).
package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"time"

	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	spark "github.com/spark-memory/spark/clients/go"
	sparkv1 "github.com/spark-memory/spark/clients/go/gen/spark/v1"
)

type step struct {
	Op        string          `json:"op"`
	RPC       string          `json:"rpc"`
	Request   json.RawMessage `json:"request"`
	Stream    string          `json:"stream"`
	Count     int             `json:"count"`
	TimeoutMs int             `json:"timeout_ms"`
}

type answer struct {
	Response    any        `json:"response,omitempty"`
	Error       *callError `json:"error,omitempty"`
	DriverError string     `json:"driver_error,omitempty"`
}

type callError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// message is a proto message written as proto3 JSON.
type message struct{ proto.Message }

func (m message) MarshalJSON() ([]byte, error) { return protojson.Marshal(m.Message) }

// parse reads a request given as proto3 JSON.
func parse[M proto.Message](raw json.RawMessage, m M) (M, error) {
	if len(raw) == 0 {
		raw = json.RawMessage("{}")
	}
	return m, protojson.Unmarshal(raw, m)
}

// unary adapts a client method to a step handler.
func unary[Req proto.Message, Res proto.Message](newReq func() Req, run func(context.Context, Req) (Res, error)) func(context.Context, json.RawMessage) (proto.Message, error) {
	return func(ctx context.Context, raw json.RawMessage) (proto.Message, error) {
		req, err := parse(raw, newReq())
		if err != nil {
			return nil, err
		}
		return run(ctx, req)
	}
}

func calls(c *spark.Client) map[string]func(context.Context, json.RawMessage) (proto.Message, error) {
	return map[string]func(context.Context, json.RawMessage) (proto.Message, error){
		"RecordEvent": unary(func() *sparkv1.RecordEventRequest { return &sparkv1.RecordEventRequest{} }, c.RecordEvent),
		"RecordEvents": unary(func() *sparkv1.RecordEventsRequest { return &sparkv1.RecordEventsRequest{} },
			func(ctx context.Context, r *sparkv1.RecordEventsRequest) (*sparkv1.RecordEventsResponse, error) {
				events, err := c.RecordEventsIf(ctx, r.GetCondition(), r.GetEvents())
				return &sparkv1.RecordEventsResponse{Events: events}, err
			}),
		"ListEvents": unary(func() *sparkv1.ListEventsRequest { return &sparkv1.ListEventsRequest{} },
			func(ctx context.Context, r *sparkv1.ListEventsRequest) (*sparkv1.ListEventsResponse, error) {
				events, err := c.ListEvents(ctx, r)
				return &sparkv1.ListEventsResponse{Events: events}, err
			}),
		"StoreMemory": unary(func() *sparkv1.StoreMemoryRequest { return &sparkv1.StoreMemoryRequest{} }, c.StoreMemory),
		"ListMemories": unary(func() *sparkv1.ListMemoriesRequest { return &sparkv1.ListMemoriesRequest{} },
			func(ctx context.Context, r *sparkv1.ListMemoriesRequest) (*sparkv1.ListMemoriesResponse, error) {
				memories, err := c.ListMemories(ctx, r)
				return &sparkv1.ListMemoriesResponse{Memories: memories}, err
			}),
		"Count": unary(func() *sparkv1.CountRequest { return &sparkv1.CountRequest{} },
			func(ctx context.Context, r *sparkv1.CountRequest) (*sparkv1.CountResponse, error) {
				n, err := c.Count(ctx, r)
				return &sparkv1.CountResponse{Count: n}, err
			}),
		"Consolidate": unary(func() *sparkv1.ConsolidateRequest { return &sparkv1.ConsolidateRequest{} }, c.Consolidate),
		"UpdateMemory": unary(func() *sparkv1.UpdateMemoryRequest { return &sparkv1.UpdateMemoryRequest{} },
			func(ctx context.Context, r *sparkv1.UpdateMemoryRequest) (*sparkv1.UpdateMemoryResponse, error) {
				memory, err := c.UpdateMemory(ctx, r)
				return &sparkv1.UpdateMemoryResponse{Memory: memory}, err
			}),
		"DeleteMemory": unary(func() *sparkv1.DeleteMemoryRequest { return &sparkv1.DeleteMemoryRequest{} },
			func(ctx context.Context, r *sparkv1.DeleteMemoryRequest) (*sparkv1.DeleteMemoryResponse, error) {
				memory, err := c.DeleteMemory(ctx, r.GetId())
				return &sparkv1.DeleteMemoryResponse{Memory: memory}, err
			}),
		"AckEvents": unary(func() *sparkv1.AckEventsRequest { return &sparkv1.AckEventsRequest{} },
			func(ctx context.Context, r *sparkv1.AckEventsRequest) (*sparkv1.AckEventsResponse, error) {
				consumer, err := c.AckEvents(ctx, r.GetConsumer(), r.GetSequence())
				return &sparkv1.AckEventsResponse{Consumer: consumer}, err
			}),
		"GetConsumer": unary(func() *sparkv1.GetConsumerRequest { return &sparkv1.GetConsumerRequest{} },
			func(ctx context.Context, r *sparkv1.GetConsumerRequest) (*sparkv1.Consumer, error) {
				return c.GetConsumer(ctx, r.GetName())
			}),
		"ListConsumers": unary(func() *sparkv1.ListConsumersRequest { return &sparkv1.ListConsumersRequest{} },
			func(ctx context.Context, _ *sparkv1.ListConsumersRequest) (*sparkv1.ListConsumersResponse, error) {
				consumers, err := c.ListConsumers(ctx)
				return &sparkv1.ListConsumersResponse{Consumers: consumers}, err
			}),
		"DeleteConsumer": unary(func() *sparkv1.DeleteConsumerRequest { return &sparkv1.DeleteConsumerRequest{} },
			func(ctx context.Context, r *sparkv1.DeleteConsumerRequest) (*sparkv1.DeleteConsumerResponse, error) {
				consumer, err := c.DeleteConsumer(ctx, r.GetName())
				return &sparkv1.DeleteConsumerResponse{Consumer: consumer}, err
			}),
	}
}

// entry is what a stream's reader hands over: an item, the caught-up
// marker, the end of the stream, or its error.
type entry struct {
	item     proto.Message
	caughtUp bool
	end      bool
	err      error
}

type stream struct {
	entries chan entry
	cancel  context.CancelFunc
}

type streamRead struct {
	Items    []message `json:"items"`
	CaughtUp bool      `json:"caught_up"`
	Ended    bool      `json:"ended"`
	TimedOut bool      `json:"timed_out"`
}

func open(c *spark.Client, rpc string, raw json.RawMessage) (*stream, error) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &stream{entries: make(chan entry, 1<<16), cancel: cancel}
	caughtUp := func() { s.entries <- entry{caughtUp: true} }
	switch rpc {
	case "ListEvents":
		req, err := parse(raw, &sparkv1.ListEventsRequest{})
		if err != nil {
			cancel()
			return nil, err
		}
		var events iter.Seq2[*sparkv1.Event, error]
		if req.GetFollow() {
			events = c.Follow(ctx, req, spark.OnCaughtUp(caughtUp))
		} else {
			events = func(yield func(*sparkv1.Event, error) bool) {
				list, err := c.ListEvents(ctx, req)
				for _, e := range list {
					if !yield(e, nil) {
						return
					}
				}
				if err != nil {
					yield(nil, err)
				}
			}
		}
		go s.read(func(yield func(proto.Message, error) bool) {
			for e, err := range events {
				if !yield(e, err) {
					return
				}
			}
		})
	case "WatchMemories":
		req, err := parse(raw, &sparkv1.WatchMemoriesRequest{})
		if err != nil {
			cancel()
			return nil, err
		}
		go s.read(func(yield func(proto.Message, error) bool) {
			for change, err := range c.WatchMemories(ctx, req) {
				if err == nil && change.GetCaughtUp() {
					caughtUp()
				}
				if err == nil && change.GetMemory() == nil {
					continue
				}
				if !yield(change, err) {
					return
				}
			}
		})
	default:
		cancel()
		return nil, fmt.Errorf("cannot open a stream of %q", rpc)
	}
	return s, nil
}

func (s *stream) read(items iter.Seq2[proto.Message, error]) {
	for item, err := range items {
		if err != nil {
			s.entries <- entry{err: err}
			return
		}
		s.entries <- entry{item: item}
	}
	s.entries <- entry{end: true}
}

// readUntil collects items until count of them (0: no count), the until
// marker ("caught_up" or "end"), the end of the stream or the timeout.
func (s *stream) readUntil(count int, until string, timeout time.Duration) (*streamRead, error) {
	res := &streamRead{Items: []message{}}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for count == 0 || len(res.Items) < count {
		select {
		case <-deadline.C:
			res.TimedOut = true
			return res, nil
		case e := <-s.entries:
			switch {
			case e.err != nil:
				return nil, e.err
			case e.end:
				res.Ended = true
				return res, nil
			case e.caughtUp:
				res.CaughtUp = true
				if until == "caught_up" {
					return res, nil
				}
			default:
				res.Items = append(res.Items, message{e.item})
			}
		}
	}
	return res, nil
}

type driver struct {
	client  *spark.Client
	calls   map[string]func(context.Context, json.RawMessage) (proto.Message, error)
	streams map[string]*stream
}

func (d *driver) run(s step) (any, error) {
	timeout := time.Duration(s.TimeoutMs) * time.Millisecond
	if s.TimeoutMs == 0 {
		timeout = 10 * time.Second
	}
	if s.Op == "call" {
		call, ok := d.calls[s.RPC]
		if !ok {
			return nil, fmt.Errorf("unknown rpc %q", s.RPC)
		}
		res, err := call(context.Background(), s.Request)
		if err != nil {
			return nil, err
		}
		return message{res}, nil
	}
	if s.Op == "open" {
		opened, err := open(d.client, s.RPC, s.Request)
		if err != nil {
			return nil, err
		}
		d.streams[s.Stream] = opened
		return opened.readUntil(0, "caught_up", timeout)
	}
	st, ok := d.streams[s.Stream]
	if !ok {
		return nil, fmt.Errorf("no open stream %q", s.Stream)
	}
	switch s.Op {
	case "next":
		return st.readUntil(max(s.Count, 1), "", timeout)
	case "end":
		return st.readUntil(0, "end", timeout)
	case "close":
		st.cancel()
		delete(d.streams, s.Stream)
		return struct{}{}, nil
	}
	return nil, fmt.Errorf("unknown op %q", s.Op)
}

// options are the client's token and TLS settings from the environment.
func options() ([]spark.Option, error) {
	var opts []spark.Option
	if token := os.Getenv("SPARK_TOKEN"); token != "" {
		opts = append(opts, spark.WithToken(token))
	}
	ca, cert, key := os.Getenv("SPARK_GRPC_TLS_CA"), os.Getenv("SPARK_GRPC_TLS_CERT"), os.Getenv("SPARK_GRPC_TLS_KEY")
	if ca == "" && cert == "" {
		return opts, nil
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if ca != "" {
		pem, err := os.ReadFile(ca)
		if err != nil {
			return nil, err
		}
		cfg.RootCAs = x509.NewCertPool()
		if !cfg.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("no certificate in %s", ca)
		}
	}
	if cert != "" {
		pair, err := tls.LoadX509KeyPair(cert, key)
		if err != nil {
			return nil, err
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return append(opts, spark.WithTLS(cfg)), nil
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: spark-contract-driver HOST:PORT")
		os.Exit(2)
	}
	opts, err := options()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	client, err := spark.Dial(os.Args[1], opts...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer client.Close()
	d := &driver{client: client, calls: calls(client), streams: map[string]*stream{}}

	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		if len(in.Bytes()) == 0 {
			continue
		}
		var s step
		var a answer
		if err := json.Unmarshal(in.Bytes(), &s); err != nil {
			a.DriverError = err.Error()
		} else if res, err := d.run(s); err != nil {
			if st, ok := status.FromError(err); ok && !errors.Is(err, context.Canceled) {
				a.Error = &callError{Code: int(st.Code()), Message: st.Message()}
			} else {
				a.DriverError = err.Error()
			}
		} else {
			a.Response = res
		}
		if err := out.Encode(a); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	for _, st := range d.streams {
		st.cancel()
	}
}
