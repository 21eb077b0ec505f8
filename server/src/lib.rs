//! Missive's server: configuration, start-up, the gRPC transport and the domain.

pub mod app;
pub mod blob_store;
pub mod bus;
pub mod clock;
pub mod config;
pub mod domain;
pub mod error;
pub mod federation;
pub mod grpc;
pub mod http_client;
pub mod push;
pub mod telemetry;
pub mod tls;

pub use app::App;
pub use config::Config;

#[cfg(test)]
mod layering {
    //! The import rules of docs/architecture.md, checked on the source.

    use std::path::Path;

    fn code_lines(dir: &str) -> Vec<(String, String)> {
        let mut lines = Vec::new();
        let mut pending = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir)];
        while let Some(path) = pending.pop() {
            if path.is_dir() {
                pending.extend(std::fs::read_dir(&path).unwrap().map(|entry| entry.unwrap().path()));
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let name = path.display().to_string();
                lines.extend(
                    text.lines()
                        .filter(|line| !line.trim_start().starts_with("//"))
                        .map(|line| (name.clone(), line.to_owned())),
                );
            }
        }
        lines
    }

    fn assert_none(dir: &str, forbidden: &[&str]) {
        let offending: Vec<_> = code_lines(dir)
            .into_iter()
            .filter(|(_, line)| forbidden.iter().any(|f| line.contains(f)))
            .map(|(file, line)| format!("{file}: {}", line.trim()))
            .collect();
        assert!(offending.is_empty(), "{dir}/ must not use {forbidden:?}:\n{}", offending.join("\n"));
    }

    #[test]
    fn the_domain_and_the_bus_know_no_transport() {
        for dir in ["domain", "bus"] {
            assert_none(dir, &["missive_proto", "tonic::", "use tonic", "tonic_"]);
        }
    }

    #[test]
    fn the_apis_do_not_touch_storage() {
        for dir in ["grpc", "federation", "push"] {
            assert_none(dir, &["missive_db", "sea_orm", "object_store"]);
        }
    }
}
