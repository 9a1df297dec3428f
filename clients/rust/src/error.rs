//! One error type for everything the client reports.

use std::fmt;

pub use tonic::Code;
use tonic_types::StatusExt;

/// A bad field named by the server (a `google.rpc.BadRequest` violation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldViolation {
    /// The field's path, e.g. `importance` or `events[3].event_type`.
    pub field: String,
    /// Why the value was refused.
    pub description: String,
}

/// A failed call: the gRPC status code, its message and, for
/// `INVALID_ARGUMENT`, the fields the server refused.
///
/// Failures that never reached the server (a bad address, unreadable
/// certificates, a refused connection) carry a code too: `INVALID_ARGUMENT`
/// for bad settings, `UNAVAILABLE` when the server cannot be reached.
#[derive(Debug)]
pub struct Error {
    code: Code,
    message: String,
    violations: Vec<FieldViolation>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    /// The gRPC status code.
    pub fn code(&self) -> Code {
        self.code
    }

    /// The status message (the server names the bad field in it).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The first field the server refused, from the status details.
    pub fn field(&self) -> Option<&str> {
        self.violations.first().map(|v| v.field.as_str())
    }

    /// Every field violation in the status details.
    pub fn violations(&self) -> &[FieldViolation] {
        &self.violations
    }

    /// Whether retrying the same call later may succeed (`UNAVAILABLE`).
    pub fn is_retryable(&self) -> bool {
        self.code == Code::Unavailable
    }

    pub(crate) fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            violations: Vec::new(),
            source: None,
        }
    }

    pub(crate) fn with_source(
        mut self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Self {
        self.source = Some(source.into());
        self
    }
}

impl From<tonic::Status> for Error {
    fn from(status: tonic::Status) -> Self {
        // Details that do not decode are left out rather than hiding the status.
        let violations = status
            .get_details_bad_request()
            .map(|bad| {
                bad.field_violations
                    .into_iter()
                    .map(|v| FieldViolation {
                        field: v.field,
                        description: v.description,
                    })
                    .collect()
            })
            .unwrap_or_default();
        // tonic reports a connection that failed under a call (the server
        // closed it, e.g. after refusing the client certificate) as a local
        // CANCELLED or UNKNOWN with a transport error as its source. Nobody
        // cancelled the call and it may be retried: UNAVAILABLE, as other
        // gRPC clients say. Statuses sent by the server have no source.
        let closed = matches!(status.code(), Code::Cancelled | Code::Unknown)
            && std::error::Error::source(&status)
                .is_some_and(|source| source.is::<tonic::transport::Error>());
        let (code, message) = if closed {
            (
                Code::Unavailable,
                format!("spark: connection closed: {}", status.message()),
            )
        } else {
            (status.code(), status.message().to_owned())
        };
        Self {
            code,
            message,
            violations,
            source: Some(Box::new(status)),
        }
    }
}

impl From<tonic::transport::Error> for Error {
    fn from(error: tonic::transport::Error) -> Self {
        Error::new(Code::Unavailable, format!("spark: cannot connect: {error}")).with_source(error)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", code_name(self.code), self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The canonical name of a code, as in the proto's comments.
pub(crate) fn code_name(code: Code) -> &'static str {
    match code {
        Code::Ok => "OK",
        Code::Cancelled => "CANCELLED",
        Code::Unknown => "UNKNOWN",
        Code::InvalidArgument => "INVALID_ARGUMENT",
        Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        Code::NotFound => "NOT_FOUND",
        Code::AlreadyExists => "ALREADY_EXISTS",
        Code::PermissionDenied => "PERMISSION_DENIED",
        Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        Code::FailedPrecondition => "FAILED_PRECONDITION",
        Code::Aborted => "ABORTED",
        Code::OutOfRange => "OUT_OF_RANGE",
        Code::Unimplemented => "UNIMPLEMENTED",
        Code::Internal => "INTERNAL",
        Code::Unavailable => "UNAVAILABLE",
        Code::DataLoss => "DATA_LOSS",
        Code::Unauthenticated => "UNAUTHENTICATED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonic_types::{ErrorDetails, StatusExt};

    #[test]
    fn bad_request_details_name_the_field() {
        let details = ErrorDetails::with_bad_request_violation(
            "importance",
            "must be within [0, 1], got 1.5",
        );
        let status = tonic::Status::with_error_details(
            Code::InvalidArgument,
            "spark: importance must be within [0, 1], got 1.5",
            details,
        );
        let error = Error::from(status);
        assert_eq!(error.code(), Code::InvalidArgument);
        assert_eq!(error.field(), Some("importance"));
        assert_eq!(
            error.violations()[0].description,
            "must be within [0, 1], got 1.5"
        );
        assert_eq!(
            error.to_string(),
            "INVALID_ARGUMENT: spark: importance must be within [0, 1], got 1.5"
        );
    }

    #[test]
    fn a_status_without_details_has_no_field() {
        let error = Error::from(tonic::Status::not_found("spark: no memory m1"));
        assert_eq!(error.code(), Code::NotFound);
        assert_eq!(error.field(), None);
        assert!(!error.is_retryable());
    }
}
