//! One roadmap file read by receiving `toml_parser`'s events directly into the document model:
//! no tree of TOML values is built, only the roadmap's own types, and nothing at all for the
//! values of keys the format does not know (so a huge unknown array costs no memory).
//!
//! TOML's rules beyond its grammar (duplicate keys, tables defined twice, dotted keys into
//! tables, arrays of tables) are the `toml` crate's, applied in the same order, so a file is
//! accepted or rejected exactly as `toml` does and the first error is the one `toml` reports:
//! the parser's own errors come before any error found while decoding keys and values or
//! placing them (as in `toml`, which builds its tree after the parser has run), and among the
//! latter the first in `toml`'s order wins.
//!
//! What TOML makes of the file is kept as a *skeleton*: every table that can still be reached
//! (the root, tables defined by headers or dotted keys, and the last table of each array of
//! tables), each with its keys and the type and span of each value. A table that can no longer be
//! reached (the previous `[[topic]]` once the next begins, an inline table once closed) is turned
//! into a roadmap type, with the same findings as ever, and dropped.
//!
//! The parser needs its tokens in a slice; they are lexed and parsed in chunks of a bounded
//! number of tokens, cut where the parser is between two lines of the document, or just after a
//! comma inside arrays and inline tables (the chunk is then parsed inside made-up brackets that
//! reopen them, whose events are dropped). A cut is only trusted while the file has no syntax
//! error, which is all that matters: the first error is found before any wrong cut.

use std::borrow::Cow;
use std::cell::Cell;
use std::str::FromStr;

use thin_vec::ThinVec;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::{Token, TokenKind};
use toml_parser::parser::{EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, Expected, ParseError, Raw, Source};

use super::{lang_finding, phrase};
use crate::diagnostic::{Finding, FindingKind};
use crate::model::{
    Group, I18n, Meta, Name, Requirement, Resource, ResourceKind, Stage, TextSpans, Topic,
    TopicKind, Translation,
};
use crate::msg;
use crate::source::{Span, printable};
use crate::suggest::{suggest, suggest_key};

/// How deep arrays and inline tables may nest, and how many parts a key may have: `toml`'s own
/// limit, so that the same files are refused.
const LIMIT: u32 = 80;

/// Tokens parsed at a time. Tokens take 24 bytes each, so a chunk's tokens take 96 KiB: under
/// the 128 KiB from which glibc serves a block with `mmap`. Freeing such a block raises that
/// threshold to its size for the rest of the run, and the allocator then keeps megabytes
/// more (3 MB of 85 at 100,000 topics: see [`crate::load`]'s `PIECE_BYTES`).
const CHUNK_TOKENS: usize = 1 << 12;

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
const REQUIRES_EXPECTED: &str = "an array of topic ids and `{ one_of = [...] }` tables";

/// What one file, or one piece of a file, says.
#[derive(Default)]
pub(crate) struct Part {
    pub meta: Option<Meta>,
    pub stages: Vec<Stage>,
    pub topics: Vec<Topic<Name>>,
    pub findings: Vec<Finding>,
}

/// The first TOML error of a file: `toml`'s message, and where (offsets in the file).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TomlError {
    pub message: String,
    pub range: std::ops::Range<usize>,
}

/// A file read: its part of the roadmap, and what its root holds, for joining pieces.
pub(crate) struct Read {
    pub part: Part,
    /// The root table holds nothing but `topic`, as an array of tables.
    pub only_topics: bool,
    /// The root table has no `topic`, or has it as an array of tables.
    pub topics_by_header: bool,
}

/// Reads `text`, which starts at byte `base` of file `file`.
pub(crate) fn read(text: &str, file: u32, base: usize) -> Result<Read, TomlError> {
    read_in_chunks(text, file, base, CHUNK_TOKENS, 0)
}

/// [`read`], with room made at once for `topics` `[[topic]]` tables: a list grown one topic at
/// a time is copied at every doubling, and holds up to twice the memory it needs.
pub(crate) fn read_with_room(
    text: &str,
    file: u32,
    base: usize,
    topics: usize,
) -> Result<Read, TomlError> {
    read_in_chunks(text, file, base, CHUNK_TOKENS, topics)
}

/// [`read`], parsing at most about `chunk_tokens` tokens at a time (tests cut everywhere).
pub(crate) fn read_in_chunks(
    text: &str,
    file: u32,
    base: usize,
    chunk_tokens: usize,
    topics: usize,
) -> Result<Read, TomlError> {
    // The caller drops one byte-order mark; `toml_parser` would silently skip a second.
    if base == 0 && text.starts_with('\u{feff}') {
        return Err(TomlError {
            message: "a byte-order mark is only allowed at the start of the file".into(),
            range: 0..3,
        });
    }
    let failed = Cell::new(false);
    let mut syntax: Option<TomlError> = None;
    let mut loader = Loader {
        cx: Cx {
            text,
            file,
            base,
            topics,
            findings: Vec::new(),
        },
        root: TableNode::new(Span::new(file, base..base), Role::Root),
        scratch: TableNode::new(Span::default(), Role::Ignored),
        current: Some(Vec::new()),
        header: None,
        pending_finish: None,
        keys: Vec::new(),
        spare_path: Vec::new(),
        doc: None,
        frames: Vec::new(),
        error: None,
        overflow: None,
        failed: &failed,
    };
    let mut tokens: Vec<Token> = Vec::with_capacity(chunk_tokens.min(text.len() / 3 + 16));
    let mut scan = Scanner::default();
    let mut chunk_start = 0;
    let mut start_stack: Vec<u8> = Vec::new();
    for token in Source::new(text).lex() {
        tokens.push(token);
        // Cuts between lines are the cheap ones (a chunk that starts or ends inside brackets is
        // lexed again inside made-up ones): cut inside brackets only in a line far too long.
        let cut = match scan.step(&token) {
            Cut::No => false,
            Cut::Line => tokens.len() >= chunk_tokens,
            Cut::Inside => tokens.len() >= 4 * chunk_tokens,
        };
        if cut {
            let end = token.span().end();
            let chunk = Chunk {
                tokens: &tokens,
                range: chunk_start..end,
                start: &start_stack,
                end: &scan.stack,
            };
            chunk.parse(&mut loader, &mut syntax, &failed);
            if let Some(e) = syntax {
                return Err(e);
            }
            tokens.clear();
            chunk_start = end;
            start_stack.clone_from(&scan.stack);
        }
    }
    let chunk = Chunk {
        tokens: &tokens,
        range: chunk_start..text.len(),
        start: &start_stack,
        end: &[],
    };
    chunk.parse(&mut loader, &mut syntax, &failed);
    drop(tokens);
    if let Some(e) = syntax {
        return Err(e);
    }
    loader.finish()
}

/// A run of tokens parsed in one go.
struct Chunk<'a> {
    tokens: &'a [Token],
    /// The text the tokens cover.
    range: std::ops::Range<usize>,
    /// The arrays (`[`) and inline tables (`{`) open where the chunk starts and where it ends.
    start: &'a [u8],
    end: &'a [u8],
}

impl Chunk<'_> {
    fn parse(&self, loader: &mut Loader, syntax: &mut Option<TomlError>, failed: &Cell<bool>) {
        let text = loader.cx.text;
        if self.start.is_empty() && self.end.is_empty() {
            let map = Map {
                prefix: 0,
                start: 0,
                len: text.len(),
                base: loader.cx.base,
                closed: false,
            };
            parse_tokens(self.tokens, text, map, loader, syntax, failed);
            return;
        }
        // Reopen what is open at the start behind a made-up key, and close what is open at the
        // end; those brackets' events are dropped (`Map::is_made_up`).
        let mut made = String::new();
        if !self.start.is_empty() {
            made.push_str("x=");
        }
        for (i, open) in self.start.iter().enumerate() {
            made.push(*open as char);
            if *open == b'{' && i + 1 < self.start.len() {
                made.push_str("k=");
            }
        }
        let prefix = made.len();
        made.push_str(&text[self.range.clone()]);
        for open in self.end.iter().rev() {
            made.push(if *open == b'{' { '}' } else { ']' });
        }
        let tokens = Source::new(&made).lex().into_vec();
        let map = Map {
            prefix,
            start: self.range.start,
            len: self.range.len(),
            base: loader.cx.base,
            closed: !self.end.is_empty(),
        };
        parse_tokens(&tokens, &made, map, loader, syntax, failed);
    }
}

fn parse_tokens(
    tokens: &[Token],
    src: &str,
    map: Map,
    loader: &mut Loader,
    syntax: &mut Option<TomlError>,
    failed: &Cell<bool>,
) {
    let source = Source::new(src);
    let mut sink = Sink {
        first: syntax,
        map,
        failed: Some(failed),
    };
    let mut receiver = Receiver { loader, src, map };
    let mut whitespace = ValidateWhitespace::new(&mut receiver, source);
    let mut guard = RecursionGuard::new(&mut whitespace, LIMIT);
    toml_parser::parser::parse_document(tokens, &mut guard, &mut sink);
}

/// Where a chunk's text is in the file.
#[derive(Clone, Copy)]
struct Map {
    /// Made-up text before the file's (zero for a plain chunk).
    prefix: usize,
    /// The chunk's offset in the text being read, and its length.
    start: usize,
    len: usize,
    /// The offset of the text being read in its file.
    base: usize,
    /// Made-up closing brackets follow the file's text (not so in the last chunk, where an
    /// event at the very end is the file's: a value missing at the end of the file).
    closed: bool,
}

impl Map {
    /// An offset in the chunk's source as an offset in the text being read.
    fn local(&self, offset: usize) -> usize {
        offset.saturating_sub(self.prefix).min(self.len) + self.start
    }

    fn file(&self, offset: usize) -> usize {
        self.base + self.local(offset)
    }

    /// Whether an event comes from the made-up brackets around a chunk.
    fn is_made_up(&self, span: toml_parser::Span) -> bool {
        span.start() < self.prefix || (self.closed && span.start() >= self.prefix + self.len)
    }

    fn span(&self, file: u32, span: toml_parser::Span) -> Span {
        Span::new(file, self.file(span.start())..self.file(span.end()))
    }
}

/// Keeps the first error reported, as `toml` does.
struct Sink<'a> {
    first: &'a mut Option<TomlError>,
    map: Map,
    /// Set on the parser's errors, so that the receiver stops building.
    failed: Option<&'a Cell<bool>>,
}

impl ErrorSink for Sink<'_> {
    fn report_error(&mut self, error: ParseError) {
        if let Some(failed) = self.failed {
            failed.set(true);
        }
        if self.first.is_none() {
            *self.first = Some(toml_error(&error, self.map));
        }
    }
}

