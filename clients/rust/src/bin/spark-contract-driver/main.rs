//! `spark-contract-driver HOST:PORT`: runs the contract suite's steps
//! (tests/contract/README.md) through the Rust client.
//!
//! It reads one step a line on stdin as JSON, runs it and writes one answer
//! a line on stdout: `{"response": ...}` in proto3 JSON, `{"error": {"code",
//! "message"}}` for a gRPC error, or `{"driver_error": ...}`. A token and TLS
//! come from the environment, as for the spark-grpc client commands:
//! `SPARK_TOKEN`, `SPARK_GRPC_TLS_CA`, `SPARK_GRPC_TLS_CERT`,
//! `SPARK_GRPC_TLS_KEY` (PEM files).

mod streams;

use std::collections::HashMap;
use std::io::Write;
use std::time::Duration;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use spark_memory::{Client, Error, Tls, v1};
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::streams::{OpenStream, Until};

/// How long a stream step waits when the step gives no timeout.
const DEFAULT_STREAM_TIMEOUT: Duration = Duration::from_secs(10);

/// One line of the runner.
#[derive(Deserialize)]
struct Step {
    op: String,
    #[serde(default)]
    rpc: String,
    #[serde(default)]
    request: Option<Value>,
    #[serde(default)]
    stream: String,
    #[serde(default)]
    count: usize,
    #[serde(default)]
    timeout_ms: u64,
}

/// Why a step has no response: the call failed, or the step made no sense.
enum Failure {
    Call(Error),
    Driver(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Call(error)
    }
}

type Answer = Result<Value, Failure>;

/// Reads a request given as proto3 JSON.
fn parse<T: DeserializeOwned>(request: Option<Value>) -> Result<T, Failure> {
    serde_json::from_value(request.unwrap_or_else(|| json!({})))
        .map_err(|e| Failure::Driver(format!("bad request: {e}")))
}

/// Writes a message as proto3 JSON.
fn to_json<T: serde::Serialize>(message: &T) -> Answer {
    serde_json::to_value(message).map_err(|e| Failure::Driver(format!("cannot write JSON: {e}")))
}

async fn call(client: &Client, rpc: &str, request: Option<Value>) -> Answer {
    match rpc {
        "RecordEvent" => to_json(&client.record_event(parse(request)?).await?),
        "RecordEvents" => {
            let request: v1::RecordEventsRequest = parse(request)?;
            let events = match request.condition {
                Some(condition) => client.record_events_if(condition, request.events).await?,
                None => client.record_events(request.events).await?,
            };
            to_json(&v1::RecordEventsResponse {
                events,
                acks: Vec::new(),
            })
        }
        "ListEvents" => {
            let events = client.list_events(parse(request)?).await?;
            to_json(&v1::ListEventsResponse {
                events,
                caught_up: false,
            })
        }
        "AckEvents" => {
            let request: v1::AckEventsRequest = parse(request)?;
            let consumer = client
                .ack_events(request.consumer, request.sequence)
                .await?;
            to_json(&v1::AckEventsResponse {
                consumer: Some(consumer),
            })
        }
        "GetConsumer" => {
            let request: v1::GetConsumerRequest = parse(request)?;
            to_json(&client.get_consumer(request.name).await?)
        }
        "ListConsumers" => {
            let _: v1::ListConsumersRequest = parse(request)?;
            let consumers = client.list_consumers().await?;
            to_json(&v1::ListConsumersResponse { consumers })
        }
        "DeleteConsumer" => {
            let request: v1::DeleteConsumerRequest = parse(request)?;
            let consumer = client.delete_consumer(request.name).await?;
            to_json(&v1::DeleteConsumerResponse {
                consumer: Some(consumer),
            })
        }
        "StoreMemory" => to_json(&client.store_memory(parse(request)?).await?),
        "ListMemories" => {
            let memories = client.list_memories(parse(request)?).await?;
            to_json(&v1::ListMemoriesResponse { memories })
        }
        "Count" => {
            let count = client.count(parse(request)?).await?;
            to_json(&v1::CountResponse { count })
        }
        "Consolidate" => to_json(&client.consolidate(parse(request)?).await?),
        "UpdateMemory" => {
            let memory = client.update_memory(parse(request)?).await?;
            to_json(&v1::UpdateMemoryResponse {
                memory: Some(memory),
            })
        }
        "DeleteMemory" => {
            let request: v1::DeleteMemoryRequest = parse(request)?;
            let memory = client.delete_memory(request.id).await?;
            to_json(&v1::DeleteMemoryResponse {
                memory: Some(memory),
            })
        }
        "WatchMemories" => Err(Failure::Driver(
            "WatchMemories never ends: open it as a stream".into(),
        )),
        _ => Err(Failure::Driver(format!("unknown rpc {rpc:?}"))),
    }
}

