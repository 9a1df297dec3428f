//! Connecting: the [`Connect`] builder and its [`Tls`] settings.

use std::future::{Future, IntoFuture};
use std::path::Path;
use std::pin::Pin;
use std::time::Duration;

use tonic::metadata::{Ascii, MetadataValue};
use tonic::service::Interceptor;
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity};

use crate::{Client, Code, Error};

/// The deadline of a unary call unless [`Connect::with_timeout`] says
/// otherwise. Streams have no default deadline.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// TLS settings: the CA that signed the server's certificate and, for mutual
/// TLS, the client's certificate and key (all PEM).
///
/// ```no_run
/// # fn tls() -> std::io::Result<spark_memory::Tls> {
/// let tls = spark_memory::Tls::new()
///     .with_ca_file("ca.pem")?
///     .with_client_identity_files("client.pem", "client-key.pem")?;
/// # Ok(tls) }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Tls {
    ca: Option<Vec<u8>>,
    identity: Option<(Vec<u8>, Vec<u8>)>,
    domain: Option<String>,
}

impl Tls {
    /// TLS with no CA of its own: the server's certificate must chain to the
    /// roots enabled by the crate's features (`native-roots`); without them
    /// give a CA with [`Tls::with_ca_pem`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Trust the CA certificate(s) in `pem`.
    pub fn with_ca_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.ca = Some(pem.into());
        self
    }

    /// Present a client certificate and its private key (mutual TLS).
    pub fn with_client_identity(
        mut self,
        cert_pem: impl Into<Vec<u8>>,
        key_pem: impl Into<Vec<u8>>,
    ) -> Self {
        self.identity = Some((cert_pem.into(), key_pem.into()));
        self
    }

    /// Check the server's certificate against this name instead of the
    /// address's host.
    pub fn with_domain_name(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// Trust the CA certificate(s) in the PEM file at `path`.
    pub fn with_ca_file(self, path: impl AsRef<Path>) -> std::io::Result<Self> {
        Ok(self.with_ca_pem(std::fs::read(path)?))
    }

    /// Present the client certificate and key in these PEM files (mutual
    /// TLS).
    pub fn with_client_identity_files(
        self,
        cert: impl AsRef<Path>,
        key: impl AsRef<Path>,
    ) -> std::io::Result<Self> {
        Ok(self.with_client_identity(std::fs::read(cert)?, std::fs::read(key)?))
    }

    fn config(&self) -> ClientTlsConfig {
        let mut config = ClientTlsConfig::new();
        #[cfg(feature = "native-roots")]
        {
            config = config.with_native_roots();
        }
        if let Some(ca) = &self.ca {
            config = config.ca_certificate(Certificate::from_pem(ca));
        }
        if let Some((cert, key)) = &self.identity {
            config = config.identity(Identity::from_pem(cert, key));
        }
        if let Some(domain) = &self.domain {
            config = config.domain_name(domain.clone());
        }
        config
    }
}

/// How to reach a server: returned by [`Client::connect`]; set a token and
/// TLS, then `.await` it to connect, or call [`Connect::lazy`].
#[must_use = "a Connect does nothing until it is awaited or `lazy` is called"]
#[derive(Clone, Debug)]
pub struct Connect {
    addr: String,
    token: Option<String>,
    tls: Option<Tls>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
}

impl Connect {
    pub(crate) fn new(addr: impl Into<String>) -> Self {
        Self {
            addr: addr.into(),
            token: None,
            tls: None,
            timeout: Some(DEFAULT_TIMEOUT),
            connect_timeout: Some(DEFAULT_TIMEOUT),
        }
    }

    /// Send `authorization: Bearer <token>` with every call. The token is
    /// sent over plaintext too: use TLS beyond the loopback.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Connect over TLS.
    pub fn with_tls(mut self, tls: Tls) -> Self {
        self.tls = Some(tls);
        self
    }

    /// The deadline of each unary call (`None`: no deadline). Streams
    /// ([`Client::follow`], [`Client::watch_memories`]) have none.
    pub fn with_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long establishing the connection may take (`None`: no limit).
    pub fn with_connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// A client that connects on its first call (and reconnects as needed)
    /// instead of now. Must be called inside a tokio runtime.
    pub fn lazy(self) -> Result<Client, Error> {
        let (endpoint, interceptor, timeout) = self.endpoint()?;
        Ok(Client::new(endpoint.connect_lazy(), interceptor, timeout))
    }

    async fn connect(self) -> Result<Client, Error> {
        let (endpoint, interceptor, timeout) = self.endpoint()?;
        let channel: Channel = endpoint.connect().await?;
        Ok(Client::new(channel, interceptor, timeout))
    }

    fn endpoint(self) -> Result<(Endpoint, BearerToken, Option<Duration>), Error> {
        let interceptor = BearerToken::new(self.token.as_deref())?;
        let (scheme, rest) = match self.addr.split_once("://") {
            Some((scheme, rest)) => (scheme, rest),
            None => ("", self.addr.as_str()),
        };
        let tls = match (scheme, self.tls) {
            ("https", None) => Some(Tls::new()),
            ("" | "http" | "https", tls) => tls,
            _ => {
                return Err(Error::new(
                    Code::InvalidArgument,
                    format!("spark: address {:?}: want HOST:PORT", self.addr),
                ));
            }
        };
        let scheme = if tls.is_some() { "https" } else { "http" };
        let mut endpoint = Endpoint::from_shared(format!("{scheme}://{rest}")).map_err(|e| {
            Error::new(
                Code::InvalidArgument,
                format!("spark: address {:?}: {e}", self.addr),
            )
            .with_source(e)
        })?;
        if let Some(tls) = tls {
            endpoint = endpoint.tls_config(tls.config()).map_err(|e| {
                Error::new(Code::InvalidArgument, format!("spark: TLS settings: {e}"))
                    .with_source(e)
            })?;
        }
        if let Some(timeout) = self.connect_timeout {
            endpoint = endpoint.connect_timeout(timeout);
        }
        Ok((endpoint, interceptor, self.timeout))
    }
}

impl IntoFuture for Connect {
    type Output = Result<Client, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    /// Connects now: fails with `UNAVAILABLE` when the server cannot be
    /// reached (or the TLS handshake fails).
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.connect())
    }
}

/// The interceptor that adds the bearer token, if any, to every call (part
/// of [`Service`](crate::Service)).
#[derive(Clone, Debug)]
pub struct BearerToken(Option<MetadataValue<Ascii>>);

impl BearerToken {
    fn new(token: Option<&str>) -> Result<Self, Error> {
        token
            .map(|token| {
                format!("Bearer {token}").parse().map_err(|_| {
                    Error::new(
                        Code::InvalidArgument,
                        "spark: the token must be visible ASCII",
                    )
                })
            })
            .transpose()
            .map(Self)
    }
}

impl Interceptor for BearerToken {
    fn call(
        &mut self,
        mut request: tonic::Request<()>,
    ) -> Result<tonic::Request<()>, tonic::Status> {
        if let Some(value) = &self.0 {
            request
                .metadata_mut()
                .insert("authorization", value.clone());
        }
        Ok(request)
    }
}