/// `toml`'s message for a parser error (`toml::de::Error`).
fn toml_error(error: &ParseError, map: Map) -> TomlError {
    let mut message = error.description().to_owned();
    if let Some(expected) = error.expected() {
        message.push_str(", expected ");
        if expected.is_empty() {
            message.push_str("nothing");
        }
        for (i, e) in expected.iter().enumerate() {
            if i != 0 {
                message.push_str(", ");
            }
            match e {
                Expected::Literal(literal) => message.push_str(&render_literal(literal)),
                Expected::Description(d) => message.push_str(d),
                _ => message.push_str("etc"),
            }
        }
    }
    let range = error
        .unexpected()
        .map_or(0..0, |s| map.file(s.start())..map.file(s.end()));
    TomlError { message, range }
}

/// An error placing a key (as `toml` words it), at the key.
fn place_error(message: impl Into<String>, key: Option<&Key>) -> TomlError {
    TomlError {
        message: message.into(),
        range: key.map_or(0..0, |k| k.span.start as usize..k.span.end as usize),
    }
}

fn render_literal(literal: &str) -> String {
    match literal {
        "\n" => "newline".to_owned(),
        "`" => "'`'".to_owned(),
        s if s.chars().all(|c| c.is_ascii_control()) => format!("`{}`", s.escape_debug()),
        s => format!("`{s}`"),
    }
}

/// Follows the brackets of the token stream to find where a chunk may end: after a line ending
/// outside any bracket, or after a comma directly inside an array or inline table that is part
/// of a value (not a table header).
#[derive(Default)]
struct Scanner {
    /// Open brackets: `[` arrays, `{` inline tables, `h` table headers.
    stack: Vec<u8>,
    /// Something other than whitespace was seen on the current line (a `[` then is no header).
    mid_line: bool,
    /// Brackets that do not match: the file has an error, so no more cuts.
    broken: bool,
}

/// Whether a chunk may end after a token.
enum Cut {
    No,
    /// Between two lines of the document.
    Line,
    /// After a comma inside an array or inline table.
    Inside,
}

impl Scanner {
    /// Takes the next token; says whether a chunk may end after it.
    fn step(&mut self, token: &Token) -> Cut {
        if self.broken {
            return Cut::No;
        }
        let cut = match token.kind() {
            TokenKind::Whitespace | TokenKind::Comment => false,
            TokenKind::Newline => {
                if self.stack.is_empty() {
                    self.mid_line = false;
                    return Cut::Line;
                }
                false
            }
            TokenKind::LeftSquareBracket => {
                let header = !self.mid_line || self.stack.last() == Some(&b'h');
                self.stack.push(if header { b'h' } else { b'[' });
                self.mid_line = true;
                false
            }
            TokenKind::LeftCurlyBracket => {
                self.stack.push(b'{');
                self.mid_line = true;
                false
            }
            TokenKind::RightSquareBracket => {
                match self.stack.pop() {
                    Some(b'[' | b'h') => {}
                    _ => self.broken = true,
                }
                false
            }
            TokenKind::RightCurlyBracket => {
                if self.stack.pop() != Some(b'{') {
                    self.broken = true;
                }
                false
            }
            TokenKind::Comma => {
                self.mid_line = true;
                !self.stack.is_empty() && !self.stack.contains(&b'h')
            }
            _ => {
                self.mid_line = true;
                false
            }
        };
        if cut { Cut::Inside } else { Cut::No }
    }
}

/// A key's decoded text: where it is in the text being read (no escapes), or a copy.
#[derive(Clone, Debug)]
enum Text {
    Src { start: u32, len: u32 },
    Owned(Box<str>),
}

impl Text {
    fn get<'a>(&'a self, text: &'a str) -> &'a str {
        match self {
            Text::Src { start, len } => text
                .get(*start as usize..(*start + *len) as usize)
                .unwrap_or(""),
            Text::Owned(s) => s,
        }
    }
}

#[derive(Clone, Debug)]
struct Key {
    span: Span,
    text: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ScalarType {
    String,
    Integer,
    Float,
    Boolean,
    Datetime,
}

impl ScalarType {
    fn name(self) -> &'static str {
        match self {
            ScalarType::String => "string",
            ScalarType::Integer => "integer",
            ScalarType::Float => "float",
            ScalarType::Boolean => "boolean",
            ScalarType::Datetime => "datetime",
        }
    }
}

#[derive(Debug)]
struct Scalar {
    ty: ScalarType,
    span: Span,
    /// The decoded text, kept for keys the roadmap reads.
    text: Option<Text>,
    radix: u32,
    boolean: bool,
}

/// What a table of the file means in the roadmap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Root,
    Meta,
    Stage,
    Topic,
    Resource,
    /// A `{ one_of = [...] }` entry of `requires`.
    Group,
    /// `i18n`: languages to translations.
    I18n,
    Translation,
    Ignored,
}

/// What an array's items mean, and what was made of them so far.
#[derive(Debug)]
enum Items {
    Ignored,
    /// `roadmap` given as an array: its first table is read.
    Metas {
        taken: bool,
        meta: Option<Box<Meta>>,
    },
    Stages(Vec<Stage>),
    Topics(Vec<Topic<Name>>),
    Resources(Vec<Resource>),
    Requires(Vec<Requirement<Name>>),
    /// `recommends` and `one_of`: names of topics.
    Names {
        field: Field,
        names: Vec<Name>,
    },
    /// `tags`.
    Strings {
        field: Field,
        strings: Vec<String>,
    },
}

/// An array of strings the roadmap reads.
#[derive(Clone, Copy, Debug)]
enum Field {
    Recommends,
    OneOf,
    Tags,
}

impl Field {
    fn key(self) -> &'static str {
        match self {
            Field::Recommends => "recommends",
            Field::OneOf => "one_of",
            Field::Tags => "tags",
        }
    }

    /// The table it is in, as messages name it.
    fn what(self) -> &'static str {
        match self {
            Field::OneOf => "a `requires` entry",
            Field::Recommends | Field::Tags => "a topic",
        }
    }
}

/// What a closed table was turned into.
#[derive(Debug, Default)]
enum Content {
    #[default]
    None,
    Meta(Meta),
    Stage(Stage),
    Topic(Box<Topic<Name>>),
    Resource(Option<Resource>),
    Group(Option<Requirement<Name>>),
    I18n(I18n),
    Translation(Translation),
}

#[derive(Debug)]
enum Node {
    Scalar(Scalar),
    /// An array written with brackets (closed).
    Array {
        span: Span,
        items: Items,
    },
    Table(Box<TableNode>),
    /// An array of tables (`[[...]]`): the tables before the last are made into `items`.
    Tables(Box<Tables>),
}

#[derive(Debug)]
struct Tables {
    span: Span,
    last: TableNode,
    items: Items,
}

#[derive(Debug)]
struct Child {
    key: Key,
    node: Node,
}

#[derive(Debug)]
struct TableNode {
    span: Span,
    /// Created by a dotted key or a header's path, not (yet) by its own header.
    implicit: bool,
    dotted: bool,
    inline: bool,
    role: Role,
    closed: bool,
    children: Vec<Child>,
    /// Positions of `children` by key, once there are many.
    index: Option<hashbrown::HashTable<u32>>,
    content: Content,
}

/// Tables with more keys than this are searched through a hash table.
const INDEX_FROM: usize = 16;

impl TableNode {
    fn new(span: Span, role: Role) -> TableNode {
        // Room for the keys a topic usually has, so they are not moved as they come.
        let room = match role {
            Role::Topic => 8,
            Role::Stage | Role::Meta | Role::Resource => 4,
            _ => 0,
        };
        TableNode {
            span,
            implicit: false,
            dotted: false,
            inline: false,
            role,
            closed: false,
            children: Vec::with_capacity(room),
            index: None,
            content: Content::None,
        }
    }

    fn find(&self, text: &str, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index
                .find(hash(key), |&i| {
                    self.children[i as usize].key.text.get(text) == key
                })
                .map(|&i| i as usize),
            None => self
                .children
                .iter()
                .position(|c| c.key.text.get(text) == key),
        }
    }

    fn push(&mut self, text: &str, child: Child) -> usize {
        let at = self.children.len();
        self.children.push(child);
        if let Some(index) = &mut self.index {
            let key = self.children[at].key.text.get(text);
            // The hasher rehashes the keys already there when the table grows.
            index.insert_unique(hash(key), at as u32, |&j| {
                hash(self.children[j as usize].key.text.get(text))
            });
        } else if self.children.len() > INDEX_FROM {
            let mut index = hashbrown::HashTable::with_capacity(self.children.len() * 2);
            for (i, c) in self.children.iter().enumerate() {
                index.insert_unique(hash(c.key.text.get(text)), i as u32, |&j| {
                    hash(self.children[j as usize].key.text.get(text))
                });
            }
            self.index = Some(index);
        }
        at
    }
}

fn hash(key: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(key)
}

/// The table at `path` (indices of children, through the last table of arrays of tables).
fn table_at<'a>(mut table: &'a mut TableNode, path: &[u32]) -> Option<&'a mut TableNode> {
    for &i in path {
        table = match &mut table.children.get_mut(i as usize)?.node {
            Node::Table(t) => t,
            Node::Tables(t) => &mut t.last,
            _ => return None,
        };
    }
    Some(table)
}

/// Roles of a table and of an array written under `key` in a table of role `parent`.
fn roles(parent: Role, key: &str) -> (Role, fn() -> Items) {
    match (parent, key) {
        (Role::Root, "roadmap") => (Role::Meta, || Items::Metas {
            taken: false,
            meta: None,
        }),
        (Role::Root, "stage") => (Role::Stage, || Items::Stages(Vec::new())),
        (Role::Root, "topic") => (Role::Topic, || Items::Topics(Vec::new())),
        (Role::Meta | Role::Stage | Role::Topic, "i18n") => (Role::I18n, || Items::Ignored),
        (Role::Topic, "resources") => (Role::Resource, || Items::Resources(Vec::new())),
        (Role::Topic, "requires") => (Role::Ignored, || Items::Requires(Vec::new())),
        (Role::Topic, "recommends") => (Role::Ignored, || Items::Names {
            field: Field::Recommends,
            names: Vec::new(),
        }),
        (Role::Topic, "tags") => (Role::Ignored, || Items::Strings {
            field: Field::Tags,
            strings: Vec::new(),
        }),
        (Role::Group, "one_of") => (Role::Ignored, || Items::Names {
            field: Field::OneOf,
            names: Vec::new(),
        }),
        (Role::I18n, _) => (Role::Translation, || Items::Ignored),
        _ => (Role::Ignored, || Items::Ignored),
    }
}

/// What is read, shared by the tree and the builders.
struct Cx<'t> {
    /// The text being read: a file, or a piece of one.
    text: &'t str,
    file: u32,
    /// Where `text` starts in its file.
    base: usize,
    /// How many `[[topic]]` tables the text is expected to hold (room made for them at once).
    topics: usize,
    findings: Vec<Finding>,
}

