//! Reading a roadmap: a file, a directory of files, or the default roadmap embedded in the binary,
//! turned into a [`Document`] plus a finding for every structural problem (syntax, missing or
//! unknown keys, wrong types). Nothing here judges references: that is validation's job, so that
//! one pass reports every problem instead of stopping at the first.

use std::ops::Range;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use std::borrow::Cow;
use thin_vec::ThinVec;
use toml::Spanned;

use toml::de::{DeString, DeTable, DeValue};

use crate::diagnostic::{Finding, FindingKind};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::model::{
    Document, Group, I18n, Meta, Name, Requirement, Resource, ResourceKind, Stage, TextSpans,
    Topic, TopicKind, Translation,
};
use crate::msg;
use crate::source::{Span, printable};
use crate::suggest::{suggest, suggest_key};

mod stream;

/// The parts of findings both readers name by their English phrase, with their catalogue ids.
pub(crate) const PHRASES: [(&str, &str); 21] = [
    ("[roadmap]", "phrase-roadmap-table"),
    ("a stage", "phrase-a-stage"),
    ("a topic", "phrase-a-topic"),
    ("a resource", "phrase-a-resource"),
    ("a `requires` entry", "phrase-a-requires-entry"),
    ("a translation", "phrase-a-translation"),
    ("the roadmap file", "phrase-the-roadmap-file"),
    ("a string", "phrase-a-string"),
    ("a boolean (`true` or `false`)", "phrase-a-boolean"),
    ("a finite number", "phrase-a-finite-number"),
    ("a table of languages", "phrase-a-table-of-languages"),
    ("a table (`title`, `summary`)", "phrase-a-translation-table"),
    ("an array of strings", "phrase-an-array-of-strings"),
    (
        "an array of topic ids and `{ one_of = [...] }` tables",
        "phrase-an-array-of-requirements",
    ),
    ("string", "phrase-type-string"),
    ("integer", "phrase-type-integer"),
    ("float", "phrase-type-float"),
    ("boolean", "phrase-type-boolean"),
    ("datetime", "phrase-type-datetime"),
    ("array", "phrase-type-array"),
    ("table", "phrase-type-table"),
];

/// The words a finding uses for a table, an expected value or a TOML type (`a topic`, `a
/// string`, `integer`), as a message in the interface's language; any other phrase is shown as
/// written.
pub(crate) fn phrase(english: &str) -> Msg {
    match PHRASES.iter().find(|(e, _)| *e == english) {
        Some((_, id)) => Msg::new(id),
        None => Msg::Text(english.to_owned()),
    }
}

/// The finding for a language code that [`crate::lang::check`] refuses, where it is written: a
/// resource's `lang` (`message` `finding-invalid-lang`) or a language of an `i18n` table
/// (`finding-invalid-i18n-lang`); `None` for a good code. Both loaders report these the same way.
pub(crate) fn lang_finding(message: &'static str, code: &str, span: Span) -> Option<Finding> {
    let bad = crate::lang::check(code).err()?;
    Some(
        Finding::new(
            FindingKind::InvalidLang,
            Msg::new(message).arg("code", code),
        )
        .at(span)
        .label(bad.reason)
        .help(msg!("help-invalid-lang"))
        .suggest(bad.suggestion.as_deref()),
    )
}

/// The default roadmap: the repository's `roadmap/` directory, compiled in.
static DEFAULT_ROADMAP: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/roadmap");

/// Where a roadmap comes from.
#[derive(Clone, Debug)]
pub enum Origin {
    /// The roadmap embedded in the binary.
    Default,
    /// A `.toml` file, or a directory whose `*.toml` files (recursively) form one roadmap.
    Path(PathBuf),
}

/// One file's name (as shown in messages) and raw bytes.
pub type RawFile = (String, Vec<u8>);

/// The files of the default roadmap, in path order, named `roadmap/<path>`.
pub fn default_files() -> Vec<(String, &'static [u8])> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
        for file in dir.files() {
            if file.path().extension().is_some_and(|e| e == "toml") {
                out.push((
                    format!("roadmap/{}", file.path().display()),
                    file.contents(),
                ));
            }
        }
        for sub in dir.dirs() {
            walk(sub, out);
        }
    }
    let mut files = Vec::new();
    walk(&DEFAULT_ROADMAP, &mut files);
    files.sort_by(|a, b| Path::new(&a.0).cmp(Path::new(&b.0)));
    files
}

/// Reads the bytes of every file of a roadmap, in path order.
pub fn read(origin: &Origin) -> Result<Vec<RawFile>> {
    match origin {
        Origin::Default => Ok(default_files()
            .into_iter()
            .map(|(name, bytes)| (name, bytes.to_vec()))
            .collect()),
        Origin::Path(path) => read_path(path),
    }
}

/// The most bytes of TOML a roadmap may hold, all files together: 512 MiB, several times the
/// largest roadmap anyone tests with (1,000,000 topics take 138 MiB), and about what a machine
/// can parse in memory. Reading stops there, whatever the input is (`/dev/zero` too).
pub const MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Reads at most `limit` bytes from `path`: a regular file's size is checked before reading
/// (a 5 GiB file is refused at once), and anything else (a pipe, a device) is read in pieces
/// until it ends or passes the limit. Passing the limit is [`std::io::ErrorKind::FileTooLarge`].
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let too_large = || std::io::Error::from(std::io::ErrorKind::FileTooLarge);
    let meta = file.metadata()?;
    let mut bytes = Vec::new();
    if meta.is_file() {
        if meta.len() > limit {
            return Err(too_large());
        }
        bytes.reserve_exact(meta.len() as usize);
    }
    // One byte more than the limit tells a file of exactly the limit from a longer one (and a
    // regular file that grew since its size was read is bounded the same way).
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Reads the bytes of a roadmap's files within what is left of [`MAX_BYTES`].
struct Budget {
    left: u64,
}

impl Budget {
    fn read(&mut self, path: &Path) -> Result<Vec<u8>> {
        match read_bounded(path, self.left) {
            Ok(bytes) => {
                self.left -= bytes.len() as u64;
                Ok(bytes)
            }
            Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => Err(Error::TooLarge {
                path: path.to_owned(),
            }),
            Err(source) => Err(Error::Read {
                path: path.to_owned(),
                source,
            }),
        }
    }
}

fn read_path(path: &Path) -> Result<Vec<RawFile>> {
    let read_error = |path: &Path, source| Error::Read {
        path: path.to_owned(),
        source,
    };
    let mut reader = Budget { left: MAX_BYTES };
    let meta = std::fs::metadata(path).map_err(|e| read_error(path, e))?;
    if !meta.is_dir() {
        let bytes = reader.read(path)?;
        return Ok(vec![(path.display().to_string(), bytes)]);
    }
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walk {
        let entry = entry.map_err(|e| match e.loop_ancestor() {
            Some(ancestor) => Error::SymlinkLoop {
                path: e.path().unwrap_or(path).to_owned(),
                ancestor: ancestor.to_owned(),
            },
            None => {
                let at = e.path().unwrap_or(path).to_owned();
                read_error(&at, e.into())
            }
        })?;
        let is_toml = entry.path().extension().is_some_and(|e| e == "toml");
        if entry.file_type().is_file() && is_toml {
            let bytes = reader.read(entry.path())?;
            files.push((entry.path().display().to_string(), bytes));
        }
    }
    if files.is_empty() {
        return Err(Error::NoRoadmapFiles {
            path: path.to_owned(),
        });
    }
    Ok(files)
}

