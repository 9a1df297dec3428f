//! Regenerates `clients/rust/src/generated` from `protos/spark/v1/spark.proto`:
//! the prost messages and the tonic client (`spark.v1.rs`), and their proto3
//! JSON (serde) implementations (`spark.v1.serde.rs`).
//!
//! Run by `make generate-rust` (`cargo run -p spark-memory-codegen`). protoc
//! and the well-known protos come from `protoc-bin-vendored`, so nothing has
//! to be installed; the generator crates are pinned in `Cargo.toml`.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    // The clone to write into is the working directory (`make generate-rust`
    // runs this from clients/rust), not CARGO_MANIFEST_DIR: with a target
    // dir shared by several clones, cargo may run a binary built in another
    // clone, which would write there.
    let crate_dir: &Path = &std::env::current_dir()?;
    if !crate_dir.join("codegen").is_dir() {
        return Err("run the code generator from clients/rust".into());
    }
    let repo = crate_dir
        .ancestors()
        .nth(2)
        .ok_or("clients/rust is not inside the repository")?;
    let protos = repo.join("protos");
    let proto = protos.join("spark/v1/spark.proto");
    let out_dir = crate_dir.join("src/generated");
    fs::create_dir_all(&out_dir)?;

    let scratch = Scratch::new()?;
    let descriptors = scratch.0.join("spark.bin");

    let mut config = tonic_prost_build::Config::new();
    config.protoc_executable(protoc_bin_vendored::protoc_bin_path()?);
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(false)
        // The wrapper builds the channel itself (TLS, token); no `connect`.
        .build_transport(false)
        .out_dir(&out_dir)
        .file_descriptor_set_path(&descriptors)
        // Timestamps from pbjson-types, which have proto3 JSON (RFC 3339);
        // the well-known types are then not taken from prost-types.
        .compile_well_known_types(true)
        .extern_path(".google.protobuf", "::pbjson_types")
        .emit_rerun_if_changed(false)
        .compile_with_config(
            config,
            &[proto],
            &[protos, protoc_bin_vendored::include_path()?],
        )?;

    pbjson_build::Builder::new()
        .register_descriptors(&fs::read(&descriptors)?)?
        .out_dir(&out_dir)
        .extern_path(".google.protobuf", "::pbjson_types")
        .preserve_proto_field_names()
        .build(&[".spark.v1"])?;

    for name in ["spark.v1.rs", "spark.v1.serde.rs"] {
        println!("wrote {}", out_dir.join(name).display());
    }
    Ok(())
}

/// A directory for the descriptor set, removed when done.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> std::io::Result<Self> {
        let dir = std::env::temp_dir().join(format!("spark-memory-codegen-{}", std::process::id()));
        fs::create_dir_all(&dir)?;
        Ok(Self(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