/// A key whose value is being read, and where it goes.
struct Pending {
    /// The table it goes into: a path from the root (or from the inline table being read).
    parent: Vec<u32>,
    key: Key,
    /// An error placing it, reported once the value has been read (as `toml` does).
    error: Option<TomlError>,
    table_role: Role,
    array_items: fn() -> Items,
    keep: bool,
}

enum Frame {
    Array {
        start: usize,
        items: Items,
    },
    Inline {
        start: usize,
        table: Box<TableNode>,
        pending: Option<Pending>,
    },
}

struct Header {
    start: usize,
    array: bool,
}

struct Loader<'t, 'f> {
    cx: Cx<'t>,
    root: TableNode,
    /// The body of a header that could not be placed, checked on its own.
    scratch: TableNode,
    /// The table of the last header, as a path from the root; `None` for `scratch`.
    current: Option<Vec<u32>>,
    header: Option<Header>,
    /// An error of the last `[[...]]` header, reported when its table ends, as `toml` does.
    pending_finish: Option<TomlError>,
    /// The dotted key being read (kept from key to key, as `spare_path`: a roadmap has hundreds
    /// of thousands of keys, and three allocations each were a tenth of the parse).
    keys: Vec<Key>,
    /// The memory of the last key's path, for the next one.
    spare_path: Vec<u32>,
    doc: Option<Pending>,
    frames: Vec<Frame>,
    /// The first error found while decoding and placing keys and values.
    error: Option<TomlError>,
    /// The first integer that is not a 64-bit integer (`0x`, or too large): `toml` refuses it
    /// when it makes a value of it, after reading the whole file; the spec refuses the file.
    overflow: Option<TomlError>,
    /// Set when the parser has reported an error: the file is rejected, nothing more to build.
    failed: &'f Cell<bool>,
}

/// The events of one chunk, with where its text is.
struct Receiver<'l, 't, 'f, 's> {
    loader: &'l mut Loader<'t, 'f>,
    src: &'s str,
    map: Map,
}

impl Receiver<'_, '_, '_, '_> {
    fn live(&self, span: toml_parser::Span) -> bool {
        !self.loader.failed.get() && self.loader.error.is_none() && !self.map.is_made_up(span)
    }

    fn report(&mut self, error: &ParseError) {
        let e = toml_error(error, self.map);
        self.report_placed(e);
    }

    fn report_placed(&mut self, error: TomlError) {
        if self.loader.error.is_none() {
            self.loader.error = Some(error);
        }
    }

    fn span(&self, span: toml_parser::Span) -> Span {
        self.map.span(self.loader.cx.file, span)
    }

    /// A decoded string as a [`Text`]: its place in the text being read when the decoder could
    /// borrow it from there.
    fn text(&self, decoded: Cow<'_, str>) -> Text {
        match decoded {
            Cow::Borrowed(s) => {
                let src = self.src.as_bytes().as_ptr_range();
                if src.contains(&s.as_ptr()) || s.is_empty() {
                    let offset = (s.as_ptr() as usize).wrapping_sub(src.start as usize);
                    let offset = if src.contains(&s.as_ptr()) {
                        self.map.local(offset)
                    } else {
                        0
                    };
                    Text::Src {
                        start: offset as u32,
                        len: s.len() as u32,
                    }
                } else {
                    Text::Owned(s.into())
                }
            }
            Cow::Owned(s) => Text::Owned(s.into_boxed_str()),
        }
    }

    fn decode_errors(&mut self) -> Sink<'_> {
        Sink {
            first: &mut self.loader.error,
            map: self.map,
            failed: None,
        }
    }

    fn header_open(&mut self, span: toml_parser::Span, array: bool) {
        if let Some(e) = self.loader.pending_finish.take() {
            self.report_placed(e);
        }
        self.loader.keys.clear();
        self.loader.header = Some(Header {
            start: self.map.file(span.start()),
            array,
        });
    }

    fn header_close(&mut self, span: toml_parser::Span) {
        let Some(header) = self.loader.header.take() else {
            return;
        };
        let keys = std::mem::take(&mut self.loader.keys);
        if keys.len() > LIMIT as usize {
            self.report(&ParseError::new("recursion limit"));
            return;
        }
        let Some((key, path)) = keys.split_last() else {
            return;
        };
        let span = Span::new(self.loader.cx.file, header.start..self.map.file(span.end()));
        let loader = &mut *self.loader;
        let text = loader.cx.text;
        let placed = descend(&mut loader.root, Vec::new(), path, text, Descent::Header);
        if header.array {
            let result = placed.and_then(|parent_path| {
                let Some(parent) = table_at(&mut loader.root, &parent_path) else {
                    return Err(place_error("duplicate key", Some(key)));
                };
                let (role, items) = roles(parent.role, key.text.get(text));
                match parent.find(text, key.text.get(text)) {
                    None => {
                        let mut items = items();
                        if let Items::Topics(topics) = &mut items {
                            topics.reserve_exact(loader.cx.topics);
                        }
                        let _ = role;
                        let role = item_role(&items);
                        let at = parent.push(
                            text,
                            Child {
                                key: key.clone(),
                                node: Node::Tables(Box::new(Tables {
                                    span,
                                    last: TableNode::new(span, Role::Ignored),
                                    items,
                                })),
                            },
                        );
                        if let Node::Tables(t) = &mut parent.children[at].node {
                            t.last.role = role;
                            if let Items::Metas { taken, .. } = &mut t.items {
                                *taken = true;
                            }
                        }
                        Ok(parent_path.into_iter().chain([at as u32]).collect())
                    }
                    Some(at) => match &mut parent.children[at].node {
                        Node::Tables(t) => {
                            let role = item_role(&t.items);
                            let last = std::mem::replace(&mut t.last, TableNode::new(span, role));
                            fold(&mut loader.cx, &mut t.items, last);
                            if let Items::Metas { taken, .. } = &mut t.items {
                                *taken = true;
                            }
                            Ok(parent_path.into_iter().chain([at as u32]).collect())
                        }
                        _ => Err(place_error("duplicate key", Some(key))),
                    },
                }
            });
            match result {
                Ok(path) => loader.current = Some(path),
                Err(e) => {
                    loader.pending_finish = Some(e);
                    loader.scratch = TableNode::new(span, Role::Ignored);
                    loader.current = None;
                }
            }
            return;
        }
        let result = placed.and_then(|parent_path| {
            let Some(parent) = table_at(&mut loader.root, &parent_path) else {
                return Err(place_error("duplicate key", Some(key)));
            };
            match parent.find(text, key.text.get(text)) {
                None => {
                    let (role, _) = roles(parent.role, key.text.get(text));
                    let at = parent.push(
                        text,
                        Child {
                            key: key.clone(),
                            node: Node::Table(Box::new(TableNode::new(span, role))),
                        },
                    );
                    Ok(parent_path.into_iter().chain([at as u32]).collect())
                }
                Some(at) => match &mut parent.children[at].node {
                    Node::Table(t) if t.implicit && !t.dotted => {
                        // `toml` takes the table out and puts it back under the header's key.
                        t.implicit = false;
                        t.span = span;
                        parent.children[at].key.span = key.span;
                        Ok(parent_path.into_iter().chain([at as u32]).collect())
                    }
                    _ => Err(place_error("duplicate key", Some(key))),
                },
            }
        });
        match result {
            Ok(path) => self.loader.current = Some(path),
            Err(e) => {
                self.report_placed(e);
                self.loader.scratch = TableNode::new(span, Role::Ignored);
                self.loader.current = None;
            }
        }
    }

    fn key(&mut self, span: toml_parser::Span, encoding: Option<Encoding>) {
        let raw = Raw::new_unchecked(&self.src[span.start()..span.end()], encoding, span);
        let mut decoded: Cow<'_, str> = Cow::Borrowed("");
        raw.decode_key(&mut decoded, &mut self.decode_errors());
        let key = Key {
            span: self.span(span),
            text: self.text(decoded),
        };
        self.loader.keys.push(key);
    }

    /// `=`: the key is complete; find where its value goes.
    fn key_value(&mut self) {
        let mut keys = std::mem::take(&mut self.loader.keys);
        if keys.len() > LIMIT as usize {
            self.report(&ParseError::new("recursion limit"));
            return;
        }
        let Some((key, path)) = keys.split_last() else {
            return;
        };
        let loader = &mut *self.loader;
        let text = loader.cx.text;
        let dotted = !path.is_empty();
        let key_text = key.text.get(text);
        let (container, base, descent): (&mut TableNode, Vec<u32>, Descent) =
            match loader.frames.last_mut() {
                Some(Frame::Inline { table, .. }) => (table, Vec::new(), Descent::Inline),
                Some(Frame::Array { .. }) => return,
                None => match &loader.current {
                    Some(p) => {
                        let mut base = std::mem::take(&mut loader.spare_path);
                        base.clear();
                        base.extend_from_slice(p);
                        (&mut loader.root, base, Descent::Dotted(dotted))
                    }
                    None => (&mut loader.scratch, Vec::new(), Descent::Dotted(dotted)),
                },
            };
        let mut pending = Pending {
            parent: Vec::new(),
            key: key.clone(),
            error: None,
            table_role: Role::Ignored,
            array_items: || Items::Ignored,
            keep: false,
        };
        match descend(container, base, path, text, descent) {
            Ok(parent_path) => {
                if let Some(parent) = table_at(container, &parent_path) {
                    let mixed = match descent {
                        Descent::Inline => parent.dotted == path.is_empty(),
                        _ => dotted && !parent.implicit,
                    };
                    if mixed {
                        pending.error = Some(place_error("duplicate key", Some(key)));
                    }
                    let (role, items) = roles(parent.role, key_text);
                    pending.table_role = role;
                    pending.array_items = items;
                    pending.keep = parent.role != Role::Ignored;
                }
                pending.parent = parent_path;
            }
            Err(e) => pending.error = Some(e),
        }
        match loader.frames.last_mut() {
            Some(Frame::Inline { pending: p, .. }) => *p = Some(pending),
            _ => loader.doc = Some(pending),
        }
        keys.clear();
        loader.keys = keys;
    }

    /// The roles of a value starting now: a table's, and an array's items.
    fn value_roles(&mut self, table: bool) -> (Role, Items) {
        match self.loader.frames.last_mut() {
            Some(Frame::Array { items, .. }) => {
                if !table {
                    return (Role::Ignored, Items::Ignored);
                }
                let role = item_role(items);
                if let Items::Metas { taken, .. } = items {
                    *taken = true;
                }
                (role, Items::Ignored)
            }
            Some(Frame::Inline { pending, .. }) => match pending {
                Some(p) => (p.table_role, (p.array_items)()),
                None => (Role::Ignored, Items::Ignored),
            },
            None => match &self.loader.doc {
                Some(p) => (p.table_role, (p.array_items)()),
                None => (Role::Ignored, Items::Ignored),
            },
        }
    }

    fn scalar(&mut self, span: toml_parser::Span, encoding: Option<Encoding>) {
        let raw = Raw::new_unchecked(&self.src[span.start()..span.end()], encoding, span);
        let mut decoded: Cow<'_, str> = Cow::Borrowed("");
        let kind = raw.decode_scalar(&mut decoded, &mut self.decode_errors());
        let boolean = matches!(kind, ScalarKind::Boolean(true));
        let (ty, radix) = match kind {
            ScalarKind::String => (ScalarType::String, 10),
            ScalarKind::Boolean(_) => (ScalarType::Boolean, 10),
            ScalarKind::DateTime => {
                if let Err(e) = toml::value::Datetime::from_str(&decoded) {
                    self.report(&ParseError::new(e.to_string()).with_unexpected(span));
                }
                (ScalarType::Datetime, 10)
            }
            ScalarKind::Float => (ScalarType::Float, 10),
            ScalarKind::Integer(radix) => {
                if self.loader.overflow.is_none()
                    && i64::from_str_radix(&decoded, radix.value()).is_err()
                {
                    self.loader.overflow = Some(TomlError {
                        message: "integer number overflowed".into(),
                        range: self.map.file(span.start())..self.map.file(span.end()),
                    });
                }
                (ScalarType::Integer, radix.value())
            }
        };
        if self.loader.error.is_some() {
            return;
        }
        let file_span = self.span(span);
        if let Some(Frame::Array { items, .. }) = self.loader.frames.last_mut() {
            let item = Item::Scalar {
                ty,
                decoded: &decoded,
                src: self.src,
                map: self.map,
            };
            item_into(&mut self.loader.cx, items, item, file_span);
            return;
        }
        let keep = match self.loader.frames.last() {
            Some(Frame::Inline { pending, .. }) => pending.as_ref().is_some_and(|p| p.keep),
            _ => self.loader.doc.as_ref().is_some_and(|p| p.keep),
        };
        let text = keep.then(|| self.text(decoded));
        self.deliver(Node::Scalar(Scalar {
            ty,
            span: file_span,
            text,
            radix,
            boolean,
        }));
    }

    fn array_open(&mut self, span: toml_parser::Span) {
        let (_, items) = self.value_roles(false);
        let start = self.map.file(span.start());
        self.loader.frames.push(Frame::Array { start, items });
    }

    fn array_close(&mut self, span: toml_parser::Span) {
        let Some(Frame::Array { start, items }) = self.loader.frames.pop() else {
            return;
        };
        let span = Span::new(self.loader.cx.file, start..self.map.file(span.end()));
        self.deliver(Node::Array { span, items });
    }

    fn inline_open(&mut self, span: toml_parser::Span) {
        let (role, _) = self.value_roles(true);
        let start = self.map.file(span.start());
        let mut table = Box::new(TableNode::new(Span::default(), role));
        table.inline = true;
        self.loader.frames.push(Frame::Inline {
            start,
            table,
            pending: None,
        });
    }

    fn inline_close(&mut self, span: toml_parser::Span) {
        let Some(Frame::Inline {
            start, mut table, ..
        }) = self.loader.frames.pop()
        else {
            return;
        };
        table.span = Span::new(self.loader.cx.file, start..self.map.file(span.end()));
        close(&mut self.loader.cx, &mut table);
        self.deliver(Node::Table(table));
    }

    /// A value is complete: it goes into the array or table being read.
    fn deliver(&mut self, node: Node) {
        let loader = &mut *self.loader;
        let text = loader.cx.text;
        let (container, pending) = match loader.frames.last_mut() {
            Some(Frame::Array { items, .. }) => {
                let (ty, span) = describe(&node);
                let content = match node {
                    Node::Table(mut t) => std::mem::take(&mut t.content),
                    _ => Content::None,
                };
                item_into(&mut loader.cx, items, Item::Other { ty, content }, span);
                return;
            }
            Some(Frame::Inline { table, pending, .. }) => (&mut **table, pending.take()),
            None => match &loader.current {
                Some(_) => (&mut loader.root, loader.doc.take()),
                None => (&mut loader.scratch, loader.doc.take()),
            },
        };
        let Some(pending) = pending else {
            return;
        };
        if let Some(e) = pending.error {
            self.report_placed(e);
            return;
        }
        let Some(parent) = table_at(container, &pending.parent) else {
            return;
        };
        if parent.find(text, pending.key.text.get(text)).is_some() {
            self.report_placed(place_error("duplicate key", Some(&pending.key)));
            return;
        }
        parent.push(
            text,
            Child {
                key: pending.key,
                node,
            },
        );
        self.loader.spare_path = pending.parent;
    }
}

