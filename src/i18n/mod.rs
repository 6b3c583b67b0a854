//! Every message the user reads, in zh-CN first and en-US second, from the Fluent catalogs in
//! `assets/i18n/`. A message id is the stable code of the error or finding it describes.

use std::collections::BTreeMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::error::{Error, Problem};

const ZH: &str = include_str!("../../assets/i18n/zh-CN.ftl");
const EN: &str = include_str!("../../assets/i18n/en-US.ftl");
/// The command line's help in Chinese (the English help is the CLI's own documentation comments).
const ZH_CLI: &str = include_str!("../../assets/i18n/zh-CN-cli.ftl");
/// The window's own words (the window bundles these files itself; here for the tests that keep the
/// catalogue one: same ids in both languages, no id shared with the core's messages).
#[cfg(test)]
const ZH_UI: &str = include_str!("../../assets/i18n/zh-CN-ui.ftl");
#[cfg(test)]
const EN_UI: &str = include_str!("../../assets/i18n/en-US-ui.ftl");

/// Who reads a message. Advice differs by face: the window names its buttons and pages, the command
/// line its commands and flags (`{ $face -> [window] … *[cli] … }` in the catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Face {
    /// The command line (the default).
    #[default]
    Cli,
    /// The desktop window.
    Window,
}

impl Face {
    fn as_str(self) -> &'static str {
        match self {
            Face::Cli => "cli",
            Face::Window => "window",
        }
    }
}

/// A display language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Parses `zh`, `zh-CN`, `en`, `en-US` (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// Formats messages in one language.
pub struct Localizer {
    bundle: FluentBundle<FluentResource>,
    face: Face,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Localizer")
    }
}

impl Localizer {
    /// A localizer for `lang`, wording advice for the command line.
    pub fn new(lang: Lang) -> Self {
        Self::with_face(lang, Face::Cli)
    }

    /// A localizer for `lang`, wording advice for the window (its buttons, not the CLI's flags).
    pub fn for_window(lang: Lang) -> Self {
        Self::with_face(lang, Face::Window)
    }

    fn with_face(lang: Lang, face: Face) -> Self {
        let (tag, src) = match lang {
            Lang::Zh => (unic_langid::langid!("zh-CN"), ZH),
            Lang::En => (unic_langid::langid!("en-US"), EN),
        };
        let res = FluentResource::try_new(src.to_string()).expect("catalogs parse (checked by tests)");
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        bundle.set_use_isolating(false);
        bundle.add_resource(res).expect("no duplicate message ids (checked by tests)");
        Localizer { bundle, face }
    }

    /// The command line's help texts in `lang`, when they are not the built-in English ones.
    pub fn cli_help(lang: Lang) -> Option<Self> {
        (lang == Lang::Zh).then(|| {
            let res = FluentResource::try_new(ZH_CLI.to_string())
                .expect("the help catalog parses (checked by tests)");
            let mut bundle = FluentBundle::new_concurrent(vec![unic_langid::langid!("zh-CN")]);
            bundle.set_use_isolating(false);
            bundle.add_resource(res).expect("no duplicate message ids (checked by tests)");
            Localizer { bundle, face: Face::Cli }
        })
    }

    /// Whether the catalog has this message.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id` with named arguments; an unknown id comes back as itself with its arguments,
    /// so nothing is ever silently dropped.
    pub fn text(&self, id: &str, args: &BTreeMap<&str, String>) -> String {
        let Some(msg) = self.bundle.get_message(id) else {
            return fallback(id, args);
        };
        let Some(pattern) = msg.value() else {
            return fallback(id, args);
        };
        let mut fargs = FluentArgs::new();
        fargs.set("face", FluentValue::from(self.face.as_str()));
        for (k, v) in args {
            fargs.set(*k, FluentValue::from(v.as_str()));
        }
        let mut errors = Vec::new();
        let s = self.bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        s.into_owned()
    }

    /// A message with no arguments.
    pub fn plain(&self, id: &str) -> String {
        self.text(id, &BTreeMap::new())
    }

    /// One problem in a profile or packet, with its location.
    pub fn problem(&self, p: &Problem) -> String {
        let mut args = p.args.clone();
        // Arguments that are tokens (`reason = "absolute"`) are themselves messages (`reason-absolute`).
        for (name, value) in args.iter_mut() {
            let id = format!("{name}-{value}");
            if self.has(&id) {
                *value = self.plain(&id);
            }
        }
        args.insert("at", p.at.clone());
        args.entry("detail").or_default();
        args.entry("value").or_default();
        let mut s = self.text(p.code, &args);
        if let Some(line) = p.args.get("line") {
            let mut a = BTreeMap::new();
            a.insert("line", line.clone());
            s.push_str(&self.text("where-line", &a));
        }
        s
    }

    /// An error: its message, then one line per problem it carries.
    pub fn error(&self, e: &Error) -> String {
        let mut s = self.text(e.code(), &e.args());
        for p in e.problems() {
            s.push_str("\n  - ");
            s.push_str(&self.problem(p));
            s.push_str(&format!(" [{}]", p.code));
        }
        s
    }
}

fn fallback(id: &str, args: &BTreeMap<&str, String>) -> String {
    let mut s = id.to_string();
    for (k, v) in args {
        s.push_str(&format!(" {k}={v}"));
    }
    s
}

