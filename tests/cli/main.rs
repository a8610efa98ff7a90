//! Command-line tests: one binary, one helper (`support::TestEnv`) with a temp dir and a
//! scrubbed environment.

mod support;

mod browse;
mod commands;
mod csv_injection;
mod curation;
mod durability;
mod exports;
mod faults;
mod golden;
mod import;
mod scale;