#[derive(Clone, Copy)]
enum Descent {
    /// A header's path (`[a.b.c]`): not dotted.
    Header,
    /// A key's path at document level.
    Dotted(bool),
    /// A key's path inside an inline table.
    Inline,
}

/// Walks `path` from the table at `base`, creating implicit tables, with `toml`'s errors; returns
/// the path to the last table.
fn descend(
    root: &mut TableNode,
    mut at: Vec<u32>,
    path: &[Key],
    text: &str,
    descent: Descent,
) -> Result<Vec<u32>, TomlError> {
    let dotted = match descent {
        Descent::Header => false,
        Descent::Dotted(d) => d,
        Descent::Inline => true,
    };
    for key in path {
        let Some(table) = table_at(root, &at) else {
            return Err(place_error("duplicate key", Some(key)));
        };
        let k = key.text.get(text);
        let error = |message: String| Err(place_error(message, Some(key)));
        match table.find(text, k) {
            None => {
                let (role, _) = roles(table.role, k);
                let mut t = TableNode::new(key.span, role);
                t.implicit = true;
                t.dotted = dotted;
                t.inline = matches!(descent, Descent::Inline);
                let i = table.push(
                    text,
                    Child {
                        key: key.clone(),
                        node: Node::Table(Box::new(t)),
                    },
                );
                at.push(i as u32);
            }
            Some(i) => {
                match &mut table.children[i].node {
                    Node::Tables(_) if !matches!(descent, Descent::Inline) => {}
                    Node::Table(t) => {
                        if t.inline && !matches!(descent, Descent::Inline) {
                            return error(
                                "cannot extend value of type inline table with a dotted key".into(),
                            );
                        }
                        if dotted && t.implicit {
                            t.dotted = true;
                        }
                        if dotted && !t.implicit {
                            return error("duplicate key".into());
                        }
                    }
                    other => {
                        let (ty, _) = describe(other);
                        return error(format!(
                            "cannot extend value of type {ty} with a dotted key"
                        ));
                    }
                }
                at.push(i as u32);
            }
        }
    }
    Ok(at)
}

/// A value's type name (as `toml` names it) and span.
fn describe(node: &Node) -> (&'static str, Span) {
    match node {
        Node::Scalar(s) => (s.ty.name(), s.span),
        Node::Array { span, .. } => ("array", *span),
        Node::Table(t) => ("table", t.span),
        Node::Tables(t) => ("array", t.span),
    }
}

/// The role of the next table item of an array.
fn item_role(items: &Items) -> Role {
    match items {
        Items::Metas { taken: false, .. } => Role::Meta,
        Items::Metas { taken: true, .. } => Role::Ignored,
        Items::Stages(_) => Role::Stage,
        Items::Topics(_) => Role::Topic,
        Items::Resources(_) => Role::Resource,
        Items::Requires(_) => Role::Group,
        Items::Names { .. } | Items::Strings { .. } | Items::Ignored => Role::Ignored,
    }
}

/// An item of an array.
enum Item<'a, 's> {
    Scalar {
        ty: ScalarType,
        decoded: &'a Cow<'s, str>,
        src: &'s str,
        map: Map,
    },
    /// An array or a table (with what it was made into).
    Other { ty: &'static str, content: Content },
}

impl Item<'_, '_> {
    fn ty(&self) -> &'static str {
        match self {
            Item::Scalar { ty, .. } => ty.name(),
            Item::Other { ty, .. } => ty,
        }
    }

    fn string(&self) -> Option<&str> {
        match self {
            Item::Scalar {
                ty: ScalarType::String,
                decoded,
                ..
            } => Some(decoded),
            _ => None,
        }
    }

    /// A reference as written: where its text is in the file when the decoder could borrow it
    /// from there (no escapes), else decoded.
    fn name(&self, span: Span) -> Option<Name> {
        let Item::Scalar {
            ty: ScalarType::String,
            decoded,
            src,
            map,
        } = self
        else {
            return None;
        };
        Some(match decoded {
            Cow::Borrowed(b) => {
                let range = src.as_bytes().as_ptr_range();
                if range.contains(&b.as_ptr()) {
                    let offset = b.as_ptr() as usize - range.start as usize;
                    Name::in_source(span, map.file(offset) as u32, b.len() as u32)
                } else if b.is_empty() {
                    Name::in_source(span, span.start, 0)
                } else {
                    Name::owned(span, &printable(b))
                }
            }
            Cow::Owned(s) => Name::owned(span, &printable(s)),
        })
    }
}

fn wrong_item(cx: &mut Cx, key: &str, what: &str, expected: &str, ty: &str, span: Span) {
    cx.findings.push(
        Finding::new(
            FindingKind::WrongType,
            msg!(
                "finding-wrong-type",
                key = key,
                what = phrase(what),
                expected = phrase(expected),
                found = phrase(ty)
            ),
        )
        .at(span),
    );
}

fn not_a_table(cx: &mut Cx, key: &str, ty: &str, span: Span) {
    cx.findings.push(
        Finding::new(
            FindingKind::WrongType,
            msg!("finding-not-a-table", key = key, found = phrase(ty)),
        )
        .at(span),
    );
}

/// Takes one item of an array.
fn item_into(cx: &mut Cx, items: &mut Items, item: Item, span: Span) {
    match items {
        Items::Ignored => {}
        Items::Metas { meta, .. } => {
            if let Item::Other {
                content: Content::Meta(m),
                ..
            } = item
                && meta.is_none()
            {
                *meta = Some(Box::new(m));
            }
        }
        Items::Stages(stages) => match item {
            Item::Other {
                content: Content::Stage(s),
                ..
            } => stages.push(s),
            other => not_a_table(cx, "stage", other.ty(), span),
        },
        Items::Topics(topics) => match item {
            Item::Other {
                content: Content::Topic(t),
                ..
            } => topics.push(*t),
            other => not_a_table(cx, "topic", other.ty(), span),
        },
        Items::Resources(resources) => match item {
            Item::Other {
                content: Content::Resource(r),
                ..
            } => resources.extend(r),
            other => not_a_table(cx, "topic.resources", other.ty(), span),
        },
        Items::Requires(requires) => match item {
            Item::Other {
                content: Content::Group(g),
                ..
            } => requires.extend(g),
            other => match other.name(span) {
                Some(name) => requires.push(Requirement::Topic(name)),
                None => wrong_item(
                    cx,
                    "requires",
                    "a topic",
                    REQUIRES_EXPECTED,
                    other.ty(),
                    span,
                ),
            },
        },
        Items::Names { field, names } => match item.name(span) {
            Some(name) => names.push(name),
            None => wrong_item(
                cx,
                field.key(),
                field.what(),
                "an array of strings",
                item.ty(),
                span,
            ),
        },
        Items::Strings { field, strings } => match item.string() {
            Some(s) => strings.push(printable(s).into_owned()),
            None => wrong_item(
                cx,
                field.key(),
                field.what(),
                "an array of strings",
                item.ty(),
                span,
            ),
        },
    }
}