struct Driver {
    client: Client,
    streams: HashMap<String, OpenStream>,
}

impl Driver {
    async fn run(&mut self, step: Step) -> Answer {
        let timeout = match step.timeout_ms {
            0 => DEFAULT_STREAM_TIMEOUT,
            ms => Duration::from_millis(ms),
        };
        match step.op.as_str() {
            "call" => call(&self.client, &step.rpc, step.request).await,
            "open" => {
                let stream = match step.rpc.as_str() {
                    "ListEvents" => OpenStream::list_events(&self.client, parse(step.request)?),
                    "WatchMemories" => {
                        OpenStream::watch_memories(&self.client, parse(step.request)?)
                    }
                    rpc => return Err(Failure::Driver(format!("cannot open a stream of {rpc:?}"))),
                };
                // Opening a name again replaces (and cancels) the old stream.
                let stream = self
                    .streams
                    .entry(step.stream)
                    .insert_entry(stream)
                    .into_mut();
                stream.read(Until::CaughtUp, timeout).await
            }
            "next" | "end" | "close" => {
                let Some(stream) = self.streams.get_mut(&step.stream) else {
                    return Err(Failure::Driver(format!("no open stream {:?}", step.stream)));
                };
                match step.op.as_str() {
                    "next" => Ok(stream
                        .read(Until::Count(step.count.max(1)), timeout)
                        .await?),
                    "end" => stream.read(Until::End, timeout).await,
                    _ => {
                        // Dropping the stream cancels the call.
                        self.streams.remove(&step.stream);
                        Ok(json!({}))
                    }
                }
            }
            op => Err(Failure::Driver(format!("unknown op {op:?}"))),
        }
    }
}

/// TLS from the PEM files named in the environment.
fn tls(ca: Option<String>, cert: Option<String>, key: Option<String>) -> Result<Tls, String> {
    let mut tls = Tls::new();
    if let Some(ca) = ca {
        tls = tls.with_ca_file(&ca).map_err(|e| format!("{ca}: {e}"))?;
    }
    match (cert, key) {
        (Some(cert), Some(key)) => tls
            .with_client_identity_files(&cert, &key)
            .map_err(|e| format!("{cert} or {key}: {e}")),
        (Some(_), None) => Err("SPARK_GRPC_TLS_CERT needs SPARK_GRPC_TLS_KEY".into()),
        (None, _) => Ok(tls),
    }
}

/// The client's token and TLS settings from the environment.
async fn connect(addr: &str) -> Result<Client, String> {
    let setting = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mut connect = Client::connect(addr);
    if let Some(token) = setting("SPARK_TOKEN") {
        connect = connect.with_token(token);
    }
    let (ca, cert, key) = (
        setting("SPARK_GRPC_TLS_CA"),
        setting("SPARK_GRPC_TLS_CERT"),
        setting("SPARK_GRPC_TLS_KEY"),
    );
    if ca.is_some() || cert.is_some() {
        connect = connect.with_tls(tls(ca, cert, key)?);
    }
    connect.await.map_err(|e| e.to_string())
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, addr] = args.as_slice() else {
        eprintln!("usage: spark-contract-driver HOST:PORT");
        std::process::exit(2);
    };
    let client = match connect(addr).await {
        Ok(client) => client,
        Err(error) => {
            eprintln!("spark-contract-driver: {error}");
            std::process::exit(1);
        }
    };
    let mut driver = Driver {
        client,
        streams: HashMap::new(),
    };

    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    let mut stdout = std::io::stdout();
    loop {
        let line = match lines.next_line().await {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(error) => {
                eprintln!("spark-contract-driver: reading stdin: {error}");
                std::process::exit(1);
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let answer = match serde_json::from_str::<Step>(&line) {
            Ok(step) => driver.run(step).await,
            Err(error) => Err(Failure::Driver(format!("bad step: {error}"))),
        };
        let answer = match answer {
            Ok(response) => json!({ "response": response }),
            Err(Failure::Call(error)) => json!({
                "error": { "code": error.code() as i32, "message": error.message() }
            }),
            Err(Failure::Driver(message)) => json!({ "driver_error": message }),
        };
        if writeln!(stdout, "{answer}")
            .and_then(|()| stdout.flush())
            .is_err()
        {
            std::process::exit(1);
        }
    }
}
