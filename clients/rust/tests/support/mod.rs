//! A real server for the tests: `spark-grpc serve` on a fresh SQLite
//! database and port 0, ready once its health check answers SERVING.
//!
//! The server is `SPARK_GRPC_BIN`, or the one `make setup` installs
//! (`../../.venv/bin/spark-grpc`). Without it a test returns early with a
//! note, except in CI (`CI=true`), where it fails.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use tempfile::TempDir;
use tonic::transport::{Certificate, ClientTlsConfig, Endpoint, Identity};
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

/// The log line in which the server names its bound address.
const SERVING: &str = "spark-grpc serving on ";

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The server binary, or None (and a note) when it is missing outside CI.
fn server_bin() -> Option<PathBuf> {
    let bin = std::env::var_os("SPARK_GRPC_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join(".venv/bin/spark-grpc"));
    if bin.exists() {
        return Some(bin);
    }
    let message = format!(
        "no spark-grpc server at {}: run `make setup`",
        bin.display()
    );
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{message}");
    }
    eprintln!("skipped: {message}");
    None
}

/// A running server, stopped (SIGTERM, then SIGKILL) when dropped.
///
/// Dropping it blocks while the server shuts down, and the server waits (up
/// to its 10 s grace) for its clients' connections to answer: use it from
/// `#[tokio::test(flavor = "multi_thread")]`, so that another worker runs
/// the connections meanwhile.
pub struct Server {
    pub addr: String,
    child: Child,
    pub dir: TempDir,
}

/// The test certificates of tests/certificates.py, written into a folder.
pub struct Pki {
    dir: TempDir,
}

impl Pki {
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).expect("reading a test certificate")
    }

    /// The `spark-grpc serve` flags for mutual TLS with these certificates.
    pub fn server_flags(&self) -> Vec<String> {
        [
            ("--tls-cert", "server.pem"),
            ("--tls-key", "server-key.pem"),
            ("--tls-client-ca", "ca.pem"),
        ]
        .into_iter()
        .flat_map(|(flag, file)| [flag.to_owned(), self.path(file).display().to_string()])
        .collect()
    }

    /// tonic's TLS settings: trust the test CA, present the client certificate.
    fn tonic_config(&self) -> ClientTlsConfig {
        ClientTlsConfig::new()
            .ca_certificate(Certificate::from_pem(self.read("ca.pem")))
            .identity(Identity::from_pem(
                self.read("client.pem"),
                self.read("client-key.pem"),
            ))
    }
}

/// Makes throwaway certificates with the project's Python helper.
pub fn write_test_pki() -> Option<Pki> {
    let bin = server_bin()?;
    let python = bin.with_file_name("python");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = Command::new(python)
        .args([
            "-c",
            "import pathlib, sys; from tests.certificates import write_test_pki; \
             write_test_pki(pathlib.Path(sys.argv[1]))",
        ])
        .arg(dir.path())
        .current_dir(repo())
        .output()
        .expect("running the certificate helper");
    assert!(
        output.status.success(),
        "writing test certificates: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(Pki { dir })
}

/// Writes a tokens file (`TOKEN NAME ROLE` lines) for `--tokens-file`.
pub fn write_tokens(dir: &Path, tokens: &[(&str, &str)]) -> PathBuf {
    let lines: String = tokens
        .iter()
        .map(|(role, token)| format!("{token} tester-{role} {role}\n"))
        .collect();
    let path = dir.join("tokens");
    std::fs::write(&path, lines).expect("writing the tokens file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
            .expect("chmod 600 the tokens file");
    }
    path
}

impl Server {
    /// A plaintext server, or None when there is none to run (outside CI).
    pub async fn start() -> Option<Server> {
        Self::start_with(&[], None).await
    }

    /// A server with extra flags; `pki` is how the health check reaches a
    /// TLS server.
    pub async fn start_with(flags: &[String], pki: Option<&Pki>) -> Option<Server> {
        let bin = server_bin()?;
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = dir.path().join("spark.db");
        let mut child = Command::new(&bin)
            .args(["serve", "--db"])
            .arg(&db)
            .args(["--listen", "127.0.0.1:0"])
            .args(flags)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", bin.display()));

        // Read the log for the address, then keep draining it so the server
        // never blocks on a full pipe.
        let stderr = child.stderr.take().expect("the server's stderr");
        let (found, addr) = mpsc::channel();
        std::thread::spawn(move || {
            let mut found = Some(found);
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.split_once(SERVING).map(|(_, rest)| rest) {
                    let addr = rest
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned();
                    if let Some(found) = found.take() {
                        let _ = found.send(addr);
                    }
                }
            }
        });
        let mut server = Server {
            addr: String::new(),
            child,
            dir,
        };
        server.addr = addr
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("{} did not log its address within 30s", bin.display()));
        server.check_health(pki).await;
        Some(server)
    }

    async fn check_health(&self, pki: Option<&Pki>) {
        let endpoint = match pki {
            None => Endpoint::from_shared(format!("http://{}", self.addr)).unwrap(),
            Some(pki) => Endpoint::from_shared(format!("https://{}", self.addr))
                .unwrap()
                .tls_config(pki.tonic_config())
                .unwrap(),
        };
        let channel = endpoint
            .connect_timeout(Duration::from_secs(30))
            .connect()
            .await
            .unwrap_or_else(|e| panic!("connecting to {}: {e}", self.addr));
        let response = HealthClient::new(channel)
            .check(HealthCheckRequest::default())
            .await
            .unwrap_or_else(|e| panic!("health check of {}: {e}", self.addr))
            .into_inner();
        assert_eq!(
            response.status(),
            ServingStatus::Serving,
            "health of {}",
            self.addr
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
