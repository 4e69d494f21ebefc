//! The JSON Schema of a roadmap file, generated from the model's own types (schemars, JSON Schema
//! draft 2020-12), so that TOML editor tooling (Taplo, Even Better TOML) can validate and complete
//! a roadmap file without this tool installed.
//!
//! The schema accepts what the loader accepts: a value `check` reports as an error of structure
//! (an unknown key, a wrong type, a bad id, negative hours, an empty `one_of`) breaks it; what
//! `check` only warns about (a blank title, a relative URL) does not. Rules across tables and
//! files (references, cycles, one `[roadmap]` in all) are beyond a schema: `check` and
//! `roadmap lsp` see them.

use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

use crate::model::{Meta, Name, Stage, Topic};

/// The name `roadmap init` gives the schema it writes beside a roadmap's files.
pub const FILE_NAME: &str = "roadmap.schema.json";

/// One file of a roadmap.
#[derive(JsonSchema)]
#[schemars(
    title = "Roadmap file",
    description = "One TOML file of a learning roadmap for the `roadmap` tool: the `[roadmap]` \
                   table (exactly once in the whole roadmap), `[[stage]]` and `[[topic]]` tables. \
                   See docs/format.md.",
    deny_unknown_fields
)]
#[allow(dead_code)] // Only its schema is used.
struct File {
    /// The roadmap's title and summary: exactly once in the whole roadmap, in any of its files.
    roadmap: Option<Meta>,
    /// The stages, in the order they are studied.
    #[schemars(default)]
    stage: Vec<Stage>,
    /// The topics and roles.
    #[schemars(default)]
    topic: Vec<Topic<Name>>,
}

/// The schema as pretty-printed JSON, ending with a line break.
pub fn json() -> String {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(drop_null))
        .into_generator();
    let schema = generator.into_root_schema_for::<File>();
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is plain JSON");
    text.push('\n');
    text
}

/// TOML has no null: an optional key is one that is left out, so `Option<T>` is `T` in a file.
fn drop_null(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = types.as_slice() {
            let only = only.clone();
            object.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(choices)) = object.get_mut("anyOf") {
        choices.retain(|c| c.get("type").is_none_or(|t| t != "null"));
        if let [Value::Object(only)] = choices.as_slice() {
            let only = only.clone();
            object.remove("anyOf");
            for (key, value) in only {
                object.entry(key).or_insert(value);
            }
        }
    }
}

/// The `#:schema` directive that points a file `depth` directories below the roadmap's top
/// directory at the schema `roadmap init` writes there (Taplo resolves it against the file).
pub fn directive(depth: usize) -> String {
    let up = if depth == 0 {
        "./".to_owned()
    } else {
        "../".repeat(depth)
    };
    format!("#:schema {up}{FILE_NAME}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_draft_2020_12_and_closed() {
        let schema: serde_json::Value = serde_json::from_str(&json()).unwrap();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["additionalProperties"], false);
        let topic = &schema["$defs"]["Topic"];
        assert_eq!(topic["additionalProperties"], false);
        let mut required: Vec<&str> = topic["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        required.sort();
        assert_eq!(required, ["id", "stage", "title"]);
        assert!(topic["properties"].get("span").is_none());
        assert!(topic["properties"].get("texts").is_none());
    }

    #[test]
    fn directives_climb_to_the_top_directory() {
        assert_eq!(directive(0), "#:schema ./roadmap.schema.json\n");
        assert_eq!(directive(2), "#:schema ../../roadmap.schema.json\n");
    }
}
