//! Code generated from `protos/spark/v1/spark.proto` by `make generate-rust`
//! (`codegen/`): prost messages, the tonic client, and proto3 JSON through
//! serde (pbjson). Do not edit; `make check-generated` fails when it is stale.

/// Package `spark`.
pub mod spark {
    /// Package `spark.v1`: the messages and the generated client stub.
    #[allow(clippy::all, clippy::pedantic, missing_docs)]
    pub mod v1 {
        include!("spark.v1.rs");
        include!("spark.v1.serde.rs");
    }
}
