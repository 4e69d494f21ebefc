//! `roadmap`: a learning roadmap as a dependency graph of topics. Load it from TOML, validate it,
//! and answer what learners and authors ask: a study order toward goals, the prerequisites of a
//! topic, what a topic unlocks, and diagrams of it all.
//!
//! Data flows one way: [`load`] (files to a [`model::Document`]) -> [`validate`] (all findings, and
//! a [`model::Roadmap`] when there is no error) -> [`graph`] -> plans and queries -> renderers.
//! The library never prints: commands write to the writers they are given.

pub mod assess;
pub mod atomic;
pub mod budget;
pub mod cache;
pub mod choose;
pub mod cli;
pub mod commands;
pub mod dag;
pub mod diagnostic;
pub mod diagram;
pub mod error;
pub mod fonts;
pub mod forecast;
pub mod graph;
pub mod i18n;
pub mod lang;
pub mod layout;
pub mod links;
pub mod lint;
pub mod load;
pub mod lookup;
pub mod lsp;
pub mod model;
pub mod overview;
pub mod parallel;
pub mod plan;
pub mod progress;
pub mod query;
pub mod render;
pub mod schema;
pub mod search;
pub mod source;
pub mod spinner;
pub mod suggest;
pub mod terminal;
#[cfg(test)]
mod testing;
pub mod validate;
pub mod why;

pub use error::{Error, Result};