/// Parses the files of a roadmap into one document, collecting findings instead of stopping.
pub fn parse(files: Vec<RawFile>) -> Result<(Document, Vec<Finding>)> {
    parse_with(files, read_text)
}

/// The same, through `toml`'s tree of values: the loader before [`parse`], kept as the oracle
/// the differential tests compare it with.
#[doc(hidden)]
pub fn parse_with_toml_tree(files: Vec<RawFile>) -> Result<(Document, Vec<Finding>)> {
    parse_with(files, |text, file| {
        parse_in_pieces(text, file).unwrap_or_else(|| parse_piece(text, file, 0))
    })
}

/// [`parse`] without pieces, parsing at most about `chunk_tokens` tokens at a time: for tests
/// that cut the token stream everywhere it may be cut.
#[doc(hidden)]
pub fn parse_in_chunks(
    files: Vec<RawFile>,
    chunk_tokens: usize,
) -> Result<(Document, Vec<Finding>)> {
    parse_with(files, |text, file| {
        match stream::read_in_chunks(text, file, 0, chunk_tokens, 0) {
            Ok(read) => from_stream(read.part),
            Err(e) => syntax_error(text, e.message, file, e.range),
        }
    })
}

fn parse_with(
    files: Vec<RawFile>,
    read: impl Fn(&str, u32) -> Part,
) -> Result<(Document, Vec<Finding>)> {
    let mut doc = Document::default();
    let mut findings = Vec::new();
    for (name, bytes) in files {
        if u32::try_from(bytes.len()).is_err() {
            return Err(Error::TooLarge { path: name.into() });
        }
        parse_file(&mut doc, &mut findings, name, bytes, &read);
    }
    Ok((doc, findings))
}

/// Reads one file's text through the event stream: a large file in pieces on all cores, unless
/// something in it needs the whole file (see [`read_in_pieces`]).
fn read_text(text: &str, file: u32) -> Part {
    read_in_pieces(text, file).unwrap_or_else(|| match stream::read(text, file, 0) {
        Ok(read) => from_stream(read.part),
        Err(e) => syntax_error(text, e.message, file, e.range),
    })
}

fn from_stream(part: stream::Part) -> Part {
    Part {
        meta: part.meta,
        stages: part.stages,
        topics: part.topics,
        findings: part.findings,
        ..Part::default()
    }
}

/// A syntax error of the file `text` (at `range` of it).
fn syntax_error(text: &str, message: String, file: u32, range: Range<usize>) -> Part {
    Part {
        findings: vec![syntax_finding(text, 0, &message, file, range)],
        syntax_error: true,
        ..Part::default()
    }
}

/// The finding for a syntax error at `range` of `text`, which starts at byte `base` of `file`.
fn syntax_finding(
    text: &str,
    base: usize,
    message: &str,
    file: u32,
    range: Range<usize>,
) -> Finding {
    let (message, range) =
        open_string_at_line_end(text, message, range.clone()).unwrap_or((message, range));
    Finding::new(
        FindingKind::Syntax,
        msg!("finding-syntax", detail = message),
    )
    .at(Span::new(file, base + range.start..base + range.end))
}

/// A basic string left open by an escaped quote at the end of its line (`title = "a\"`):
/// `toml_parser` takes that quote for the closing one when the line ends with LF (or the file
/// ends there) and reports an unfinished escape at that quote, but reports the open string
/// at the line's end when it ends with CRLF. Said the second way whatever the line ends, so a
/// file's findings do not move when its line ends change, and the caret points where the
/// closing quote is missing.
fn open_string_at_line_end<'m>(
    text: &str,
    message: &'m str,
    range: Range<usize>,
) -> Option<(&'m str, Range<usize>)> {
    const OPEN: &str = "invalid basic string, expected `\"`";
    if !message.starts_with("missing escaped value") {
        return None;
    }
    // The error points at the quote after the backslash.
    if !text.get(..range.start)?.ends_with('\\') {
        return None;
    }
    let rest = text.get(range.start..)?.strip_prefix('"')?;
    let end = range.start + 1;
    if rest.is_empty() {
        Some((OPEN, end..end))
    } else if rest.starts_with('\n') || rest.starts_with("\r\n") {
        Some((OPEN, end..end + 1))
    } else {
        None
    }
}

/// Reads a large file in pieces on all cores, cut at lines that start a `[[topic]]` table (see
/// [`cuts`]). Each piece is read on its own, which gives what reading the whole file gives as long
/// as no piece has an error and every piece after the first holds nothing but `[[topic]]` tables
/// (the first then holding `topic`, if at all, as an array of tables): TOML's rules then never
/// span two pieces. Otherwise returns `None`, and the whole file is read in one go.
fn read_in_pieces(text: &str, file: u32) -> Option<Part> {
    let pieces = cuts(text)?;
    let threads = crate::parallel::cores();
    let next = std::sync::atomic::AtomicUsize::new(0);
    // Pieces are joined in order as soon as they are read, by whichever thread completes the
    // run: the copy overlaps the parsing of later pieces, and a piece's topics are held twice
    // only until then, not all of them until the end.
    let total = pieces.iter().map(|p| p.topics).sum();
    let joining = std::sync::Mutex::new(Joining {
        whole: Part {
            topics: Vec::with_capacity(total),
            ..Part::default()
        },
        read: std::iter::repeat_with(|| None).take(pieces.len()).collect(),
        joined: 0,
        failed: false,
    });
    std::thread::scope(|scope| {
        for _ in 0..threads.min(pieces.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(piece) = pieces.get(i) else { break };
                    let read = stream::read_with_room(
                        &text[piece.range.clone()],
                        file,
                        piece.range.start,
                        piece.topics,
                    );
                    let mut joining = joining.lock().unwrap_or_else(|e| e.into_inner());
                    if !joining.take(i, read) {
                        break;
                    }
                }
            });
        }
    });
    let joining = joining.into_inner().unwrap_or_else(|e| e.into_inner());
    (!joining.failed && joining.joined == pieces.len()).then_some(joining.whole)
}

/// The pieces of a file read so far, joined in order.
struct Joining {
    whole: Part,
    /// Pieces read but not yet joined: those after one still being read.
    read: Vec<Option<stream::Read>>,
    /// How many pieces are joined.
    joined: usize,
    /// A piece could not be read, or holds more than topics: the whole file is read instead.
    failed: bool,
}

