//! Output formats. Text and JSON serve every command; DOT and Mermaid draw diagrams.

pub mod json;
pub mod text;
pub mod tree;
