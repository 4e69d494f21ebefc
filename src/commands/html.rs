//! `roadmap html`: one self-contained, offline HTML page of the roadmap (work in progress).

use crate::cli::HtmlArgs;
use crate::commands::Ctx;
use crate::error::{Error, Result};

pub fn run(_ctx: &mut Ctx, _args: &HtmlArgs) -> Result<u8> {
    Err(Error::Query("`roadmap html` is not available yet".into()))
}