/// The last table of an array of tables is complete: it becomes an item.
fn fold(cx: &mut Cx, items: &mut Items, mut last: TableNode) {
    close(cx, &mut last);
    let content = std::mem::take(&mut last.content);
    item_into(
        cx,
        items,
        Item::Other {
            ty: "table",
            content,
        },
        last.span,
    );
}

/// Closes what a table holds, then turns the table into its roadmap type.
fn close(cx: &mut Cx, table: &mut TableNode) {
    if table.closed {
        return;
    }
    table.closed = true;
    for child in &mut table.children {
        match &mut child.node {
            Node::Table(t) => close(cx, t),
            Node::Tables(t) => {
                let role = t.last.role;
                let last = std::mem::replace(&mut t.last, TableNode::new(t.span, role));
                fold(cx, &mut t.items, last);
            }
            _ => {}
        }
    }
    let header = table.span;
    let mut fields = Fields {
        cx,
        children: &mut table.children,
        header,
        what: "",
    };
    table.content = match table.role {
        Role::Root | Role::Ignored => Content::None,
        Role::Meta => Content::Meta(fields.meta()),
        Role::Stage => Content::Stage(fields.stage()),
        Role::Topic => Content::Topic(Box::new(fields.topic())),
        Role::Resource => Content::Resource(fields.resource()),
        Role::Group => Content::Group(fields.group()),
        Role::I18n => Content::I18n(fields.languages()),
        Role::Translation => Content::Translation(fields.translation()),
    };
    if table.role != Role::Root {
        table.children = Vec::new();
        table.index = None;
    }
}

/// The keys of a closed table, read as the roadmap expects them.
struct Fields<'a, 't> {
    cx: &'a mut Cx<'t>,
    children: &'a mut Vec<Child>,
    header: Span,
    what: &'static str,
}

impl Fields<'_, '_> {
    fn get(&mut self, key: &str) -> Option<&mut Node> {
        let text = self.cx.text;
        self.children
            .iter_mut()
            .find(|c| c.key.text.get(text) == key)
            .map(|c| &mut c.node)
    }

    /// Reports every key that is not one of `known`.
    fn known(&mut self, what: &'static str, known: &[&str]) {
        self.what = what;
        let text = self.cx.text;
        for child in self.children.iter() {
            let name = child.key.text.get(text);
            if !known.contains(&name) {
                self.cx.findings.push(
                    Finding::new(
                        FindingKind::UnknownKey,
                        msg!("finding-unknown-key", key = name, what = phrase(what)),
                    )
                    .at(child.key.span)
                    .label(msg!("label-expected-keys", keys = known.join(", ")))
                    .suggest(suggest_key(name, known)),
                );
            }
        }
    }

    fn wrong_type(&mut self, key: &str, expected: &str, ty: &str, span: Span) {
        let what = self.what;
        wrong_item(self.cx, key, what, expected, ty, span);
    }

    fn missing(&mut self, key: &str) {
        self.cx.findings.push(
            Finding::new(
                FindingKind::MissingKey,
                msg!("finding-missing-key", what = phrase(self.what), key = key),
            )
            .at(self.header)
            .label(msg!("label-add-key", key = key)),
        );
    }

    fn string(&mut self, key: &str) -> Option<(String, Span)> {
        let text = self.cx.text;
        let node = self.get(key)?;
        match node {
            Node::Scalar(Scalar {
                ty: ScalarType::String,
                text: Some(t),
                span,
                ..
            }) => Some((printable(t.get(text)).into_owned(), *span)),
            other => {
                let (ty, span) = describe(other);
                self.wrong_type(key, "a string", ty, span);
                None
            }
        }
    }

    fn required_string(&mut self, key: &str) -> Option<(String, Span)> {
        if self.get(key).is_none() {
            self.missing(key);
        }
        self.string(key)
    }

    fn optional_string(&mut self, key: &str) -> Option<String> {
        self.string(key).map(|(s, _)| s)
    }

    /// The required `title` and the optional `summary` of a table, and where they are written.
    fn texts(&mut self) -> (Option<String>, Option<String>, TextSpans) {
        let title = self.required_string("title");
        let summary = self.string("summary");
        let texts = TextSpans {
            title: title.as_ref().map(|t| t.1),
            summary: summary.as_ref().map(|s| s.1),
        };
        (title.map(|t| t.0), summary.map(|s| s.0), texts)
    }

    fn boolean(&mut self, key: &str) -> Option<bool> {
        let node = self.get(key)?;
        match node {
            Node::Scalar(Scalar {
                ty: ScalarType::Boolean,
                boolean,
                ..
            }) => Some(*boolean),
            other => {
                let (ty, span) = describe(other);
                self.wrong_type(key, "a boolean (`true` or `false`)", ty, span);
                None
            }
        }
    }

    fn required_id(&mut self, key: &str) -> (String, Span) {
        let header = self.header;
        self.required_string(key)
            .unwrap_or_else(|| (String::new(), Name::missing(header).span))
    }

    fn required_name(&mut self, key: &str) -> Name {
        let (text, base, header) = (self.cx.text, self.cx.base, self.header);
        let Some(node) = self.get(key) else {
            self.missing(key);
            return Name::missing(header);
        };
        match node {
            Node::Scalar(Scalar {
                ty: ScalarType::String,
                text: Some(t),
                span,
                ..
            }) => match t {
                Text::Src { start, len } => Name::in_source(*span, base as u32 + *start, *len),
                Text::Owned(s) => Name::owned(*span, &printable(s)),
            },
            other => {
                let _ = text;
                let (ty, span) = describe(other);
                self.wrong_type(key, "a string", ty, span);
                Name::missing(header)
            }
        }
    }

    /// The items of an array-valued key (`None` when absent or reported as not an array).
    fn items(&mut self, key: &str, expected: &str) -> Option<Items> {
        let node = self.get(key)?;
        match node {
            Node::Array { items, .. } => Some(std::mem::replace(items, Items::Ignored)),
            Node::Tables(t) => Some(std::mem::replace(&mut t.items, Items::Ignored)),
            other => {
                let (ty, span) = describe(other);
                self.wrong_type(key, expected, ty, span);
                None
            }
        }
    }

    fn names(&mut self, key: &str) -> Vec<Name> {
        match self.items(key, "an array of strings") {
            Some(Items::Names { names, .. }) => names,
            _ => Vec::new(),
        }
    }

    fn hours(&mut self) -> Option<(f64, Span)> {
        let text = self.cx.text;
        let node = self.get("hours")?;
        let number = match node {
            Node::Scalar(Scalar {
                ty: ScalarType::Integer,
                text: Some(t),
                radix,
                ..
            }) => i64::from_str_radix(&t.get(text).replace('_', ""), *radix)
                .ok()
                .map(|i| i as f64),
            Node::Scalar(Scalar {
                ty: ScalarType::Float,
                text: Some(t),
                ..
            }) => t.get(text).replace('_', "").parse::<f64>().ok(),
            _ => None,
        };
        let (ty, span) = describe(node);
        match number {
            Some(h) if h.is_finite() => Some((h, span)),
            _ => {
                self.wrong_type("hours", "a finite number", ty, span);
                None
            }
        }
    }

    fn i18n(&mut self) -> I18n {
        let Some(node) = self.get("i18n") else {
            return I18n::new();
        };
        match node {
            Node::Table(t) => match std::mem::take(&mut t.content) {
                Content::I18n(i18n) => i18n,
                _ => I18n::new(),
            },
            other => {
                let (ty, span) = describe(other);
                self.wrong_type("i18n", "a table of languages", ty, span);
                I18n::new()
            }
        }
    }

    /// The tables of an array of tables such as `[[topic]]`; a lone table is reported and read.
    fn tables(&mut self, key: &'static str, field: &str) -> Option<TablesOf> {
        let node = self.get(field)?;
        let (ty, span) = describe(node);
        let taken = match node {
            Node::Array { items, .. } => {
                return Some(TablesOf::Items(std::mem::replace(items, Items::Ignored)));
            }
            Node::Tables(t) => {
                return Some(TablesOf::Items(std::mem::replace(
                    &mut t.items,
                    Items::Ignored,
                )));
            }
            Node::Table(t) => Some(std::mem::take(&mut t.content)),
            Node::Scalar(_) => None,
        };
        self.cx.findings.push(
            Finding::new(
                FindingKind::WrongType,
                msg!("finding-not-array-of-tables", key = key, found = phrase(ty)),
            )
            .at(span)
            .help(msg!("help-array-of-tables", key = key)),
        );
        taken.map(TablesOf::One)
    }

    /// The `roadmap` table of the root; given as an array, reported, and its first table read.
    fn roadmap(&mut self) -> Option<Meta> {
        let node = self.get("roadmap")?;
        let (ty, span) = describe(node);
        let items = match node {
            Node::Table(t) => {
                return match std::mem::take(&mut t.content) {
                    Content::Meta(m) => Some(m),
                    _ => None,
                };
            }
            Node::Array { items, .. } => std::mem::replace(items, Items::Ignored),
            Node::Tables(t) => std::mem::replace(&mut t.items, Items::Ignored),
            Node::Scalar(_) => Items::Ignored,
        };
        self.cx.findings.push(
            Finding::new(
                FindingKind::RoadmapTable,
                msg!("finding-roadmap-not-table", found = phrase(ty)),
            )
            .at(span)
            .help(msg!("help-roadmap-table")),
        );
        match items {
            Items::Metas { meta, .. } => meta.map(|m| *m),
            _ => None,
        }
    }

    fn meta(&mut self) -> Meta {
        self.known("[roadmap]", META_KEYS);
        let (title, summary, texts) = self.texts();
        Meta {
            title: title.unwrap_or_default(),
            summary,
            i18n: self.i18n(),
            span: self.header,
            texts,
        }
    }

    fn stage(&mut self) -> Stage {
        self.known("a stage", STAGE_KEYS);
        let (id, id_span) = self.required_id("id");
        let (title, summary, texts) = self.texts();
        Stage {
            title: title.unwrap_or_else(|| id.clone()),
            id,
            id_span,
            summary,
            i18n: self.i18n(),
            span: self.header,
            texts,
        }
    }