/// Every message id of a catalog (for tests and for the UI's type generation).
pub fn message_ids(lang: Lang) -> Vec<String> {
    let src = match lang {
        Lang::Zh => ZH,
        Lang::En => EN,
    };
    let res = FluentResource::try_new(src.to_string()).expect("catalog parses");
    res.entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids_of(src: &str) -> Vec<String> {
        let res = FluentResource::try_new(src.to_string()).expect("catalog parses");
        let mut ids: Vec<String> = res
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        ids.sort();
        ids
    }

    #[test]
    fn catalogs_parse_and_have_the_same_ids() {
        for src in [ZH, EN, ZH_CLI, ZH_UI, EN_UI] {
            FluentResource::try_new(src.to_string()).expect("catalog parses");
        }
        assert_eq!(ids_of(ZH), ids_of(EN), "zh-CN and en-US catalogs must define the same messages");
        assert_eq!(ids_of(ZH_UI), ids_of(EN_UI), "the window's zh-CN and en-US texts must be the same ids");
        // One catalogue: the window's ids and the core's never collide, so both load into one bundle.
        let core = ids_of(ZH);
        let shared: Vec<_> = ids_of(ZH_UI).into_iter().filter(|id| core.contains(id)).collect();
        assert!(shared.is_empty(), "ids in both the core's and the window's files: {shared:?}");
    }

    /// The text a reader of `face` can meet in a message: every variant of every selection, except
    /// the other face's variants of a `$face` selection.
    fn reachable_text(pattern: &fluent_syntax::ast::Pattern<&str>, face: &str, out: &mut String) {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement, VariantKey};
        for el in &pattern.elements {
            match el {
                PatternElement::TextElement { value } => out.push_str(value),
                PatternElement::Placeable { expression } => match expression {
                    Expression::Select { selector, variants } => {
                        let on_face = matches!(selector, InlineExpression::VariableReference { id } if id.name == "face");
                        for v in variants {
                            let key = match &v.key {
                                VariantKey::Identifier { name } => *name,
                                VariantKey::NumberLiteral { value } => *value,
                            };
                            if !on_face || key == face {
                                reachable_text(&v.value, face, out);
                            }
                        }
                    }
                    Expression::Inline(InlineExpression::StringLiteral { value }) => out.push_str(value),
                    Expression::Inline(_) => {}
                },
            }
        }
    }

    /// The window never tells its user to type a command or a flag; the command line keeps them.
    #[test]
    fn window_words_name_no_command_and_no_flag() {
        let flag = |s: &str| {
            s.split(|c: char| c.is_whitespace() || "（(“`".contains(c))
                .any(|w| w.starts_with("--") && w[2..].starts_with(|c: char| c.is_ascii_lowercase()))
                || s.contains("jianbao ")
        };
        let mut cli_with_flags = 0;
        for src in [ZH, EN, ZH_UI, EN_UI] {
            let res = FluentResource::try_new(src.to_string()).expect("catalog parses");
            for entry in res.entries() {
                let fluent_syntax::ast::Entry::Message(m) = entry else { continue };
                // (`cli-…` messages are the command line's own reports)
                if m.id.name.starts_with("cli-") {
                    continue;
                }
                let Some(pattern) = &m.value else { continue };
                let mut window = String::new();
                reachable_text(pattern, "window", &mut window);
                assert!(!flag(&window), "{} tells a window user to type a command: {window}", m.id.name);
                let mut cli = String::new();
                reachable_text(pattern, "cli", &mut cli);
                cli_with_flags += usize::from(flag(&cli));
            }
        }
        assert!(cli_with_flags >= 20, "the command line lost its advice ({cli_with_flags} messages)");
        // And the selection works at run time.
        let mut a = BTreeMap::new();
        a.insert("unit", "某县科协".to_string());
        a.insert("old", "A".to_string());
        a.insert("key", "B".to_string());
        assert!(Localizer::new(Lang::Zh).text("err-trust-conflict", &a).contains("--replace"));
        let w = Localizer::for_window(Lang::En).text("err-trust-conflict", &a);
        assert!(w.contains("Replace another key already registered") && !w.contains("--"), "{w}");
    }

    /// Message ids chosen at run time come from typed enums; every variant's id is in every catalogue,
    /// so no raw key can reach a user.
    #[test]
    fn every_typed_message_id_is_in_every_catalogue() {
        use crate::media::{Colour, Kind};
        use crate::profile::{Authority, Background};
        let mut ids: Vec<&str> = Vec::new();
        ids.extend(Colour::ALL.iter().map(|c| c.message_id()));
        ids.extend(Kind::ALL.iter().map(|k| k.message_id()));
        ids.extend(crate::profile::FieldKind::ALL.iter().map(|k| k.message_id()));
        ids.extend(
            [Authority::Notice, Authority::Form, Authority::Advice, Authority::Program]
                .map(Authority::message_id),
        );
        ids.extend([Background::Red, Background::White, Background::Blue].map(Background::message_id));
        for lang in [Lang::Zh, Lang::En] {
            let known = message_ids(lang);
            for id in &ids {
                assert!(known.iter().any(|k| k == id), "{id} is missing from the {lang:?} catalogue");
            }
        }
    }

    #[test]
    fn formats_arguments_without_isolation_marks() {
        let l = Localizer::new(Lang::Zh);
        let mut a = BTreeMap::new();
        a.insert("id", "x".to_string());
        a.insert("known", "a, b".to_string());
        let s = l.text("err-profile-unknown", &a);
        assert!(s.contains("x") && !s.contains('\u{2068}'), "{s}");
    }
}
