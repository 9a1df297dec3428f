//! One error type for everything the client reports.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

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

/// The [`Error::reason`] of a failed append condition (`FAILED_PRECONDITION`):
/// an event matching the condition was appended after the position the
/// caller looked at. [`Error::conflicting_sequence`] says which.
pub const APPEND_CONDITION_FAILED: &str = "APPEND_CONDITION_FAILED";

/// The `google.rpc.ErrorInfo` detail of a status.
#[derive(Debug)]
struct ErrorInfo {
    reason: String,
    metadata: HashMap<String, String>,
}

/// The metadata of an error without an `ErrorInfo`.
static NO_METADATA: LazyLock<HashMap<String, String>> = LazyLock::new(HashMap::new);

/// A failed call: the gRPC status code, its message, for
/// `INVALID_ARGUMENT` the fields the server refused, and for
/// `FAILED_PRECONDITION` the reason and metadata of its
/// `google.rpc.ErrorInfo`.
///
/// Failures that never reached the server (a bad address, unreadable
/// certificates, a refused connection) carry a code too: `INVALID_ARGUMENT`
/// for bad settings, `UNAVAILABLE` when the server cannot be reached.
#[derive(Debug)]
pub struct Error {
    code: Code,
    message: String,
    violations: Vec<FieldViolation>,
    // Boxed: most errors have none, and an Error stays small.
    info: Option<Box<ErrorInfo>>,
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

    /// The machine-readable reason of the status's `google.rpc.ErrorInfo`
    /// detail: [`APPEND_CONDITION_FAILED`] when an append condition failed,
    /// `CONSUMER_FILTERS_DIFFER` when a durable consumer is followed with
    /// filters other than its own.
    pub fn reason(&self) -> Option<&str> {
        self.info.as_deref().map(|info| info.reason.as_str())
    }

    /// The metadata of the `google.rpc.ErrorInfo` detail (empty without
    /// one), e.g. `conflicting_sequence` for [`APPEND_CONDITION_FAILED`].
    pub fn metadata(&self) -> &HashMap<String, String> {
        self.info
            .as_deref()
            .map_or(&NO_METADATA, |info| &info.metadata)
    }

    /// For a failed append condition, the sequence of the newest event
    /// matching the condition: read the log again up to it, decide, and
    /// retry with `after_sequence` set to it. None for any other error.
    pub fn conflicting_sequence(&self) -> Option<i64> {
        if self.reason() != Some(APPEND_CONDITION_FAILED) {
            return None;
        }
        self.metadata().get("conflicting_sequence")?.parse().ok()
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
            info: None,
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
        let details = status.get_error_details();
        let violations = details
            .bad_request()
            .map(|bad| {
                bad.field_violations
                    .iter()
                    .map(|v| FieldViolation {
                        field: v.field.clone(),
                        description: v.description.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let info = details.error_info().map(|info| {
            Box::new(ErrorInfo {
                reason: info.reason.clone(),
                metadata: info.metadata.clone(),
            })
        });
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
            info,
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
        assert_eq!(error.reason(), None);
        assert!(error.metadata().is_empty());
        assert_eq!(error.conflicting_sequence(), None);
        assert!(!error.is_retryable());
    }

    fn failed_precondition(reason: &str, metadata: &[(&str, &str)]) -> Error {
        let metadata: HashMap<String, String> = metadata
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let details = ErrorDetails::with_error_info(reason, "spark", metadata);
        Error::from(tonic::Status::with_error_details(
            Code::FailedPrecondition,
            "spark: the append condition failed",
            details,
        ))
    }

    #[test]
    fn error_info_gives_the_reason_and_the_conflicting_sequence() {
        let error = failed_precondition(APPEND_CONDITION_FAILED, &[("conflicting_sequence", "42")]);
        assert_eq!(error.code(), Code::FailedPrecondition);
        assert_eq!(error.reason(), Some(APPEND_CONDITION_FAILED));
        assert_eq!(error.metadata()["conflicting_sequence"], "42");
        assert_eq!(error.conflicting_sequence(), Some(42));
        assert_eq!(error.field(), None);
    }

    #[test]
    fn only_a_failed_condition_has_a_conflicting_sequence() {
        let error =
            failed_precondition("CONSUMER_FILTERS_DIFFER", &[("conflicting_sequence", "7")]);
        assert_eq!(error.reason(), Some("CONSUMER_FILTERS_DIFFER"));
        assert_eq!(error.conflicting_sequence(), None);
        let error = failed_precondition(APPEND_CONDITION_FAILED, &[("conflicting_sequence", "x")]);
        assert_eq!(error.conflicting_sequence(), None);
    }
}