    fn topic(&mut self) -> Topic<Name> {
        self.known("a topic", TOPIC_KEYS);
        let (id, id_span) = self.required_id("id");
        let (title, summary, texts) = self.texts();
        let stage = self.required_name("stage");
        let kind = self.kind();
        let hours = self.hours();
        // Grown by doubling as the array was read: the room to spare, up to half of it, is
        // handed back (glibc shrinks a block in place, without a copy): megabytes over hundreds
        // of thousands of topics.
        let mut requires = match self.items("requires", REQUIRES_EXPECTED) {
            Some(Items::Requires(r)) => r,
            _ => Vec::new(),
        };
        requires.shrink_to_fit();
        let tags = match self.items("tags", "an array of strings") {
            Some(Items::Strings { strings, .. }) => strings.into(),
            _ => ThinVec::new(),
        };
        let resources = match self.tables("topic.resources", "resources") {
            Some(TablesOf::Items(Items::Resources(r))) => r.into(),
            Some(TablesOf::One(Content::Resource(r))) => r.into_iter().collect(),
            _ => ThinVec::new(),
        };
        let mut recommends = self.names("recommends");
        recommends.shrink_to_fit();
        Topic {
            title: title.unwrap_or_else(|| id.clone()),
            id,
            id_span,
            stage,
            kind,
            hours: hours.map(|h| h.0),
            hours_span: hours.map(|h| h.1),
            summary,
            requires,
            recommends,
            tags,
            i18n: self.i18n(),
            resources,
            span: self.header,
            texts,
        }
    }

