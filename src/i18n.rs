//! The interface language: how it is chosen, the message catalogues that speak it, and messages
//! as data ([`Msg`]) that are put into words only where they are shown.
//!
//! Every text a command shows a person comes from a Project Fluent catalogue, one file per
//! language in `src/i18n/` (compiled in). Code names a message and its arguments with [`msg!`](crate::msg!);
//! a [`Localizer`] turns that into text in the chosen language. Messages stay data until then, so
//! a finding validated (and cached) once can be shown in any language, and machine-readable
//! output (JSON, DOT, exit codes, finding kinds) never depends on the language.
//!
//! The language is `--lang`, else `ROADMAP_LANG` (clap reads both into one option), else the
//! system locale (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`). One choice serves both the
//! interface and the roadmap's content: `zh_CN.UTF-8`, `zh-CN` and `zh-Hans` all mean `zh`.

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

/// Messages of the command line that the HTML page says too, by id prefix: the reasons of a
/// plan's choices (`plan` and the page give the same), and hours as the drawing's nodes write
/// them, so the page's lists and its drawing use one unit.
const SHARED_WITH_PAGE: [&str; 4] = [
    "choice-",
    "list-separator",
    "diagram-hours",
    "diagram-no-hours",
];

/// The languages that have a catalogue: code and Fluent source. English is complete by
/// definition; a test keeps every other catalogue in step with it.
pub const CATALOGUES: [(&str, &str); 2] = [
    ("en", include_str!("i18n/en.ftl")),
    ("zh", include_str!("i18n/zh.ftl")),
];

/// A language with a catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ui {
    En,
    Zh,
}

impl Ui {
    pub const ALL: [Ui; 2] = [Ui::En, Ui::Zh];

    /// The catalogue's language code.
    pub fn code(self) -> &'static str {
        CATALOGUES[self as usize].0
    }

    /// The catalogue for a language tag (`zh-CN` speaks `zh`), English when there is none.
    pub fn for_tag(tag: Option<&str>) -> Ui {
        match tag.map(primary) {
            Some("zh") => Ui::Zh,
            _ => Ui::En,
        }
    }
}

/// A language tag in BCP 47 form from what a user or the system gave: `zh_CN.UTF-8` and `zh-CN`
/// give `zh-CN`; the charset and `@modifier` go, `_` becomes `-`. `C`, `POSIX` and anything that
/// does not start with a language subtag give `None` (no preference).
pub fn tag(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let raw = raw.split(['.', '@']).next().unwrap_or("");
    let tag = raw.replace('_', "-");
    let lang = tag.split('-').next().unwrap_or("");
    let is_language =
        (2..=8).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_alphabetic());
    if !is_language || tag.eq_ignore_ascii_case("posix") {
        return None;
    }
    let mut parts = tag.split('-');
    let mut out = parts.next().unwrap_or("").to_ascii_lowercase();
    for part in parts.filter(|p| !p.is_empty()) {
        out.push('-');
        out.push_str(part);
    }
    Some(out)
}

/// The primary language subtag: `zh` of `zh-Hans-CN`.
pub fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// Where the language came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// `--lang` or `ROADMAP_LANG`: the user asked for it, so a roadmap without it is worth a
    /// warning.
    Asked,
    /// The system locale: used where it can be, silently.
    System,
    /// Nothing chosen: the roadmap's own language and the English interface.
    Default,
}

/// The chosen language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The tag, `None` for the default.
    pub tag: Option<String>,
    pub source: Source,
}

impl Choice {
    /// From `--lang`/`ROADMAP_LANG` (empty counts as unset), else the system locale.
    pub fn resolve(asked: Option<&str>) -> Choice {
        Choice::resolve_with(asked, sys_locale::get_locales())
    }

    fn resolve_with(asked: Option<&str>, system: impl IntoIterator<Item = String>) -> Choice {
        if let Some(asked) = asked.filter(|a| !a.trim().is_empty()) {
            return Choice {
                // A code that is no language tag is still looked up as written, so a roadmap
                // may use any code; it just has no catalogue.
                tag: Some(tag(asked).unwrap_or_else(|| asked.trim().to_owned())),
                source: Source::Asked,
            };
        }
        // The first locale decides, as in POSIX: `LC_ALL=C` means the default even when `LANG`
        // names another language.
        match system.into_iter().next().and_then(|l| tag(&l)) {
            Some(tag) => Choice {
                tag: Some(tag),
                source: Source::System,
            },
            None => Choice {
                tag: None,
                source: Source::Default,
            },
        }
    }

