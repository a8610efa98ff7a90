//! dyad: turn news articles into a dated chronology of what two countries did to each other.
//!
//! Data flows one way:
//!
//! ```text
//! ingest → store (articles) → pipeline: text::segment → gazetteer → temporal → rules
//!        → events → store → query::timeline → output
//! ```
//!
//! Stages are pure functions over [`model`] types. Only [`store`] contains SQL, only [`output`]
//! formats and only the binary's `cli` prints or chooses exit codes.
#![cfg_attr(not(test), warn(clippy::print_stdout, clippy::print_stderr))]
#![cfg_attr(test, allow(clippy::type_complexity))]

pub mod curate;
pub mod data;
pub mod error;
pub mod eval;
pub mod gazetteer;
pub mod ingest;
pub mod loader;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod query;
pub mod rules;
pub mod store;
pub mod temporal;
pub mod text;

pub use error::{Error, Result};
