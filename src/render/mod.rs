//! Output formats. Text and JSON serve every command; DOT and Mermaid draw diagrams.

pub mod dot;
pub mod json;
pub mod mermaid;
pub mod text;
pub mod tree;