    fn kind(&mut self) -> TopicKind {
        let Some((name, span)) = self.string("kind") else {
            return TopicKind::default();
        };
        TopicKind::parse(&name).unwrap_or_else(|| {
            self.cx.findings.push(
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

    fn resource(&mut self) -> Option<Resource> {
        self.known("a resource", RESOURCE_KEYS);
        let title = self.required_string("title");
        let url = self.required_string("url");
        let kind = self.string("kind").and_then(|(name, span)| {
            let kind = ResourceKind::parse(&name);
            if kind.is_none() {
                self.cx.findings.push(
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
        let lang = self.string("lang").and_then(|(code, span)| {
            let Some(finding) = lang_finding("finding-invalid-lang", &code, span) else {
                return Some(code);
            };
            self.cx.findings.push(finding);
            None
        });
        let free = self.boolean("free").unwrap_or(true);
        let ((title, title_span), (url, url_span)) = (title?, url?);
        Some(Resource {
            title,
            url,
            kind,
            lang,
            free,
            title_span,
            url_span,
        })
    }

    fn group(&mut self) -> Option<Requirement<Name>> {
        self.known("a `requires` entry", ONE_OF_KEYS);
        if self.get("one_of").is_none() {
            self.missing("one_of");
            return None;
        }
        let alternatives = self.names("one_of");
        let is_array = matches!(
            self.get("one_of"),
            Some(Node::Array { .. } | Node::Tables(_))
        );
        is_array.then(|| {
            Requirement::OneOf(Box::new(Group {
                alternatives,
                span: self.header,
            }))
        })
    }

    fn languages(&mut self) -> I18n {
        self.what = "i18n";
        let text = self.cx.text;
        let mut i18n = I18n::new();
        for child in self.children.iter_mut() {
            let lang = child.key.text.get(text);
            match &mut child.node {
                Node::Table(t) => {
                    if let Content::Translation(tr) = std::mem::take(&mut t.content) {
                        match lang_finding("finding-invalid-i18n-lang", lang, child.key.span) {
                            Some(finding) => self.cx.findings.push(finding),
                            None => {
                                i18n.insert(lang.to_owned(), tr);
                            }
                        }
                    }
                }
                other => {
                    let (ty, span) = describe(other);
                    wrong_item(
                        self.cx,
                        lang,
                        "i18n",
                        "a table (`title`, `summary`)",
                        ty,
                        span,
                    );
                }
            }
        }
        i18n
    }

    fn translation(&mut self) -> Translation {
        self.known("a translation", TRANSLATION_KEYS);
        Translation {
            title: self.optional_string("title"),
            summary: self.optional_string("summary"),
        }
    }
}

enum TablesOf {
    Items(Items),
    One(Content),
}

impl Loader<'_, '_> {
    /// The end of the file: the last `[[...]]` header's error, then the roadmap of the root.
    fn finish(mut self) -> Result<Read, TomlError> {
        if let Some(e) = self.pending_finish.take()
            && self.error.is_none()
        {
            self.error = Some(e);
        }
        if let Some(e) = self.error.or(self.overflow) {
            return Err(e);
        }
        close(&mut self.cx, &mut self.root);
        let mut fields = Fields {
            cx: &mut self.cx,
            children: &mut self.root.children,
            header: self.root.span,
            what: "",
        };
        fields.known("the roadmap file", DOCUMENT_KEYS);
        let meta = fields.roadmap();
        let stages = match fields.tables("stage", "stage") {
            Some(TablesOf::Items(Items::Stages(s))) => s,
            Some(TablesOf::One(Content::Stage(s))) => vec![s],
            _ => Vec::new(),
        };
        let topics = match fields.tables("topic", "topic") {
            Some(TablesOf::Items(Items::Topics(t))) => t,
            Some(TablesOf::One(Content::Topic(t))) => vec![*t],
            _ => Vec::new(),
        };
        let text = self.cx.text;
        let topic = self.root.find(text, "topic");
        let topics_by_header = match topic {
            None => true,
            Some(i) => matches!(self.root.children[i].node, Node::Tables(_)),
        };
        let only_topics = self.root.children.len() == 1 && topic.is_some() && topics_by_header;
        Ok(Read {
            part: Part {
                meta,
                stages,
                topics,
                findings: self.cx.findings,
            },
            only_topics,
            topics_by_header,
        })
    }
}

impl EventReceiver for Receiver<'_, '_, '_, '_> {
    fn std_table_open(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        if self.live(span) {
            self.header_open(span, false);
        }
    }

    fn array_table_open(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        if self.live(span) {
            self.header_open(span, true);
        }
    }

    fn std_table_close(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        if self.live(span) {
            self.header_close(span);
        }
    }

    fn array_table_close(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        if self.live(span) {
            self.header_close(span);
        }
    }

    fn inline_table_open(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) -> bool {
        if self.live(span) {
            self.inline_open(span);
        }
        true
    }

    fn inline_table_close(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        if self.live(span) {
            self.inline_close(span);
        }
    }

    fn array_open(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) -> bool {
        if self.live(span) {
            self.array_open(span);
        }
        true
    }

    fn array_close(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        if self.live(span) {
            self.array_close(span);
        }
    }

    fn simple_key(
        &mut self,
        span: toml_parser::Span,
        encoding: Option<Encoding>,
        _error: &mut dyn ErrorSink,
    ) {
        if self.live(span) {
            self.key(span, encoding);
        }
    }

    fn key_val_sep(&mut self, span: toml_parser::Span, _error: &mut dyn ErrorSink) {
        if self.live(span) {
            self.key_value();
        }
    }

    fn scalar(
        &mut self,
        span: toml_parser::Span,
        encoding: Option<Encoding>,
        _error: &mut dyn ErrorSink,
    ) {
        if self.live(span) {
            self.scalar(span, encoding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first error of `text` as the loader reports it: the message and where it points.
    fn error(text: &str) -> Option<(String, std::ops::Range<usize>)> {
        read(text, 0, 0).err().map(|e| (e.message, e.range))
    }

    /// `toml`'s first error, the same way (nothing to point at: the start).
    fn toml_error(text: &str) -> Option<(String, std::ops::Range<usize>)> {
        toml::de::DeTable::parse(text)
            .err()
            .map(|e| (e.message().to_owned(), e.span().unwrap_or(0..0)))
    }

    /// Everything a read gives, as text that compares exactly.
    fn everything(read: Result<Read, TomlError>) -> String {
        match read {
            Ok(r) => format!(
                "{:?}\n{:?}\n{:?}\n{:?}\n{} {}",
                r.part.meta,
                r.part.stages,
                r.part.topics,
                r.part.findings,
                r.only_topics,
                r.topics_by_header
            ),
            Err(e) => format!("{e:?}"),
        }
    }

    #[test]
    fn the_token_stream_cut_anywhere_reads_as_a_whole() {
        let roadmap = r#"title = 1
[roadmap]
title = "R"
i18n = { fr = { title = "R fr" }, de.title = "R de" }

[[stage]]
id = "s" # a comment
title = 'S'

[[topic]]
id = "a"
title = "A \u00e9"
stage = "s"
hours = 1.5
requires = [
    "b", { one_of = ["c", 'd'] },
    { one_of = [
        "e",
        "f\tg",
    ] },
]
tags = [["x"], "y", { z = 1 }]
resources = [{ title = "R", url = "https://example.org/", lang = "xx-!" }]
recommends = [1, "b"]

[[topic]]
id = "b"
titel = "B"
kind = "rol"
hours = "2"
[[topic.resources]]
url = "u"
free = 0
nested = [[1, 2], [3, [4, { a = [5] }]]]
"#;
        let texts = [
            roadmap.to_owned(),
            format!("{roadmap}[[topic]]\nid = \"c\"\nx = [1, {{ a = 1, a = 2 }}]\n"),
            format!("{roadmap}[[topic]]\nid = \"c\"\nx = [1, {{ a = 1 }}, ]]\n"),
            format!("{roadmap}[[topic]]\nid = \"c\"\nx = [1,\n  0x1_0000_0000_0000_0000]\n"),
            // A value missing at the very end, in a chunk that starts inside brackets.
            format!(
                "{roadmap}[[topic]]\nid = \"c\"\nx = [{}]\nsummary = ",
                (0..40).map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
            ),
            "[[topic]]\nid = \"a\"\n[[topic]]\nid = \"b\"\n".to_owned(),
            // No header at all: the brackets of arrays and inline tables alone say where a chunk
            // may end, and what to reopen.
            r#"stage = [{ id = "s", title = "S" }, { id = "t", i18n = { de = { title = "T", summary = "z" } } }]
topic = [
    { id = "a", title = "A", stage = "s", requires = ["b", { one_of = ["c", "d"] }], tags = ["x"] },
    { id = "b", stage = "t", resources = [{ title = "R", url = "https://example.org/" }, { url = "u", free = 0 }] },
]
roadmap = { title = "R", i18n = { fr = { title = "R fr" } } }
"#
            .to_owned(),
        ];
        for text in &texts {
            let whole = everything(read(text, 0, 0));
            // Read as a piece of a file that starts with a comment too: the same, at the same
            // places of the file.
            let file = format!("# a comment\n{text}");
            let piece = &file["# a comment\n".len()..];
            let in_file = everything(read(&file, 0, 0));
            assert_ne!(in_file, whole);
            for chunk_tokens in [1, 2, 3, 4, 5, 6, 7, 8, CHUNK_TOKENS] {
                assert_eq!(
                    everything(read_in_chunks(text, 0, 0, chunk_tokens, 0)),
                    whole,
                    "{chunk_tokens} tokens at a time: {text}"
                );
                assert_eq!(
                    everything(read_in_chunks(piece, 0, 12, chunk_tokens, 0)),
                    in_file,
                    "{chunk_tokens} tokens at a time, at 12: {text}"
                );
            }
        }
    }

    #[test]
    fn a_value_missing_at_the_end_of_the_file_is_refused_after_a_long_line() {
        // A line of more than 4 * CHUNK_TOKENS tokens is cut after commas inside its array, and
        // the last chunk then starts inside that array: an event at its very end is the file's
        // (a value missing at the end of the file), not one of made-up closing brackets.
        let many: String = (0..10_000).map(|_| "1,").collect();
        for end in [
            "id = ",
            "id =",
            "id = \n",
            "id",
            "[[topic]]\nid = ",
            "y = [1, ",
        ] {
            let text = format!("x = [{many}1]\n{end}");
            assert!(error(&text).is_some(), "{end:?}");
            assert_eq!(error(&text), toml_error(&text), "{end:?}");
        }
    }

    #[test]
    fn a_second_byte_order_mark_is_refused() {
        // The caller drops one mark at the start of a file; `toml_parser` would skip a second.
        let message = "a byte-order mark is only allowed at the start of the file";
        assert_eq!(
            error("\u{feff}title = 1\n"),
            Some((message.to_owned(), 0..3))
        );
        let file = b"\xEF\xBB\xBF\xEF\xBB\xBF[roadmap]\ntitle = \"R\"\n".to_vec();
        let (doc, findings) = crate::load::parse(vec![("t.toml".into(), file)]).unwrap();
        let found: Vec<_> = findings
            .iter()
            .map(|f| (f.kind, f.message.english(), f.span.map(|s| s.start..s.end)))
            .collect();
        assert_eq!(
            found,
            [(
                FindingKind::Syntax,
                format!("invalid TOML: {message}"),
                Some(0..3)
            )]
        );
        assert!(doc.meta.is_empty());
        // One mark is the file's own.
        let (doc, findings) = crate::load::parse(vec![(
            "t.toml".into(),
            b"\xEF\xBB\xBF[roadmap]\ntitle = \"R\"\n".to_vec(),
        )])
        .unwrap();
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(doc.meta[0].title, "R");
    }

    #[test]
    fn hours_are_read_in_every_notation_toml_has() {
        let cases: &[(&str, Option<f64>)] = &[
            ("3", Some(3.0)),
            ("1_0", Some(10.0)),
            ("+16", Some(16.0)),
            ("-2", Some(-2.0)),
            ("0x1_0", Some(16.0)),
            ("0o20", Some(16.0)),
            ("0b1_0000", Some(16.0)),
            ("1.5", Some(1.5)),
            ("1_6.2_5", Some(16.25)),
            ("1.6e1", Some(16.0)),
            ("25e-1", Some(2.5)),
            ("inf", None),
            ("-inf", None),
            ("nan", None),
            ("\"2\"", None),
            ("true", None),
            ("[2]", None),
            ("{ h = 2 }", None),
            ("1979-05-27", None),
        ];
        for &(written, hours) in cases {
            let text =
                format!("[[topic]]\nid = \"a\"\ntitle = \"A\"\nstage = \"s\"\nhours = {written}\n");
            let part = read(&text, 0, 0).unwrap().part;
            let topic = &part.topics[0];
            assert_eq!(topic.hours, hours, "hours = {written}");
            let at = text.rfind(written).unwrap();
            match hours {
                Some(_) => {
                    let span = topic.hours_span.unwrap();
                    assert_eq!(
                        (span.start as usize, span.end as usize),
                        (at, at + written.len())
                    );
                    assert!(part.findings.is_empty(), "hours = {written}");
                }
                None => {
                    assert_eq!(topic.hours_span, None);
                    let [finding] = &part.findings[..] else {
                        panic!("hours = {written}: {:?}", part.findings)
                    };
                    assert_eq!(finding.kind, FindingKind::WrongType);
                    let span = finding.span.unwrap();
                    assert_eq!(
                        (span.start as usize, span.end as usize),
                        (at, at + written.len())
                    );
                }
            }
        }
    }

    #[test]
    fn an_item_of_the_wrong_type_is_named_by_its_type_where_it_is_written() {
        let text = "stage = [2]\n[[topic]]\nid = \"a\"\ntitle = \"A\"\nstage = \"s\"\n\
                    tags = [\"t\", 1, 1.5, true, 1979-05-27, [], {}]\n\
                    recommends = [\"b\", false]\nrequires = [\"b\", 3]\nresources = [4]\n";
        let part = read(text, 0, 0).unwrap().part;
        let found: Vec<(String, &str)> = part
            .findings
            .iter()
            .map(|f| {
                let span = f.span.unwrap();
                (
                    f.message.english(),
                    &text[span.start as usize..span.end as usize],
                )
            })
            .collect();
        let tags = "`tags` in a topic must be an array of strings, found";
        assert_eq!(
            found,
            [
                ("each `stage` must be a table, found integer".into(), "2"),
                (format!("{tags} integer"), "1"),
                (format!("{tags} float"), "1.5"),
                (format!("{tags} boolean"), "true"),
                (format!("{tags} datetime"), "1979-05-27"),
                (format!("{tags} array"), "[]"),
                (format!("{tags} table"), "{}"),
                (
                    "`recommends` in a topic must be an array of strings, found boolean".into(),
                    "false"
                ),
                (
                    format!("`requires` in a topic must be {REQUIRES_EXPECTED}, found integer"),
                    "3"
                ),
                (
                    "each `topic.resources` must be a table, found integer".into(),
                    "4"
                ),
            ]
        );
    }

    #[test]
    fn names_point_at_what_is_written() {
        let text = "[[topic]]\nid = \"a\"\nstage = \"s\\u0074\"\nrequires = [\"b\", 'c', \"\\u0064\", \"\", { one_of = [\"e\", \"f\\u0066\"] }]\nrecommends = [\"g\", \"h\\u0068\"]\n[[topic]]\nid = \"b\"\nstage = 's'\n";
        for base in [0, 12] {
            let file = format!("{}{text}", "#".repeat(base));
            let mut sources = crate::source::Sources::default();
            sources.add("t.toml".into(), file.clone());
            let part = read(&file[base..], 0, base).unwrap().part;
            let written = |n: &Name| {
                (
                    n.as_str(&sources).to_owned(),
                    &file[n.span.start as usize..n.span.end as usize],
                )
            };
            let a = &part.topics[0];
            assert_eq!(written(&a.stage), ("st".into(), "\"s\\u0074\""));
            let required: Vec<_> = a
                .requires
                .iter()
                .flat_map(|r| r.topics())
                .map(written)
                .collect();
            assert_eq!(
                required,
                [
                    ("b".into(), "\"b\""),
                    ("c".into(), "'c'"),
                    ("d".into(), "\"\\u0064\""),
                    (String::new(), "\"\""),
                    ("e".into(), "\"e\""),
                    ("ff".into(), "\"f\\u0066\""),
                ]
            );
            let recommended: Vec<_> = a.recommends.iter().map(written).collect();
            assert_eq!(
                recommended,
                [("g".into(), "\"g\""), ("hh".into(), "\"h\\u0068\"")]
            );
            assert_eq!(written(&part.topics[1].stage), ("s".into(), "'s'"));
        }
    }

    #[test]
    fn tables_and_dotted_keys_follow_tomls_rules() {
        let cases = [
            "[a.b]\n[a]\n",
            "[a]\n[a.b]\n",
            "[a]\n[a]\n",
            "[a.b]\n[a]\n[a]\n",
            "a.b = 1\n[a]\n",
            "[a]\nb.c = 1\n[a.b]\n",
            "[a]\nb.c = 1\n[a.b.d]\n",
            "[a]\nb.c = 1\nb.d = 2\n",
            "a = 1\n[a]\n",
            "a = {}\n[a.b]\n",
            "a = {}\n[a]\n",
            "a = { b = 1 }\na.c = 2\n",
            "a = 1\na.b = 2\n",
            "a = [1]\na.b = 2\n",
            "a = \"s\"\na.b = 2\n",
            "a.b.c = 1\na.b = 2\n",
            "a.b = 1\na.b.c = 2\n",
            "a.b = 1\na.c = 2\n",
            "[[a]]\n[a]\n",
            "[a]\n[[a]]\n",
            "a = [1]\n[[a]]\n",
            "a = []\n[a.b]\n",
            "[[a]]\nb = 1\n[[a]]\nb = 2\n[a.c]\n",
            "[[a]]\n[a.b]\n[[a]]\n[a.b]\n",
            "[[a]]\n[a.b]\n[a.b]\n",
            "[[a]]\nb.c = 1\n[a.b]\n",
            "[[a.b]]\n[[a.b]]\n[a]\n",
            "[[a.b]]\n[a]\n[a]\n",
            "x = { a.b = 1, a.c = 2 }\n",
            "x = { a.b = 1, a = 2 }\n",
            "x = { a = { c = 1 }, a.b = 1 }\n",
            "x = { a = 1, a = 2 }\n",
            "x = [{ a = 1, a = 2 }]\n",
            "x = { a.b = 1 }\nx.c = 1\n",
            "[x]\na = { b = 1 }\n[x.a]\n",
            "[x]\na = { b = 1 }\n[x.a.c]\n",
            "[[topic]]\nid = \"a\"\nid = \"b\"\n",
            "[[topic]]\nresources = []\n[[topic.resources]]\n",
            "[roadmap]\ntitle = \"t\"\n[[roadmap]]\n",
            "\"a\" = 1\na = 2\n",
            "'a.b' = 1\na.b = 2\n",
            "a.\"b\" = 1\n'a'.b = 2\n",
            // Syntax errors: toml's messages, at toml's places.
            "a = \n",
            "[a\n",
            "[[a]\n",
            "a = [1,,]\n",
            "a = { b = 1, }\n",
            "a = 1 2\n",
            "= 1\n",
            "a = \"\\q\"\n",
            "a = 1__0\n",
            "a = 'b\n",
            "a = \"b\\\"\n",
            "a = \"b\"\\\n",
            "a = \"\u{7}\"\n",
            "a = [\n1,\n2\n",
            "a = { b = [1, { c = ] }\n",
            "a.b = 1\na.b = 2\nc = [\n",
            "a = 1\n[a\n",
            // Dates and times.
            "x = 1979-05-27T07:32:00Z\ny = 1979-05-27\nz = 07:32:00\nw = 1979-05-27 07:32:00.5+01:00\n",
            "x = 1979-02-30\n",
            "x = 1979-13-01\n",
            "x = 1979-05-27T25:00:00\n",
            "x = [1979-13-01]\n",
            "x = 1979-13-01\nx = 1\n",
        ];
        for text in cases {
            assert_eq!(error(text), toml_error(text), "{text}");
        }
    }

    #[test]
    fn an_integer_of_more_than_64_bits_is_refused_after_any_other_error() {
        let overflow = |text: &str, literal: &str| {
            let at = text.find(literal).unwrap();
            Some((
                "integer number overflowed".to_owned(),
                at..at + literal.len(),
            ))
        };
        for fits in [
            "x = 9223372036854775807\n",
            "x = -9223372036854775808\n",
            "x = 0x7fff_ffff_ffff_ffff\n",
            "x = 0o777_777_777_777_777_777_777\n",
            "x = [0b111, 1_000]\n",
        ] {
            assert_eq!(error(fits), None, "{fits}");
        }
        for (text, literal) in [
            ("x = 9223372036854775808\n", "9223372036854775808"),
            ("x = -9223372036854775809\n", "-9223372036854775809"),
            ("x = 0x8000_0000_0000_0000\n", "0x8000_0000_0000_0000"),
            (
                "x = [1, 0o1_777_777_777_777_777_777_777]\n",
                "0o1_777_777_777_777_777_777_777",
            ),
            (
                "x = 1\ny = { z = 0x1_0000_0000_0000_0000 }\n",
                "0x1_0000_0000_0000_0000",
            ),
            // The first of two.
            (
                "x = 9223372036854775808\ny = 9223372036854775809\n",
                "9223372036854775808",
            ),
        ] {
            assert_eq!(error(text), overflow(text, literal), "{text}");
        }
        // Any other error comes first, wherever it is.
        let text = "x = 9223372036854775808\ny = { z = 1, z = 2 }\n";
        let at = text.rfind('z').unwrap();
        assert_eq!(error(text), Some(("duplicate key".to_owned(), at..at + 1)));
        let text = "x = 9223372036854775808\ny = 1979-13-01\n";
        assert_eq!(error(text).unwrap().0, toml_error(text).unwrap().0);
    }

    #[test]
    fn keys_of_up_to_80_parts_are_read_as_toml_reads_them() {
        for parts in [79, 80, 81] {
            let key = vec!["k"; parts].join(".");
            for text in [
                format!("{key} = 1\n"),
                format!("[{key}]\n"),
                format!("[[{key}]]\n"),
            ] {
                assert_eq!(error(&text), toml_error(&text), "{text}");
                assert_eq!(error(&text).is_some(), parts > 80, "{text}");
            }
        }
    }

    #[test]
    fn a_key_written_twice_in_a_table_of_many_keys_is_refused_at_the_second() {
        // Tables of more than 16 keys are searched through a hash table, which grows.
        for n in [3, 16, 17, 18, 40, 100, 300] {
            let keys: String = (0..n).map(|i| format!("k{i} = {i}\n")).collect();
            for again in [0, n / 2, n - 1] {
                for text in [
                    format!("{keys}k{again} = 1\n"),
                    format!("[t]\n{keys}k{again} = 1\n"),
                ] {
                    let at = text.rfind(&format!("k{again} ")).unwrap();
                    assert_eq!(
                        read(&text, 0, 0).err(),
                        Some(TomlError {
                            message: "duplicate key".into(),
                            range: at..at + format!("k{again}").len(),
                        }),
                        "{n} keys, k{again} again"
                    );
                    assert_eq!(error(&text), toml_error(&text));
                }
            }
            // Tables by header, among as many: another `[[topic]]` is one more topic, a table
            // written twice is refused.
            let tables: String = (0..n).map(|i| format!("[t{i}]\nx = 1\n")).collect();
            let topics = format!("[[topic]]\nid = \"a\"\n{tables}[[topic]]\nid = \"b\"\n");
            let read = read(&topics, 0, 0).expect("two topics");
            assert_eq!(read.part.topics.len(), 2, "{n} tables");
            let twice = format!("{tables}[t{}]\n", n - 1);
            assert_eq!(error(&twice).unwrap().0, "duplicate key", "{n} tables");
            assert_eq!(error(&twice), toml_error(&twice));
        }
    }

    /// What the whole loader (`load::parse`) makes of one file, as text that compares exactly:
    /// the roadmap's tables, each reference as its span and text, and the findings.
    fn loaded(files: Vec<crate::load::RawFile>, tree: bool) -> String {
        let (doc, findings) = if tree {
            crate::load::parse_with_toml_tree(files)
        } else {
            crate::load::parse(files)
        }
        .unwrap();
        let name = |n: &Name| (n.span, n.as_str(&doc.sources).to_owned());
        let topics: Vec<String> = doc
            .topics
            .iter()
            .map(|t| {
                let requires: Vec<_> = t
                    .requires
                    .iter()
                    .map(|r| match r {
                        Requirement::Topic(n) => (None, vec![name(n)]),
                        Requirement::OneOf(g) => {
                            (Some(g.span), g.alternatives.iter().map(name).collect())
                        }
                    })
                    .collect();
                let recommends: Vec<_> = t.recommends.iter().map(name).collect();
                format!(
                    "{:?} {:?} {:?} {:?}",
                    (&t.id, t.id_span, &t.title, &t.summary, t.texts, t.span),
                    (name(&t.stage), t.kind, t.hours, t.hours_span),
                    (requires, recommends, &t.tags),
                    (&t.i18n, &t.resources)
                )
            })
            .collect();
        let mut findings: Vec<String> = findings.iter().map(|f| format!("{f:?}")).collect();
        findings.sort();
        format!(
            "meta: {:?}\nstages: {:?}\ntopics: {topics:#?}\nfindings: {findings:#?}",
            doc.meta, doc.stages
        )
    }

    /// Checks that the whole loader reads the file `text` as the tree loader does.
    fn as_the_tree_loader_reads(text: &str) {
        let files = vec![("t.toml".to_owned(), text.as_bytes().to_vec())];
        assert_eq!(loaded(files.clone(), false), loaded(files, true), "{text}");
    }

    #[test]
    fn tables_written_in_the_wrong_shape_are_read_as_the_tree_loader_reads_them() {
        let stage = "id = \"s\"\ntitle = \"S\"\n";
        let topic = "id = \"a\"\ntitle = \"A\"\nstage = \"s\"\n";
        let resource = "title = \"R\"\nurl = \"https://example.org/\"\n";
        let cases = [
            // A lone `[stage]`, `[topic]`, `[topic.resources]`: reported, and read as the one
            // table each plainly means.
            (
                format!("[stage]\n{stage}[[topic]]\n{topic}"),
                (1, 1, 0),
                None,
            ),
            (
                format!("[[stage]]\n{stage}[topic]\n{topic}"),
                (1, 1, 0),
                None,
            ),
            (
                format!("[[stage]]\n{stage}[[topic]]\n{topic}[topic.resources]\n{resource}"),
                (1, 1, 1),
                None,
            ),
            (
                format!(
                    "[[stage]]\n{stage}[[topic]]\n{topic}\
                     resources = {{ title = \"R\", url = \"https://example.org/\" }}\n"
                ),
                (1, 1, 1),
                None,
            ),
            (
                format!(
                    "stage = {{ id = \"s\", title = \"S\" }}\ntopic = {{ {} }}\n",
                    topic.trim_end().replace('\n', ", ")
                ),
                (1, 1, 0),
                None,
            ),
            // `roadmap` as an array: reported, and its first table read.
            (
                "[[roadmap]]\ntitle = \"First\"\n[[roadmap]]\ntitle = \"Second\"\n".to_owned(),
                (0, 0, 0),
                Some("First"),
            ),
            (
                "roadmap = [1, { title = \"First\" }, { title = \"Second\" }]\n".to_owned(),
                (0, 0, 0),
                Some("First"),
            ),
            (
                "roadmap = 1\nstage = 2\ntopic = \"t\"\n".to_owned(),
                (0, 0, 0),
                None,
            ),
        ];
        for (text, (stages, topics, resources), title) in cases {
            as_the_tree_loader_reads(&text);
            let part = read(&text, 0, 0).unwrap().part;
            let counts = (
                part.stages.len(),
                part.topics.len(),
                part.topics.iter().map(|t| t.resources.len()).sum::<usize>(),
            );
            assert_eq!(counts, (stages, topics, resources), "{text}");
            assert_eq!(part.meta.map(|m| m.title).as_deref(), title, "{text}");
            let shapes = part
                .findings
                .iter()
                .filter(|f| matches!(f.kind, FindingKind::WrongType | FindingKind::RoadmapTable))
                .count();
            assert!(shapes >= 1, "{text}: {:?}", part.findings);
        }
    }

    #[test]
    fn a_stage_reference_holding_a_raw_c1_control_is_read_as_the_tree_loader_reads_it() {
        // U+0085 written as itself, not as an escape (TOML allows C1 controls in strings): the
        // stage's id is a text, and `printable` makes it U+FFFD; the reference is kept as
        // written, as the tree loader keeps it, and so names no stage.
        let text = "[roadmap]\ntitle = \"R\"\n[[stage]]\nid = \"s\u{85}\"\ntitle = \"S\"\n\
                    [[topic]]\nid = \"a\"\ntitle = \"A\"\nstage = \"s\u{85}\"\n";
        let files = vec![("t.toml".to_owned(), text.as_bytes().to_vec())];
        type Seen = (
            Vec<String>,
            String,
            Vec<(FindingKind, String, Option<Span>)>,
        );
        let checked = |(doc, findings): (crate::model::Document, Vec<Finding>)| -> Seen {
            let ids = doc.stages.iter().map(|s| s.id.clone()).collect();
            let stage = doc.topics[0].stage.as_str(&doc.sources).to_owned();
            let found = crate::validate::validate(doc, findings)
                .findings
                .into_iter()
                .map(|f| (f.kind, f.message.english(), f.span))
                .collect();
            (ids, stage, found)
        };
        let new = checked(crate::load::parse(files.clone()).unwrap());
        let old = checked(crate::load::parse_with_toml_tree(files).unwrap());
        assert_eq!(new, old);
        let (ids, stage, found) = new;
        assert_eq!(ids, ["s\u{fffd}"]);
        assert_eq!(stage, "s\u{85}");
        let at = text.rfind("\"s\u{85}\"").unwrap();
        let unknown: Vec<_> = found
            .iter()
            .filter(|f| f.0 == FindingKind::UnknownStage)
            .map(|f| f.2.map(|s| s.start as usize..s.end as usize))
            .collect();
        assert_eq!(unknown, [Some(at..at + 5)], "{found:?}");
    }
}