    pub fn ui(&self) -> Ui {
        Ui::for_tag(self.tag.as_deref())
    }

    pub fn localizer(&self) -> &'static Localizer {
        Localizer::get(self.ui())
    }
}

/// An argument of a message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Arg {
    Str(String),
    /// A number: the catalogue may choose words by its plural category.
    Num(f64),
    /// A message put into words first, in the same language.
    Msg(Box<Msg>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Str(s.clone())
    }
}
impl From<Cow<'_, str>> for Arg {
    fn from(s: Cow<'_, str>) -> Arg {
        Arg::Str(s.into_owned())
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}
macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Num(n as f64)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64, f64);

/// A message as data: a catalogue id with named arguments, or text that needs no translation
/// (names from a roadmap, or text not yet in a catalogue).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Msg {
    Id {
        id: Cow<'static, str>,
        args: Vec<(Cow<'static, str>, Arg)>,
    },
    Text(String),
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg::Id {
            id: Cow::Borrowed(id),
            args: Vec::new(),
        }
    }

    /// Adds a named argument (`$name` in the catalogue).
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        if let Msg::Id { args, .. } = &mut self {
            args.push((Cow::Borrowed(name), value.into()));
        }
        self
    }

    /// The message in English: for JSON and other output that must not change with the
    /// language, and for `Display`.
    pub fn english(&self) -> String {
        Localizer::get(Ui::En).text(self)
    }
}

impl From<String> for Msg {
    fn from(s: String) -> Msg {
        Msg::Text(s)
    }
}
impl From<&str> for Msg {
    fn from(s: &str) -> Msg {
        Msg::Text(s.to_owned())
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english())
    }
}

/// A message: `msg!("plan-total", topics = 3, hours = "12 h")`. Argument names are the
/// catalogue's variables (`{ $topics }`).
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($id)$(.arg(stringify!($name), $value))*
    };
}

/// One language's catalogue, with English beneath it for any message it lacks.
pub struct Localizer {
    ui: Ui,
    bundle: FluentBundle<FluentResource>,
}

static LOCALIZERS: [LazyLock<Localizer>; 2] = [
    LazyLock::new(|| Localizer::build(Ui::En)),
    LazyLock::new(|| Localizer::build(Ui::Zh)),
];