impl Joining {
    /// Takes piece `i`, read, and joins every piece now ready; `false` once reading the other
    /// pieces is no use.
    fn take(
        &mut self,
        i: usize,
        read: std::result::Result<stream::Read, stream::TomlError>,
    ) -> bool {
        match read {
            Ok(read) if !self.failed => self.read[i] = Some(read),
            _ => self.failed = true,
        }
        while let Some(read) = self.read.get_mut(self.joined).and_then(Option::take) {
            if !read.topics_by_header || (self.joined > 0 && !read.only_topics) {
                self.failed = true;
            }
            if self.failed {
                break;
            }
            let part = read.part;
            if self.joined == 0 {
                self.whole.meta = part.meta;
                self.whole.stages = part.stages;
            }
            self.whole.topics.extend(part.topics);
            self.whole.findings.extend(part.findings);
            self.joined += 1;
        }
        !self.failed
    }
}

/// A piece of a file to read on its own.
struct Piece {
    range: Range<usize>,
    /// Its lines that start with `[[topic]]`: about how many topics it holds (a line inside a
    /// multi-line string counts too, which only makes a little more room than needed).
    topics: usize,
}

/// Where to cut a large file into pieces: at lines that start with `[[topic]]`, about every
/// [`PIECE_BYTES`]; `None` for a file too small to be worth it.
fn cuts(text: &str) -> Option<Vec<Piece>> {
    if text.len() < PIECEWISE_FROM {
        return None;
    }
    let threads = crate::parallel::cores();
    let target = PIECE_BYTES.min(text.len() / (threads * 4).max(2) + 1);
    let mut pieces = Vec::new();
    let mut piece = Piece {
        range: 0..0,
        topics: usize::from(text.starts_with("[[topic]]")),
    };
    // Every such line is found (memchr's SIMD search: a few milliseconds for 100 MB), to count
    // the topics of each piece.
    for at in memchr::memmem::find_iter(text.as_bytes(), b"\n[[topic]]") {
        let line = at + 1;
        if line >= piece.range.start + target {
            piece.range.end = line;
            let start = Piece {
                range: line..line,
                topics: 1,
            };
            pieces.push(std::mem::replace(&mut piece, start));
        } else {
            piece.topics += 1;
        }
    }
    if pieces.is_empty() {
        return None;
    }
    piece.range.end = text.len();
    pieces.push(piece);
    Some(pieces)
}

/// Reads and parses a roadmap.
pub fn load(origin: &Origin) -> Result<(Document, Vec<Finding>)> {
    parse(read(origin)?)
}

fn parse_file(
    doc: &mut Document,
    findings: &mut Vec<Finding>,
    name: String,
    mut bytes: Vec<u8>,
    read: &impl Fn(&str, u32) -> Part,
) {
    // A byte-order mark is legal in UTF-8 files saved by some editors, but not TOML syntax.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = doc.sources.add(name, text);
            findings.push(
                Finding::new(FindingKind::Syntax, msg!("finding-not-utf8"))
                    .at(Span::new(file, at..at + 1))
                    .label(msg!("label-not-utf8"))
                    .help(msg!("help-save-utf8")),
            );
            return;
        }
    };
    let file = doc.sources.add(name, text);
    let text = &doc.sources.files[file as usize].text;
    let part = read(text, file);
    findings.extend(part.findings);
    doc.meta.extend(part.meta);
    doc.stages.extend(part.stages);
    if doc.topics.is_empty() {
        doc.topics = part.topics;
    } else {
        doc.topics.extend(part.topics);
    }
}

/// What one file, or one piece of a file, says.
#[derive(Default)]
struct Part {
    meta: Option<Meta>,
    stages: Vec<Stage>,
    topics: Vec<Topic<Name>>,
    findings: Vec<Finding>,
    /// Whether the piece parsed, and held nothing but `[[topic]]` tables (see
    /// [`parse_in_pieces`]).
    only_topics: bool,
    /// Whether its topics, if any, were declared with `[[topic]]` headers.
    topics_by_header: bool,
    syntax_error: bool,
}

/// Parses `text` (which starts at byte `base` of file `file`) on its own.
fn parse_piece(text: &str, file: u32, base: usize) -> Part {
    let mut findings = Vec::new();
    let table = match DeTable::parse(text) {
        Ok(table) => table,
        Err(e) => {
            let range = e.span().unwrap_or(0..0);
            findings.push(syntax_finding(text, base, e.message(), file, range));
            return Part {
                findings,
                syntax_error: true,
                ..Part::default()
            };
        }
    };
    let only_topics = table.get_ref().keys().all(|k| k.get_ref() == "topic");
    // `[[topic]]` tables continue across pieces only when the first piece declares its topics
    // the same way: `topic = [...]` (or `[topic]`) followed by `[[topic]]` headers is a duplicate
    // key for TOML, which only a whole-file parse sees. An array of tables declared by headers
    // spans its first `[[topic]]` header.
    let topics_by_header = match table.get_ref().get("topic") {
        None => true,
        Some(v) => text.get(v.span()).is_some_and(|t| t.starts_with("[[")),
    };
    let mut reader = Reader {
        file,
        input: text,
        base,
        findings: &mut findings,
    };
    let (meta, stages, topics) = reader.document(table.get_ref());
    Part {
        meta,
        stages,
        topics,
        findings,
        only_topics,
        topics_by_header,
        syntax_error: false,
    }
}

/// Below this size a file is parsed in one go: threads would cost more than they save.
const PIECEWISE_FROM: usize = 1 << 20;
/// About the size of a piece. The TOML parser holds several times its input in tokens and events
/// while it works, so small pieces keep the peak memory of a large file low. A piece's topics
/// (one block, dropped once joined) stay under the 128 KiB from which glibc serves a block with
/// `mmap`: freeing such a block raises that threshold to its size for the rest of the run, and
/// the allocator then holds on to more of what is freed (256 KiB pieces, with 1.5 MB of tokens
/// each, took 3 MB more at the peak at 100,000 topics, of 85). Pieces of 48 KiB still parse in
/// well under a millisecond each: the pieces cost nothing noticeable.
const PIECE_BYTES: usize = 48 << 10;

/// Parses a large file in pieces on all cores. TOML parsing is most of the cost of a large
/// roadmap, and a roadmap file is mostly `[[topic]]` tables, each complete in itself: cut at the
/// lines that start one, every piece after the first is a valid TOML document of topics alone,
/// and the pieces' topics in order are the file's. Spans are shifted back to file offsets.
///
/// Returns `None` when the result might differ from parsing the whole file (a syntax error, which
/// a cut inside a multi-line string would also cause; or a later piece holding anything but
/// topics, where whole-file TOML rules such as duplicate tables apply): the caller then parses
/// the whole file as usual. Smaller pieces than threads keep the parsed trees in memory small.
fn parse_in_pieces(text: &str, file: u32) -> Option<Part> {
    let threads = crate::parallel::cores();
    let ranges: Vec<(usize, usize)> = cuts(text)?
        .into_iter()
        .map(|p| (p.range.start, p.range.end))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut parts: Vec<Option<Part>> = Vec::new();
    parts.resize_with(ranges.len(), || None);
    let results = std::sync::Mutex::new(parts);
    std::thread::scope(|scope| {
        for _ in 0..threads.min(ranges.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&(a, b)) = ranges.get(i) else { break };
                    let part = parse_piece(&text[a..b], file, a);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(part);
                }
            });
        }
    });
    let parts = results.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut whole = Part::default();
    whole
        .topics
        .reserve_exact(parts.iter().flatten().map(|p| p.topics.len()).sum());
    for (i, part) in parts.into_iter().enumerate() {
        let part = part?;
        if part.syntax_error || !part.topics_by_header || (i > 0 && !part.only_topics) {
            return None;
        }
        if i == 0 {
            whole.meta = part.meta;
            whole.stages = part.stages;
        }
        whole.topics.extend(part.topics);
        whole.findings.extend(part.findings);
    }
    Some(whole)
}

