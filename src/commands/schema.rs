//! `roadmap schema`: the JSON Schema of roadmap files, on standard output or into a file.

use crate::cli::SchemaArgs;
use crate::commands::Ctx;
use crate::error::Result;
use crate::schema;

pub fn run(ctx: &mut Ctx, args: &SchemaArgs) -> Result<u8> {
    let text = schema::json();
    match &args.output {
        Some(path) => ctx.write_output(path, text.as_bytes())?,
        None => ctx.out.write_all(text.as_bytes())?,
    }
    Ok(0)
}
