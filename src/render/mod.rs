//! Output formats. Text and JSON serve every command; DOT and Mermaid draw diagrams; iCalendar
//! puts plans in a calendar.

pub mod dot;
pub mod ics;
pub mod json;
pub mod mermaid;
pub mod text;
pub mod tree;