type Value<'i> = Spanned<DeValue<'i>>;

const DOCUMENT_KEYS: &[&str] = &["roadmap", "stage", "topic"];
const META_KEYS: &[&str] = &["title", "summary", "i18n"];
const STAGE_KEYS: &[&str] = &["id", "title", "summary", "i18n"];
const TOPIC_KEYS: &[&str] = &[
    "id",
    "title",
    "stage",
    "kind",
    "hours",
    "summary",
    "requires",
    "recommends",
    "tags",
    "i18n",
    "resources",
];
const RESOURCE_KEYS: &[&str] = &["title", "url", "kind", "lang", "free"];
const TRANSLATION_KEYS: &[&str] = &["title", "summary"];
const ONE_OF_KEYS: &[&str] = &["one_of"];

/// Walks one file's TOML tree, reporting structural findings as it goes.
struct Reader<'f> {
    file: u32,
    /// The parsed text, which starts at byte `base` of the file (non-zero for a piece of a large
    /// file).
    input: &'f str,
    base: usize,
    findings: &'f mut Vec<Finding>,
}

/// The keys of one table, with the header they were declared under (for "missing key" findings).
struct Fields<'a, 'i> {
    table: &'a DeTable<'i>,
    header: Span,
    what: &'static str,
}

impl<'a, 'i> Fields<'a, 'i> {
    fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.table.get(key)
    }
}