impl Localizer {
    /// The catalogue of a language, parsed on first use.
    pub fn get(ui: Ui) -> &'static Localizer {
        &LOCALIZERS[ui as usize]
    }

    fn build(ui: Ui) -> Localizer {
        let (code, source) = CATALOGUES[ui as usize];
        let id: LanguageIdentifier = code.parse().expect("catalogue codes are language tags");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // No Unicode isolation marks around arguments: terminals show them as stray characters.
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(source.to_owned())
            .unwrap_or_else(|(_, errors)| panic!("catalogue {code} does not parse: {errors:?}"));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("catalogue {code} has duplicates: {errors:?}"));
        Localizer { ui, bundle }
    }

    pub fn ui(&self) -> Ui {
        self.ui
    }

    pub fn code(&self) -> &'static str {
        self.ui.code()
    }

    /// Whether the catalogue itself (not English beneath it) has this message.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// A message without arguments.
    pub fn t(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// A message in words.
    pub fn text(&self, msg: &Msg) -> String {
        match msg {
            Msg::Text(s) => s.clone(),
            Msg::Id { id, args } => self.format(id, args),
        }
    }

    /// A message's `.help` attribute in words: the line shown as `= help: ...` under an error.
    pub fn help(&self, msg: &Msg) -> Option<String> {
        match msg {
            Msg::Text(_) => None,
            Msg::Id { id, args } => {
                let message = self.bundle.get_message(id);
                if message.is_none() && self.ui != Ui::En {
                    return Localizer::get(Ui::En).help(msg);
                }
                let pattern = message?.get_attribute("help")?.value();
                Some(self.resolve(id, pattern, args))
            }
        }
    }

    fn format(&self, id: &str, args: &[(Cow<'static, str>, Arg)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return match self.ui {
                Ui::En => {
                    debug_assert!(false, "message `{id}` is in no catalogue");
                    id.to_owned()
                }
                _ => Localizer::get(Ui::En).format(id, args),
            };
        };
        self.resolve(id, pattern, args)
    }

    fn resolve(
        &self,
        id: &str,
        pattern: &fluent_syntax::ast::Pattern<&str>,
        args: &[(Cow<'static, str>, Arg)],
    ) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let value = match value {
                Arg::Str(s) => FluentValue::from(s.as_str()),
                Arg::Num(n) => FluentValue::from(*n),
                Arg::Msg(m) => FluentValue::from(self.text(m)),
            };
            fluent_args.set(name.as_ref(), value);
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        debug_assert!(errors.is_empty(), "message `{id}`: {errors:?}");
        text.into_owned()
    }

    /// The messages of the HTML page (ids starting `page-`, and those it shares with the command
    /// line: `choice-*` and `list-separator`) as data its script formats: each a
    /// list of parts, a part being text, `{"var": NAME}`, or `{"select": NAME, "variants":
    /// {KEY: parts}, "default": KEY}` (a key is a plural category such as `one`, or a number).
    /// The script picks a variant with `Intl.PluralRules`, so the catalogue stays the one source
    /// of the page's words.
    pub fn page_messages(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut out = serde_json::Map::new();
        for id in Localizer::get(Ui::En).ids() {
            if !id.starts_with("page-") && !SHARED_WITH_PAGE.iter().any(|p| id.starts_with(p)) {
                continue;
            }
            let localizer = if self.has(&id) {
                self
            } else {
                Localizer::get(Ui::En)
            };
            if let Some(pattern) = localizer.bundle.get_message(&id).and_then(|m| m.value()) {
                out.insert(id, pattern_json(pattern));
            }
        }
        out
    }

    /// The literal text of a message, every variant included, without its placeables: what
    /// tests look for to find one language's words in another's output.
    pub fn literals(&self, id: &str) -> Vec<String> {
        fn walk(value: &serde_json::Value, out: &mut Vec<String>) {
            match value {
                serde_json::Value::String(s) => out.push(s.clone()),
                serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
                serde_json::Value::Object(map) => map
                    .get("variants")
                    .into_iter()
                    .flat_map(|v| v.as_object())
                    .flat_map(|v| v.values())
                    .for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        if let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) {
            walk(&pattern_json(pattern), &mut out);
        }
        out
    }

    /// Every message id of the catalogue, sorted.
    pub fn ids(&self) -> Vec<String> {
        let (_, source) = CATALOGUES[self.ui as usize];
        message_ids(source)
    }
}

/// A Fluent pattern as the page's script reads it (see [`Localizer::page_messages`]).
fn pattern_json(pattern: &fluent_syntax::ast::Pattern<&str>) -> serde_json::Value {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement, VariantKey};
    use serde_json::{Value, json};
    let parts = pattern.elements.iter().map(|element| match element {
        PatternElement::TextElement { value } => Value::from(*value),
        PatternElement::Placeable { expression } => match expression {
            Expression::Inline(InlineExpression::VariableReference { id }) => {
                json!({ "var": id.name })
            }
            Expression::Select { selector, variants } => {
                let InlineExpression::VariableReference { id } = selector else {
                    panic!("page messages select on a variable only");
                };
                let key = |k: &VariantKey<&str>| match k {
                    VariantKey::Identifier { name } => name.to_string(),
                    VariantKey::NumberLiteral { value } => value.to_string(),
                };
                let default = variants.iter().find(|v| v.default).map(|v| key(&v.key));
                let variants: serde_json::Map<String, Value> = variants
                    .iter()
                    .map(|v| (key(&v.key), pattern_json(&v.value)))
                    .collect();
                json!({ "select": id.name, "variants": variants, "default": default })
            }
            Expression::Inline(InlineExpression::StringLiteral { value }) => Value::from(*value),
            other => panic!("page messages use text, variables and plurals only: {other:?}"),
        },
    });
    Value::Array(parts.collect())
}

/// The message ids a catalogue defines (its `id =` lines), sorted.
fn message_ids(source: &str) -> Vec<String> {
    let mut ids: Vec<String> = source
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_owned()))
        .collect();
    ids.sort();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_from_users_and_systems() {
        assert_eq!(tag("zh_CN.UTF-8").as_deref(), Some("zh-CN"));
        assert_eq!(tag("zh-CN").as_deref(), Some("zh-CN"));
        assert_eq!(tag("zh-Hans").as_deref(), Some("zh-Hans"));
        assert_eq!(tag("ZH").as_deref(), Some("zh"));
        assert_eq!(tag("de_DE@euro").as_deref(), Some("de-DE"));
        assert_eq!(tag("C.UTF-8"), None);
        assert_eq!(tag("C"), None);
        assert_eq!(tag("POSIX"), None);
        assert_eq!(tag(""), None);
        for zh in ["zh_CN.UTF-8", "zh-CN", "zh-Hans", "zh"] {
            assert_eq!(Ui::for_tag(tag(zh).as_deref()), Ui::Zh, "{zh}");
        }
        assert_eq!(Ui::for_tag(Some("fr")), Ui::En);
        assert_eq!(Ui::for_tag(None), Ui::En);
    }

    #[test]
    fn the_asked_language_wins_then_the_system_locale() {
        let sys = || vec!["C".to_owned(), "zh-CN".to_owned()];
        let zh = || vec!["zh-CN".to_owned(), "en-US".to_owned()];
        let asked = Choice::resolve_with(Some("en"), zh());
        assert_eq!(
            (asked.tag.as_deref(), asked.source),
            (Some("en"), Source::Asked)
        );
        let empty = Choice::resolve_with(Some(" "), zh());
        assert_eq!(
            (empty.tag.as_deref(), empty.source),
            (Some("zh-CN"), Source::System)
        );
        assert_eq!(empty.ui(), Ui::Zh);
        let none = Choice::resolve_with(None, sys());
        assert_eq!((none.tag, none.source), (None, Source::Default));
    }

    #[test]
    fn every_catalogue_has_the_messages_of_english() {
        let english = Localizer::get(Ui::En).ids();
        assert!(!english.is_empty());
        for ui in Ui::ALL {
            let ids = Localizer::get(ui).ids();
            let missing: Vec<_> = english.iter().filter(|id| !ids.contains(id)).collect();
            let extra: Vec<_> = ids.iter().filter(|id| !english.contains(id)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", ui.code());
            assert!(extra.is_empty(), "{} has unknown {extra:?}", ui.code());
            for id in &english {
                assert!(
                    Localizer::get(ui).has(id),
                    "{} cannot read `{id}`",
                    ui.code()
                );
            }
        }
    }

    /// Every message id the code names (`msg!("id"` and `.t("id")`) is in the catalogues.
    #[test]
    fn every_message_the_code_names_exists() {
        let english = Localizer::get(Ui::En).ids();
        let mut named = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let page = path.extension().is_some_and(|e| e == "html" || e == "js");
            if !(page || path.extension().is_some_and(|e| e == "rs")) || path.ends_with("i18n.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path)
                .unwrap()
                .replace("{{t:", "\"");
            let text = text.replace("T('", "T(\"").replace("fail('", "fail(\"");
            for opener in ["msg!(", ".t(", "T(", "fail("] {
                for (at, _) in text.match_indices(opener) {
                    let rest = text[at + opener.len()..].trim_start();
                    let Some(rest) = rest.strip_prefix('"') else {
                        continue;
                    };
                    let id: String = rest
                        .chars()
                        .take_while(|&c| c != '"' && c != '\'' && c != '}')
                        .collect();
                    named.push((path.display().to_string(), id));
                }
            }
        }
        assert!(named.len() > 20, "{named:?}");
        // An id ending in `-` is a prefix the code completes (`'page-state-' + state`).
        let known = |id: &String| match id.strip_suffix('-') {
            Some(_) => english.iter().any(|e| e.starts_with(id.as_str())),
            None => english.contains(id),
        };
        let missing: Vec<_> = named.iter().filter(|(_, id)| !known(id)).collect();
        assert!(missing.is_empty(), "not in the catalogues: {missing:?}");
    }

    #[test]
    fn page_messages_are_data_the_script_can_format() {
        for ui in Ui::ALL {
            let messages = Localizer::get(ui).page_messages();
            assert!(messages.len() > 50, "{}", messages.len());
            assert!(messages.keys().all(|k| {
                k.starts_with("page-") || SHARED_WITH_PAGE.iter().any(|p| k.starts_with(p))
            }));
        }
        let en = Localizer::get(Ui::En).page_messages();
        assert_eq!(
            serde_json::Value::Object(en)["page-search-count"],
            serde_json::json!([{
                "select": "count",
                "default": "other",
                "variants": {
                    "one": [{ "var": "count" }, " topic matches"],
                    "other": [{ "var": "count" }, " topics match"],
                },
            }])
        );
    }

    #[test]
    fn arguments_and_plurals() {
        let en = Localizer::get(Ui::En);
        let zh = Localizer::get(Ui::Zh);
        let one = crate::msg!("topics-count", count = 1);
        let many = crate::msg!("topics-count", count = 3);
        assert_eq!(en.text(&one), "1 topic");
        assert_eq!(en.text(&many), "3 topics");
        assert_eq!(zh.text(&many), "3 个主题");
        assert_eq!(Msg::from("as is").english(), "as is");
    }
}
