//! The UI's TypeScript types are generated from the Rust types; this fails when they drift.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::path::PathBuf;

use console_core::model::*;
use ts_rs::{Config, TS};

const HEADER: &str = "// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.";

fn generated() -> Vec<(String, String)> {
    let cfg = Config::new();
    fn one<T: TS + 'static>(cfg: &Config) -> (String, String) {
        let text = T::export_to_string(cfg).expect("ts-rs export");
        // ts-rs's own header names its home page; ours says where the file comes from.
        let body = text
            .split_once('\n')
            .map_or(text.as_str(), |(first, rest)| if first.starts_with("//") { rest } else { text.as_str() });
        let text = format!("{HEADER}\n{body}");
        (format!("{}.ts", T::ident(cfg)), text)
    }
    vec![
        one::<MessageState>(&cfg),
        one::<ApiError>(&cfg),
        one::<MessageView>(&cfg),
        one::<BindState>(&cfg),
        one::<BindStatus>(&cfg),
        one::<SendRequest>(&cfg),
        one::<SendOutcome>(&cfg),
        one::<ConsoleEvent>(&cfg),
        one::<EncodingPreview>(&cfg),
        one::<InspectRequest>(&cfg),
        one::<TraceFilters>(&cfg),
        one::<TraceMatch>(&cfg),
        one::<TraceEvent>(&cfg),
        one::<TraceStep>(&cfg),
        one::<TraceReceipt>(&cfg),
        one::<TraceSegment>(&cfg),
        one::<TracedMessage>(&cfg),
        one::<TraceOrphan>(&cfg),
        one::<TraceResult>(&cfg),
        one::<console_core::LoggedPdu>(&cfg),
        one::<console_core::BindSettings>(&cfg),
        one::<console_core::HostPort>(&cfg),
        one::<console_core::ProfileInput>(&cfg),
        one::<console_core::CredentialStatus>(&cfg),
        one::<console_core::ProfileView>(&cfg),
        one::<console_core::FieldError>(&cfg),
        one::<console_core::ProfileExport>(&cfg),
        one::<console_core::SetPassword>(&cfg),
        one::<console_core::ConnectionTest>(&cfg),
        one::<console_core::presets::ProviderPreset>(&cfg),
        one::<console_core::retention::Retention>(&cfg),
        one::<console_core::retention::PruneReport>(&cfg),
        one::<console_core::retention::VacuumReport>(&cfg),
        one::<console_core::model_pages::PageFilter>(&cfg),
        one::<console_core::model_pages::PageOrder>(&cfg),
        one::<console_core::model_pages::PageCursor>(&cfg),
        one::<console_core::model_pages::PageAnchor>(&cfg),
        one::<console_core::model_pages::PageQuery>(&cfg),
        one::<console_core::model_pages::MessagePage>(&cfg),
        one::<smpp_codec::dissect::Dissection>(&cfg),
        one::<smpp_codec::dissect::DissectedPdu>(&cfg),
        one::<smpp_codec::dissect::Field>(&cfg),
    ]
}

#[test]
fn ui_bindings_match_the_rust_types() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../ui/src/lib/bindings");
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    let mut stale = Vec::new();
    for (file, text) in generated() {
        let path = dir.join(&file);
        if update {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "TypeScript bindings are stale: {stale:?}. Run `make bindings` (UPDATE_BINDINGS=1 cargo test -p console-core --test bindings) and commit ui/src/lib/bindings."
    );
}