impl Reader<'_> {
    fn span<T>(&self, v: &Spanned<T>) -> Span {
        let r = v.span();
        Span::new(self.file, self.base + r.start..self.base + r.end)
    }

    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Opens a table, reporting every key that is not one of `known`.
    fn fields<'a, 'i>(
        &mut self,
        table: &'a DeTable<'i>,
        header: Span,
        what: &'static str,
        known: &[&str],
    ) -> Fields<'a, 'i> {
        for key in table.keys() {
            if !known.contains(&key.get_ref().as_ref()) {
                let name = key.get_ref();
                self.push(
                    Finding::new(
                        FindingKind::UnknownKey,
                        msg!(
                            "finding-unknown-key",
                            key = name.as_ref(),
                            what = phrase(what)
                        ),
                    )
                    .at(self.span(key))
                    .label(msg!("label-expected-keys", keys = known.join(", ")))
                    .suggest(suggest_key(name, known)),
                );
            }
        }
        Fields {
            table,
            header,
            what,
        }
    }

    fn wrong_type(&mut self, fields: &Fields, key: &str, expected: &str, value: &Value) {
        self.push(
            Finding::new(
                FindingKind::WrongType,
                msg!(
                    "finding-wrong-type",
                    key = key,
                    what = phrase(fields.what),
                    expected = phrase(expected),
                    found = phrase(value.get_ref().type_str())
                ),
            )
            .at(self.span(value)),
        );
    }

    fn missing(&mut self, fields: &Fields, key: &str) {
        self.push(
            Finding::new(
                FindingKind::MissingKey,
                msg!("finding-missing-key", what = phrase(fields.what), key = key),
            )
            .at(fields.header)
            .label(msg!("label-add-key", key = key)),
        );
    }

    fn string(&mut self, fields: &Fields, key: &str) -> Option<(String, Span)> {
        let value = fields.get(key)?;
        match value.get_ref() {
            // Escapes such as `\u001b` must not reach a terminal through a title.
            DeValue::String(s) => Some((printable(s).into_owned(), self.span(value))),
            _ => {
                self.wrong_type(fields, key, "a string", value);
                None
            }
        }
    }

    fn required_string(&mut self, fields: &Fields, key: &str) -> Option<(String, Span)> {
        if fields.get(key).is_none() {
            self.missing(fields, key);
        }
        self.string(fields, key)
    }

    /// A reference as written: where its text is in the source when the parser could borrow it
    /// from there (no escapes), else decoded.
    fn name(&self, text: &DeString, span: Span) -> Name {
        let input = self.input.as_bytes().as_ptr_range();
        match text {
            Cow::Borrowed(b) if input.contains(&b.as_ptr()) || b.is_empty() => {
                let start = self.base + (b.as_ptr() as usize).wrapping_sub(input.start as usize);
                Name::in_source(span, start as u32, b.len() as u32)
            }
            _ => Name::owned(span, &printable(text)),
        }
    }

    /// A required reference; when absent, an empty name with a zero-width span (see
    /// [`Name::is_missing`]).
    fn required_name(&mut self, fields: &Fields, key: &str) -> Name {
        if fields.get(key).is_none() {
            self.missing(fields, key);
        }
        match fields.get(key) {
            Some(value) => match value.get_ref() {
                DeValue::String(s) => self.name(s, self.span(value)),
                _ => {
                    self.wrong_type(fields, key, "a string", value);
                    Name::missing(fields.header)
                }
            },
            None => Name::missing(fields.header),
        }
    }

    /// A required id; when absent, empty with a zero-width span at the header.
    fn required_id(&mut self, fields: &Fields, key: &str) -> (String, Span) {
        self.required_string(fields, key).unwrap_or_else(|| {
            let missing = Name::missing(fields.header);
            (String::new(), missing.span)
        })
    }

    /// The required `title` and the optional `summary` of a table, and where they are written.
    fn texts(&mut self, fields: &Fields) -> (Option<String>, Option<String>, TextSpans) {
        let title = self.required_string(fields, "title");
        let summary = self.string(fields, "summary");
        let texts = TextSpans {
            title: title.as_ref().map(|t| t.1),
            summary: summary.as_ref().map(|s| s.1),
        };
        (title.map(|t| t.0), summary.map(|s| s.0), texts)
    }

    fn boolean(&mut self, fields: &Fields, key: &str) -> Option<bool> {
        let value = fields.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(fields, key, "a boolean (`true` or `false`)", value);
                None
            }
        }
    }

    fn optional_string(&mut self, fields: &Fields, key: &str) -> Option<String> {
        self.string(fields, key).map(|(s, _)| s)
    }

    fn array<'a, 'i>(
        &mut self,
        fields: &Fields<'a, 'i>,
        key: &str,
        expected: &str,
    ) -> &'a [Value<'i>] {
        match fields.get(key) {
            None => &[],
            Some(value) => match value.get_ref() {
                DeValue::Array(items) => items.as_ref(),
                _ => {
                    self.wrong_type(fields, key, expected, value);
                    &[]
                }
            },
        }
    }

    /// The strings of an array of strings (others reported), with their spans.
    fn string_items<'a, 'i>(
        &mut self,
        fields: &Fields<'a, 'i>,
        key: &str,
    ) -> Vec<(&'a DeString<'i>, Span)> {
        let items = self.array(fields, key, "an array of strings");
        let mut strings = Vec::with_capacity(items.len());
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => strings.push((s, self.span(item))),
                _ => self.wrong_type(fields, key, "an array of strings", item),
            }
        }
        strings
    }

    fn names(&mut self, fields: &Fields, key: &str) -> Vec<Name> {
        let items = self.string_items(fields, key);
        items
            .into_iter()
            .map(|(s, span)| self.name(s, span))
            .collect()
    }

    fn hours(&mut self, fields: &Fields) -> Option<(f64, Span)> {
        let value = fields.get("hours")?;
        let number = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .map(|i| i as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => None,
        };
        match number {
            Some(h) if h.is_finite() => Some((h, self.span(value))),
            _ => {
                self.wrong_type(fields, "hours", "a finite number", value);
                None
            }
        }
    }

    fn i18n(&mut self, fields: &Fields) -> I18n {
        let mut i18n = I18n::new();
        let Some(value) = fields.get("i18n") else {
            return i18n;
        };
        let DeValue::Table(langs) = value.get_ref() else {
            self.wrong_type(fields, "i18n", "a table of languages", value);
            return i18n;
        };
        for (lang, texts) in langs {
            let DeValue::Table(table) = texts.get_ref() else {
                let what = Fields {
                    what: "i18n",
                    ..*fields
                };
                self.wrong_type(&what, lang.get_ref(), "a table (`title`, `summary`)", texts);
                continue;
            };
            let inner = self.fields(table, self.span(texts), "a translation", TRANSLATION_KEYS);
            let translation = Translation {
                title: self.optional_string(&inner, "title"),
                summary: self.optional_string(&inner, "summary"),
            };
            if let Some(finding) =
                lang_finding("finding-invalid-i18n-lang", lang.get_ref(), self.span(lang))
            {
                self.push(finding);
                continue;
            }
            i18n.insert(lang.get_ref().to_string(), translation);
        }
        i18n
    }

    /// The tables of an array of tables such as `[[topic]]`, with each one's header span.
    fn tables<'a, 'i>(&mut self, key: &str, value: &'a Value<'i>) -> Vec<(&'a DeTable<'i>, Span)> {
        let DeValue::Array(items) = value.get_ref() else {
            self.push(
                Finding::new(
                    FindingKind::WrongType,
                    msg!(
                        "finding-not-array-of-tables",
                        key = key,
                        found = phrase(value.get_ref().type_str())
                    ),
                )
                .at(self.span(value))
                .help(msg!("help-array-of-tables", key = key)),
            );
            // A lone `[stage]` is read as the one table it plainly means, so that the mistake is
            // reported once instead of as an unknown stage for every topic.
            return match value.get_ref() {
                DeValue::Table(t) => vec![(t, self.span(value))],
                _ => Vec::new(),
            };
        };
        let mut tables = Vec::with_capacity(items.len());
        for item in items {
            match item.get_ref() {
                DeValue::Table(t) => tables.push((t, self.span(item))),
                other => self.push(
                    Finding::new(
                        FindingKind::WrongType,
                        msg!(
                            "finding-not-a-table",
                            key = key,
                            found = phrase(other.type_str())
                        ),
                    )
                    .at(self.span(item)),
                ),
            }
        }
        tables
    }

    fn document(&mut self, root: &DeTable) -> (Option<Meta>, Vec<Stage>, Vec<Topic<Name>>) {
        let fields = self.fields(
            root,
            Span::new(self.file, self.base..self.base),
            "the roadmap file",
            DOCUMENT_KEYS,
        );
        let meta = fields.get("roadmap").and_then(|value| {
            if let DeValue::Table(t) = value.get_ref() {
                return Some(self.meta(t, self.span(value)));
            }
            self.push(
                Finding::new(
                    FindingKind::RoadmapTable,
                    msg!(
                        "finding-roadmap-not-table",
                        found = phrase(value.get_ref().type_str())
                    ),
                )
                .at(self.span(value))
                .help(msg!("help-roadmap-table")),
            );
            // `[[roadmap]]` still says what the title is: read its first table, so the mistake
            // is reported once, not again as a missing `[roadmap]`.
            match value.get_ref() {
                DeValue::Array(items) => items.iter().find_map(|item| match item.get_ref() {
                    DeValue::Table(t) => Some(self.meta(t, self.span(item))),
                    _ => None,
                }),
                _ => None,
            }
        });
        let stages = match fields.get("stage") {
            Some(v) => self
                .tables("stage", v)
                .into_iter()
                .map(|(t, header)| self.stage(t, header))
                .collect(),
            None => Vec::new(),
        };
        let topics = match fields.get("topic") {
            Some(v) => self
                .tables("topic", v)
                .into_iter()
                .map(|(t, header)| self.topic(t, header))
                .collect(),
            None => Vec::new(),
        };
        (meta, stages, topics)
    }

    fn meta(&mut self, table: &DeTable, header: Span) -> Meta {
        let fields = self.fields(table, header, "[roadmap]", META_KEYS);
        let (title, summary, texts) = self.texts(&fields);
        Meta {
            title: title.unwrap_or_default(),
            summary,
            i18n: self.i18n(&fields),
            span: header,
            texts,
        }
    }

    fn stage(&mut self, table: &DeTable, header: Span) -> Stage {
        let fields = self.fields(table, header, "a stage", STAGE_KEYS);
        let (id, id_span) = self.required_id(&fields, "id");
        let (title, summary, texts) = self.texts(&fields);
        Stage {
            title: title.unwrap_or_else(|| id.clone()),
            id,
            id_span,
            summary,
            i18n: self.i18n(&fields),
            span: header,
            texts,
        }
    }

    fn topic(&mut self, table: &DeTable, header: Span) -> Topic<Name> {
        let fields = self.fields(table, header, "a topic", TOPIC_KEYS);
        let (id, id_span) = self.required_id(&fields, "id");
        let (title, summary, texts) = self.texts(&fields);
        let stage = self.required_name(&fields, "stage");
        let kind = self.kind(&fields);
        let hours = self.hours(&fields);
        Topic {
            title: title.unwrap_or_else(|| id.clone()),
            id,
            id_span,
            stage,
            kind,
            hours: hours.map(|h| h.0),
            hours_span: hours.map(|h| h.1),
            summary,
            requires: self.requires(&fields),
            recommends: self.names(&fields, "recommends"),
            tags: self
                .string_items(&fields, "tags")
                .into_iter()
                .map(|(s, _)| printable(s).into_owned())
                .collect(),
            i18n: self.i18n(&fields),
            resources: self.resources(&fields),
            span: header,
            texts,
        }
    }

    fn kind(&mut self, fields: &Fields) -> TopicKind {
        let Some((name, span)) = self.string(fields, "kind") else {
            return TopicKind::default();
        };
        TopicKind::parse(&name).unwrap_or_else(|| {
            self.push(
                Finding::new(
                    FindingKind::WrongType,
                    msg!("finding-topic-kind", name = name.as_str()),
                )
                .at(span)
                .suggest(suggest(&name, TopicKind::NAMES)),
            );
            TopicKind::default()
        })
    }

    fn requires(&mut self, fields: &Fields) -> Vec<Requirement<Name>> {
        const EXPECTED: &str = "an array of topic ids and `{ one_of = [...] }` tables";
        let items = self.array(fields, "requires", EXPECTED);
        let mut requires = Vec::with_capacity(items.len());
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => {
                    requires.push(Requirement::Topic(self.name(s, self.span(item))))
                }
                DeValue::Table(t) => {
                    let group = self.fields(t, self.span(item), "a `requires` entry", ONE_OF_KEYS);
                    match group.get("one_of").map(|v| v.get_ref()) {
                        None => {
                            self.missing(&group, "one_of");
                            continue;
                        }
                        Some(DeValue::Array(_)) => {}
                        // Reported by `names`; an entry of the wrong type is not also empty.
                        Some(_) => {
                            self.names(&group, "one_of");
                            continue;
                        }
                    }
                    requires.push(Requirement::OneOf(Box::new(Group {
                        alternatives: self.names(&group, "one_of"),
                        span: self.span(item),
                    })));
                }
                _ => self.wrong_type(fields, "requires", EXPECTED, item),
            }
        }
        requires
    }

    fn resources(&mut self, fields: &Fields) -> ThinVec<Resource> {
        let Some(value) = fields.get("resources") else {
            return ThinVec::new();
        };
        let tables = self.tables("topic.resources", value);
        let mut resources = ThinVec::with_capacity(tables.len());
        for (table, header) in tables {
            let fields = self.fields(table, header, "a resource", RESOURCE_KEYS);
            let title = self.required_string(&fields, "title");
            let url = self.required_string(&fields, "url");
            let kind = self.string(&fields, "kind").and_then(|(name, span)| {
                let kind = ResourceKind::parse(&name);
                if kind.is_none() {
                    self.push(
                        Finding::new(
                            FindingKind::WrongType,
                            msg!(
                                "finding-resource-kind",
                                kinds = ResourceKind::NAMES.join(", "),
                                name = name.as_str()
                            ),
                        )
                        .at(span)
                        .suggest(suggest(&name, ResourceKind::NAMES)),
                    );
                }
                kind
            });
            let lang = self.string(&fields, "lang").and_then(|(code, span)| {
                let Some(finding) = lang_finding("finding-invalid-lang", &code, span) else {
                    return Some(code);
                };
                self.push(finding);
                None
            });
            let free = self.boolean(&fields, "free").unwrap_or(true);
            if let (Some((title, title_span)), Some((url, url_span))) = (title, url) {
                resources.push(Resource {
                    title,
                    url,
                    kind,
                    lang,
                    free,
                    title_span,
                    url_span,
                });
            }
        }
        resources
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_is_in_the_catalogues() {
        for ui in crate::i18n::Ui::ALL {
            let loc = crate::i18n::Localizer::get(ui);
            for (english, id) in PHRASES {
                assert!(loc.has(id), "{id}");
                if ui == crate::i18n::Ui::En {
                    assert_eq!(loc.t(id), english);
                }
            }
        }
    }

    fn parse_one(text: &str) -> (Document, Vec<Finding>) {
        parse(vec![("t.toml".into(), text.as_bytes().to_vec())]).unwrap()
    }

    #[test]
    fn reads_every_key() {
        let (doc, findings) = parse_one(
            r#"
[roadmap]
title = "T"
[[stage]]
id = "s"
title = "S"
i18n.zh.title = "阶段"
[[topic]]
id = "a"
title = "A"
stage = "s"
kind = "role"
hours = 1_0
summary = "x"
requires = ["b", { one_of = ["c", "d"] }]
recommends = ["e"]
tags = ["t"]
[[topic.resources]]
title = "R"
url = "https://example.org/"
kind = "book"
lang = "zh-Hans"
free = false
[[topic.resources]]
title = "R2"
url = "https://example.org/2"
"#,
        );
        assert!(findings.is_empty(), "{findings:?}");
        let t = &doc.topics[0];
        assert_eq!(t.kind, TopicKind::Role);
        assert_eq!(t.hours, Some(10.0));
        assert_eq!(t.requires.len(), 2);
        assert_eq!(t.requires[1].topics().len(), 2);
        assert_eq!(t.resources[0].kind, Some(ResourceKind::Book));
        assert_eq!(t.resources[0].lang.as_deref(), Some("zh-Hans"));
        assert!(!t.resources[0].free);
        assert_eq!(t.resources[1].lang, None);
        assert!(t.resources[1].free, "free unless marked");
        assert_eq!(doc.stages[0].title_in(Some("zh")), "阶段");
    }

    #[test]
    fn reports_all_structural_problems_at_once() {
        let (_, findings) = parse_one(
            "[[topic]]\nid = 1\ntitel = \"x\"\nhours = \"2\"\nrequires = [{ any = [\"a\"] }]\n",
        );
        let kinds: Vec<_> = findings.iter().map(|f| f.kind.as_str()).collect();
        assert!(kinds.contains(&"wrong-type"), "{kinds:?}");
        assert!(kinds.contains(&"unknown-key"), "{kinds:?}");
        assert!(kinds.contains(&"missing-key"), "{kinds:?}");
        let titel = findings
            .iter()
            .find(|f| f.message.english().contains("titel"))
            .unwrap();
        assert_eq!(titel.suggestion.as_deref(), Some("title"));
    }

    #[test]
    fn names_are_read_from_the_source_or_decoded() {
        let (doc, _) = parse_one(
            "[[topic]]\nid = \"x\"\nrequires = [\"plain\", \"esc\\u0061ped\", 'literal', \"\"]\n",
        );
        let names: Vec<&str> = doc.topics[0]
            .requires
            .iter()
            .flat_map(|r| r.topics())
            .map(|n| n.as_str(&doc.sources))
            .collect();
        assert_eq!(names, ["plain", "escaped", "literal", ""]);
    }

    #[test]
    fn missing_names_are_marked() {
        let (doc, _) = parse_one("[[topic]]\ntitle = \"x\"\n");
        assert!(doc.topics[0].stage.is_missing());
        assert!(doc.topics[0].id.is_empty());
    }

    /// A roadmap large enough to be parsed in pieces, with `extra` appended to the last topic.
    fn big(extra: &str) -> String {
        let mut s =
            String::from("[roadmap]\ntitle = \"Big\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n");
        let mut i = 0;
        while s.len() < PIECEWISE_FROM + 100_000 {
            s.push_str(&format!(
                "[[topic]]\nid = \"t{i}\"\ntitle = \"Topic {i} é\"\nstage = \"s\"\nhours = 1\nrequires = [{}]\n\
                 [[topic.resources]]\ntitle = \"r\"\nurl = \"https://example.org/{i}\"\n",
                if i > 0 { format!("\"t{}\"", i - 1) } else { String::new() }
            ));
            i += 1;
        }
        s.push_str(extra);
        s
    }

    fn summary(part: &Part) -> Vec<(String, Span, usize, usize)> {
        part.topics
            .iter()
            .map(|t| (t.id.clone(), t.id_span, t.requires.len(), t.resources.len()))
            .collect()
    }

    #[test]
    fn pieces_give_what_the_whole_file_gives() {
        let text = big("");
        let whole = parse_piece(&text, 0, 0);
        let pieces = parse_in_pieces(&text, 0).expect("a large file is parsed in pieces");
        assert!(whole.findings.is_empty() && pieces.findings.is_empty());
        assert_eq!(summary(&pieces), summary(&whole));
        assert_eq!(pieces.stages.len(), 1);
        assert!(pieces.meta.is_some());
    }

    #[test]
    fn anything_unusual_falls_back_to_the_whole_file() {
        // A multi-line string holding a `[[topic]]` line: a cut there breaks a piece.
        let tricky = "[[topic]]\nid = \"last\"\ntitle = \"L\"\nstage = \"s\"\nsummary = \"\"\"\n[[topic]]\nnot a header\"\"\"\n";
        assert!(
            parse_in_pieces(&big(tricky), 0).is_none() || {
                let text = big(tricky);
                let p = parse_in_pieces(&text, 0).unwrap();
                summary(&p) == summary(&parse_piece(&text, 0, 0))
            }
        );
        // A syntax error: the whole file is parsed, so the error is the one TOML reports.
        assert!(parse_in_pieces(&big("[[topic]]\nid = \"x\n"), 0).is_none());
        // Something other than topics after the first piece: whole-file rules apply.
        assert!(parse_in_pieces(&big("[roadmap]\ntitle = \"Again\"\n"), 0).is_none());
        // Topics declared inline before `[[topic]]` headers: a duplicate key for TOML (many
        // stages first, so that the first piece ends before the first `[[topic]]`).
        let stages: String = (0..20_000)
            .map(|i| format!("[[stage]]\nid = \"x{i}\"\ntitle = \"X\"\n"))
            .collect();
        let inline_first = format!("topic = []\n{stages}{}", big(""));
        assert!(parse_in_pieces(&inline_first, 0).is_none());
        let (_, findings) = parse(vec![("big.toml".into(), inline_first.into_bytes())]).unwrap();
        assert!(
            findings.iter().any(|f| f.kind == FindingKind::Syntax),
            "{findings:?}"
        );
    }

    /// What the event-stream loader reads from `text` in pieces, and from the whole of it.
    fn stream_both_ways(text: &str) -> (Option<Part>, Part) {
        let whole = match stream::read(text, 0, 0) {
            Ok(read) => from_stream(read.part),
            Err(e) => syntax_error(text, e.message, 0, e.range),
        };
        (read_in_pieces(text, 0), whole)
    }

    #[test]
    fn pieces_read_through_the_stream_give_what_the_whole_file_gives() {
        let (pieces, whole) = stream_both_ways(&big(""));
        let pieces = pieces.expect("a large file is read in pieces");
        assert!(whole.findings.is_empty() && pieces.findings.is_empty());
        assert_eq!(summary(&pieces), summary(&whole));
        assert_eq!(pieces.stages.len(), 1);
        assert!(pieces.meta.is_some());
        // The room made for each piece's topics comes from counting `[[topic]]` lines: more
        // topics than counted (headers spelled otherwise) and fewer (such lines inside a
        // multi-line string) give the same roadmap.
        let other_spellings = big("").replace("[[topic]]\nid = \"t1", "[[ topic ]]\nid = \"t1");
        let in_strings = big("").replacen(
            "requires = [\"t0\"]\n",
            "requires = [\"t0\"]\nsummary = \"\"\"\nx\n[[topic]]\n\"\"\"\n",
            1,
        );
        for text in [other_spellings, in_strings] {
            let (pieces, whole) = stream_both_ways(&text);
            let pieces = pieces.expect("the first piece is read on its own");
            assert!(pieces.findings.is_empty() && whole.findings.is_empty());
            assert_eq!(summary(&pieces), summary(&whole));
        }
        // A piece that cannot be read, or holds more than topics: the whole file is read.
        assert!(stream_both_ways(&big("[[topic]]\nid = \"x\n")).0.is_none());
        assert!(
            stream_both_ways(&big("[roadmap]\ntitle = \"Again\"\n"))
                .0
                .is_none()
        );
    }

    #[test]
    fn pieces_read_out_of_order_are_joined_in_order() {
        let read = |text: &str| stream::read(text, 0, 0);
        let topic = |id: &str| format!("[[topic]]\nid = \"{id}\"\ntitle = \"T\"\nstage = \"s\"\n");
        let first = format!("[[stage]]\nid = \"s\"\ntitle = \"S\"\n{}", topic("a"));
        let mut joining = Joining {
            whole: Part::default(),
            read: vec![None, None, None],
            joined: 0,
            failed: false,
        };
        assert!(joining.take(2, read(&topic("c"))));
        assert!(joining.take(1, read(&topic("b"))));
        assert_eq!(
            joining.joined, 0,
            "nothing is joined before the first piece"
        );
        assert!(joining.take(0, read(&first)));
        assert_eq!(joining.joined, 3);
        let ids: Vec<&str> = joining.whole.topics.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(joining.whole.stages.len(), 1);
        // A later piece with more than topics, or one that cannot be read, ends the reading.
        let mut joining = Joining {
            whole: Part::default(),
            read: vec![None, None],
            joined: 0,
            failed: false,
        };
        assert!(joining.take(0, read(&first)));
        assert!(!joining.take(1, read("[roadmap]\ntitle = \"R\"\n")));
        let mut joining = Joining {
            whole: Part::default(),
            read: vec![None, None],
            joined: 0,
            failed: false,
        };
        assert!(!joining.take(1, read("id = \"x\n")));
        assert!(!joining.take(0, read(&first)));
        assert_eq!(joining.joined, 0);
    }

    #[test]
    fn spans_in_pieces_point_into_the_file() {
        let text = big("");
        let (doc, findings) = parse(vec![("big.toml".into(), text.clone().into_bytes())]).unwrap();
        assert!(findings.is_empty());
        let last = doc.topics.last().unwrap();
        let at = last.id_span;
        assert_eq!(
            &text[at.start as usize..at.end as usize],
            format!("\"{}\"", last.id)
        );
    }

    /// What a loader gives, comparably: the topics' ids and spans, how many stages and
    /// `[roadmap]` tables, and every finding's kind, span and message.
    type Loaded = (
        Vec<(String, Span)>,
        usize,
        usize,
        Vec<(FindingKind, Option<Span>, String)>,
    );
    fn loaded((doc, findings): (Document, Vec<Finding>)) -> Loaded {
        (
            doc.topics
                .iter()
                .map(|t| (t.id.clone(), t.id_span))
                .collect(),
            doc.stages.len(),
            doc.meta.len(),
            findings
                .iter()
                .map(|f| (f.kind, f.span, f.message.english()))
                .collect(),
        )
    }

    #[test]
    fn reading_in_chunks_gives_what_reading_in_one_go_gives() {
        let texts = [
            "[roadmap]\ntitle = \"R\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\n\
             [[topic]]\nid = \"a\"\ntitle = \"A\"\nstage = \"s\"\n\
             [[topic]]\nid = \"b\"\ntitle = \"B\"\nstage = \"s\"\nrequires = [\"a\"]\ntitel = 1\n",
            "[[topic]]\nid = \"a\"\ntitle = \"A\n",
        ];
        for text in texts {
            let files = || vec![("t.toml".to_string(), text.as_bytes().to_vec())];
            let whole = loaded(parse(files()).unwrap());
            assert!(!whole.3.is_empty(), "each text has a finding");
            for chunk_tokens in [1, 5, 1000] {
                assert_eq!(
                    loaded(parse_in_chunks(files(), chunk_tokens).unwrap()),
                    whole
                );
            }
        }
    }

    #[test]
    fn the_tree_loader_reports_a_syntax_error_as_the_stream_loader_does() {
        // The oracle of the differential tests: a syntax error is its one finding, where the
        // loader puts it, for a small file and for a large one (parsed whole after its pieces).
        for text in [
            "[[topic]]\nid = \"a\"\ntitle = \"A\n".to_string(),
            big("[[topic]]\nid = \"x\n"),
        ] {
            let files = || vec![("t.toml".to_string(), text.as_bytes().to_vec())];
            let tree = loaded(parse_with_toml_tree(files()).unwrap());
            assert_eq!(tree.3.len(), 1, "{:?}", tree.3);
            assert_eq!(tree.3[0].0, FindingKind::Syntax);
            assert_eq!(tree, loaded(parse(files()).unwrap()));
        }
    }

    #[test]
    fn an_open_string_is_reported_where_its_closing_quote_is_missing() {
        // `title = "a\"` then LF, CRLF or the end of the file: the same message each way; with LF
        // the caret on the line's end just after the escaped quote, at the end of the file there.
        for end in ["\n", "\r\n", ""] {
            let text = format!("[[topic]]\nid = \"x\"\ntitle = \"a\\\"{end}");
            let (_, findings) = parse_one(&text);
            assert_eq!(findings.len(), 1, "{end:?}: {findings:?}");
            let f = &findings[0];
            assert_eq!(f.kind, FindingKind::Syntax);
            assert!(
                f.message
                    .english()
                    .ends_with("invalid basic string, expected `\"`"),
                "{end:?}: {}",
                f.message.english()
            );
            // With CRLF, `toml_parser` says so itself, at a place of its own.
            if end == "\r\n" {
                continue;
            }
            let at = text.rfind('"').unwrap() as u32 + 1;
            let span = f.span.unwrap();
            assert_eq!(
                (span.start, span.end),
                (at, at + end.len() as u32),
                "{end:?}"
            );
        }
    }

    #[test]
    fn a_large_file_is_cut_at_topic_lines_about_every_piece_size() {
        // Below `PIECEWISE_FROM` bytes a file is read in one go; from there on, in pieces.
        let topic = "[[topic]]\nid = \"t\"\ntitle = \"T\"\n";
        let mut text = String::from("[roadmap]\ntitle = \"R\"\n");
        while text.len() + topic.len() + 10 < PIECEWISE_FROM {
            text.push_str(topic);
        }
        text.push('#');
        text.push_str(&"x".repeat(PIECEWISE_FROM.saturating_sub(text.len() + 1)));
        text.push('\n');
        assert_eq!(text.len(), PIECEWISE_FROM);
        assert!(cuts(&text).is_some());
        assert!(cuts(&text[..text.len() - 1]).is_none());
        // Pieces of `PIECE_BYTES`, or smaller so that every thread gets about four, each ending
        // where a `[[topic]]` line starts after that size.
        let text = big("");
        let threads = crate::parallel::cores();
        let target = PIECE_BYTES.min(text.len() / (threads * 4).max(2) + 1);
        let longest_topic = text.split("\n[[topic]]").map(str::len).max().unwrap();
        let pieces = cuts(&text).unwrap();
        assert!(pieces.len() >= 2);
        assert_eq!(pieces[0].range.start, 0);
        assert_eq!(pieces.last().unwrap().range.end, text.len());
        for (i, piece) in pieces.iter().enumerate() {
            let t = &text[piece.range.clone()];
            if i > 0 {
                assert_eq!(pieces[i - 1].range.end, piece.range.start);
                assert!(t.starts_with("[[topic]]\n"), "piece {i}");
            }
            if i + 1 < pieces.len() {
                assert!(t.len() >= target, "piece {i}: {} bytes", t.len());
                assert!(
                    t.len() < target + longest_topic + 10,
                    "piece {i}: {} bytes",
                    t.len()
                );
            }
            let topics = t.lines().filter(|l| l.starts_with("[[topic]]")).count();
            assert_eq!(piece.topics, topics, "piece {i}");
        }
    }

    #[test]
    fn reading_stops_at_the_limit_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let ten = dir.path().join("ten.toml");
        std::fs::write(&ten, b"0123456789").unwrap();
        let too_large = |r: std::io::Result<Vec<u8>>| {
            r.is_err_and(|e| e.kind() == std::io::ErrorKind::FileTooLarge)
        };
        // A regular file of exactly the limit is read whole; one byte more is refused.
        assert_eq!(read_bounded(&ten, 10).unwrap(), b"0123456789");
        assert_eq!(read_bounded(&ten, 11).unwrap(), b"0123456789");
        assert!(too_large(read_bounded(&ten, 9)));
        // Anything else is read until it passes the limit.
        assert!(too_large(read_bounded(Path::new("/dev/zero"), 5)));
        assert_eq!(read_bounded(Path::new("/dev/null"), 0).unwrap(), b"");
        // The files of a roadmap share one budget: what one takes is left to the others.
        let mut budget = Budget { left: 15 };
        assert_eq!(budget.read(&ten).unwrap().len(), 10);
        assert!(matches!(budget.read(&ten), Err(Error::TooLarge { .. })));
        let mut budget = Budget { left: 20 };
        assert_eq!(budget.read(&ten).unwrap().len(), 10);
        assert_eq!(budget.read(&ten).unwrap().len(), 10);
        assert!(matches!(
            budget.read(&dir.path().join("none.toml")),
            Err(Error::Read { .. })
        ));
        // A roadmap of several MiB is well within `MAX_BYTES`.
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; 3 << 20]).unwrap();
        assert_eq!(read(&Origin::Path(big)).unwrap()[0].1.len(), 3 << 20);
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_pointed_at() {
        for (bytes, at) in [(&b"\xFF[[topic]]\n"[..], 0), (&b"# caf\xE9\n"[..], 5)] {
            let (_, findings) = parse(vec![("t.toml".into(), bytes.to_vec())]).unwrap();
            assert_eq!(findings.len(), 1, "{findings:?}");
            assert_eq!(findings[0].kind, FindingKind::Syntax);
            let span = findings[0].span.unwrap();
            assert_eq!((span.start, span.end), (at, at + 1));
        }
    }

    #[test]
    fn default_roadmap_is_embedded_in_path_order() {
        let files = default_files();
        assert!(!files.is_empty());
        assert!(files.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
