//! `roadmap render`: lays a diagram out with Graphviz (`dot`) into an SVG, PNG or PDF file.
//!
//! An SVG records which `export` produced its DOT source, as a processing instruction
//! `<?roadmap-source args=[...] blake3="..."?>`, so a test can tell when a committed picture no
//! longer matches the roadmap, without comparing Graphviz's own output byte for byte.

use crate::cli::{DiagramArgs, ImageFormat, RenderArgs};
use crate::commands::{Ctx, export};
use crate::error::{Error, Result};
use crate::fonts;
use crate::msg;
use crate::render::dot;

fn format_of(args: &RenderArgs) -> Result<ImageFormat> {
    if let Some(f) = args.format {
        return Ok(f);
    }
    let ext = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("svg") => Ok(ImageFormat::Svg),
        Some("png") => Ok(ImageFormat::Png),
        Some("pdf") => Ok(ImageFormat::Pdf),
        _ => Err(Error::Usage(msg!(
            "render-unknown-format",
            path = args.output.display().to_string()
        ))),
    }
}

/// The processing instruction recording a picture's DOT source: the `export` arguments that
/// reproduce it and the BLAKE3 digest of that DOT text. An SVG holds it after its XML
/// declaration, a PNG in an `iTXt` chunk.
pub fn source_record(args: &[String], dot_text: &str) -> String {
    // JSON, with what would end the instruction (`?>`) or is no XML character (U+FFFF from
    // `--lang`) escaped as JSON escapes, which read back as the same text.
    let mut json = String::new();
    for c in serde_json::to_string(args)
        .expect("strings serialize")
        .replace("?>", "?\\u003e")
        .chars()
    {
        if dot::is_xml_char(c) {
            json.push(c);
        } else {
            json.push_str(&format!("\\u{:04x}", u32::from(c)));
        }
    }
    let args = json;
    format!(
        "<?roadmap-source args={args} blake3=\"{}\"?>",
        blake3::hash(dot_text.as_bytes()).to_hex()
    )
}

pub fn run(ctx: &mut Ctx, args: &RenderArgs) -> Result<u8> {
    let format = format_of(args)?;
    let roadmap = ctx.roadmap()?;
    let picture = export::picture(ctx, &roadmap, &args.diagram, &args.layout)?;
    export::note_fallback(ctx, &picture)?;
    // The arguments of `export` that print this DOT: the overview's when it fell back.
    let diagram_args = DiagramArgs {
        overview: matches!(picture.drawing, export::Drawing::Overview(_)),
        ..args.diagram.clone()
    };
    let dot_text = picture.text(ctx, &roadmap, &diagram_args);
    warn_missing_glyphs(ctx, &dot_text)?;
    let image_format = match format {
        ImageFormat::Svg => dot::ImageFormat::Svg,
        ImageFormat::Png => dot::ImageFormat::Png,
        ImageFormat::Pdf => dot::ImageFormat::Pdf,
    };
    let record = (format != ImageFormat::Pdf).then(|| {
        let mut export_args = diagram_args.to_args(
            diagram_args.reduced(true),
            diagram_args.recommendations(false),
            export::long_edges(&diagram_args, export::Defaults::Picture),
        );
        if let Some(lang) = ctx.lang() {
            export_args.insert(0, format!("--lang={lang}"));
        }
        source_record(&export_args, &dot_text)
    });
    let mut image = export::lay_out(ctx, dot_text, picture.size(), image_format, &args.layout)?;
    if let Some(record) = record {
        image = match format {
            ImageFormat::Png => png_with_source_record(image, &record),
            _ => with_source_record(image, &record),
        };
    }
    ctx.write_output(&args.output, &image)?;
    Ok(0)
}

/// Warns, before anything is written, when no installed font has some characters the picture
/// draws (fontconfig tells): Graphviz would draw them as empty boxes, silently.
fn warn_missing_glyphs(ctx: &mut Ctx, dot_text: &str) -> Result<()> {
    let Some(missing) = fonts::missing(&fonts::drawn_chars(dot_text)) else {
        return Ok(());
    };
    if missing.is_empty() {
        return Ok(());
    }
    let sample: String = missing.iter().take(12).collect();
    ctx.warn(&msg!("render-font-missing", sample = sample))
}

/// Puts the record into a PNG as an `iTXt` chunk with the keyword `roadmap-source`, right after
/// the header chunk (a PNG that does not start as one is left as it is).
fn png_with_source_record(png: Vec<u8>, record: &str) -> Vec<u8> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    // Signature, then IHDR: length (4), type (4), 13 bytes of data, CRC (4).
    let at = SIGNATURE.len() + 25;
    if !png.starts_with(SIGNATURE) || png.get(12..16) != Some(b"IHDR") || png.len() < at {
        return png;
    }
    // Keyword, NUL, no compression (flag and method), empty language and translated keyword.
    let mut data = b"roadmap-source\0\0\0\0\0".to_vec();
    data.extend_from_slice(record.as_bytes());
    let mut chunk = Vec::with_capacity(data.len() + 12);
    chunk.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = chunk.len();
    chunk.extend_from_slice(b"iTXt");
    chunk.extend_from_slice(&data);
    let crc = crc32fast::hash(&chunk[start..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    let mut out = Vec::with_capacity(png.len() + chunk.len());
    out.extend_from_slice(&png[..at]);
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&png[at..]);
    out
}

/// Puts the record right after the XML declaration (or first, when there is none).
fn with_source_record(svg: Vec<u8>, record: &str) -> Vec<u8> {
    let at = if svg.starts_with(b"<?xml") {
        svg.iter()
            .position(|&b| b == b'\n')
            .map_or(svg.len(), |i| i + 1)
    } else {
        0
    };
    let mut out = Vec::with_capacity(svg.len() + record.len() + 1);
    out.extend_from_slice(&svg[..at]);
    out.extend_from_slice(record.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&svg[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_follows_the_xml_declaration() {
        let svg = b"<?xml version=\"1.0\"?>\n<svg/>\n".to_vec();
        let out = String::from_utf8(with_source_record(svg, "<?roadmap-source?>")).unwrap();
        assert_eq!(out, "<?xml version=\"1.0\"?>\n<?roadmap-source?>\n<svg/>\n");
    }

    #[test]
    fn the_record_cannot_end_early() {
        let record = source_record(&["a?>b".into()], "digraph {}");
        assert_eq!(record.matches("?>").count(), 1, "{record}");
    }
}
