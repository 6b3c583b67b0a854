//! The campaign profile: one award notice's rules as data.
//!
//! A profile is a TOML file under `assets/profiles/`. Every rule carries its authority (`clause`), on the
//! rule itself or on the item that holds it: a clause of the notice quoted verbatim, an item of the
//! form's 填表说明 quoted verbatim, or our own advice — which only ever warns. The format is documented
//! in `docs/profiles.md`; `docs/profile.schema.json` is generated from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The `format` value every profile file must carry.
pub const PROFILE_FORMAT: &str = "jianbao-profile/1";

/// A campaign profile, as read from its TOML file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Always `jianbao-profile/1`.
    pub format: String,
    /// Stable identifier, lower-case ASCII words joined by `-` (`ordos-2021-zuimei`).
    pub id: String,
    /// The campaign's full title in the notice's words.
    pub title: String,
    /// A short name used in file names (`最美科技工作者`).
    pub short_title: String,
    /// The campaign year.
    pub year: u16,
    /// Who organises the campaign (the notice's 主办单位).
    pub organiser: String,
    /// The notice this profile was written from.
    pub notice: Notice,
    /// Which form the profile's fields come from, and whether it is borrowed.
    pub form_source: FormSource,
    /// The submission deadline, if the notice sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
    /// Where and how the materials are delivered.
    pub delivery: Delivery,
    /// How many candidates one unit may recommend.
    pub quota: Quota,
    /// The candidate's recommendation form (推荐表).
    pub candidate_form: Form,
    /// The recommending unit's own data (推荐单位, contact…).
    pub unit_form: Form,
    /// The unit's summary table (汇总表), when the notice has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
    /// Files attached per candidate: ID photo, photos, videos, per-candidate documents.
    #[serde(default)]
    pub candidate_slots: Vec<Slot>,
    /// Files attached once per unit: work report, meeting minutes…
    #[serde(default)]
    pub unit_slots: Vec<Slot>,
    /// Materials of which each candidate gives at least one (`形式不限，以征文和视频为主`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternatives>,
    /// What must be handed in, in which formats and how many paper copies.
    #[serde(default)]
    pub deliverables: Vec<Deliverable>,
    /// Rules a program cannot judge; the unit confirms each one.
    #[serde(default)]
    pub declarations: Vec<Declaration>,
}

/// The notice a profile encodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// The notice's title.
    pub title: String,
    /// Who issued it.
    pub issuer: String,
    /// Its document number (文号), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Its date of issue, `YYYY-MM-DD`, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    /// Where the text came from (a seed file, a URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Which form the profile's fields reproduce.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct FormSource {
    /// The title of the form reproduced (`2021年“最美科技工作者”推荐表`).
    pub form: String,
    /// When the notice does not show its form: the form borrowed instead, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub borrowed_from: Option<String>,
    /// Anything else worth knowing about the form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When the notice does not reproduce its form: the built-in text of the form that `form`
    /// clauses quote (`form-zuimei-2021`, a file under `assets/notices/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// The deadline for delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// Last day, `YYYY-MM-DD`, China Standard Time; materials are due before the end of this day
    /// unless `before` is true, in which case they are due before the day starts (`6月2日前`).
    pub date: String,
    /// `true` when the notice says `…前`, meaning the day itself is already late.
    #[serde(default)]
    pub before: bool,
    /// `true` when late materials are refused (`过期不候`, `逾期不再受理`): lateness is an error.
    #[serde(default)]
    pub strict: bool,
    /// Warn this many days before the deadline.
    #[serde(default = "default_warn_days")]
    pub warn_days: u32,
    /// The notice's clause.
    pub clause: Clause,
}

fn default_warn_days() -> u32 {
    7
}

/// Delivery channels and addresses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// Who receives the materials.
    pub recipient: String,
    /// Channels the notice accepts.
    pub channels: Vec<Channel>,
    /// E-mail addresses for the electronic materials.
    #[serde(default)]
    pub emails: Vec<String>,
    /// Postal address for paper copies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Postcode of that address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// Contact person(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Contact telephone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The notice's clause.
    pub clause: Clause,
}

/// A delivery channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Electronic materials by e-mail.
    Email,
    /// Paper copies by post or by hand.
    Paper,
    /// Media on a USB stick.
    Usb,
    /// Media on a CD.
    Cd,
    /// Upload to the organiser's web platform.
    Platform,
}

/// How many candidates one unit may recommend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Quota {
    /// Fewest candidates a unit may submit.
    pub min: u32,
    /// Most candidates a unit may submit; none means the notice sets no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// Whether a team may be recommended as one candidate.
    #[serde(default)]
    pub teams: bool,
    /// The notice's clause.
    pub clause: Clause,
    /// The authority of `min`, when the clause names only a maximum (`不超过2名`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_clause: Option<Clause>,
}

/// A form: an ordered list of fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// The form's title as printed (`2021年“最美科技工作者”推荐表`).
    pub title: String,
    /// The field holding the candidate's (or unit's) name, used in messages and file names.
    pub name_field: String,
    /// A line the form itself prints under its title (`（表格大小可根据内容自行调整，并可另附纸）`).
    /// Where the form came from is documentation of the profile (a comment), never printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The fields, in the template's order.
    pub fields: Vec<Field>,
    /// How the printed form arranges the fields; without it, short fields are paired two to a row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<Layout>,
}

/// The printed form's arrangement, reproducing the template's cell structure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// The table's rows, top to bottom, each the ids of the fields in it, left to right.
    pub rows: Vec<Vec<String>>,
    /// The photo cell at the right of the first rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<PhotoCell>,
    /// The cover page, when the template has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<Cover>,
    /// The 填表说明 printed on the page after the cover, one item per entry, verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instructions: Vec<String>,
    /// A printing variant that leaves some parts blank (the 2 paper copies of seed 003).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blank_variant: Option<BlankVariant>,
    /// How year–month cells of tables print, when the 填表说明 asks for a layout (`YYYY年MM月`:
    /// "日期统一用阿拉伯数字"); a value that is not a date prints as typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_month_printed: Option<String>,
}

/// The photo cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct PhotoCell {
    /// The `photo` field.
    pub field: String,
    /// How many of the first rows it spans.
    pub rows: u32,
    /// What the empty cell says (`照片（电子版）`).
    pub label: String,
}

/// A cover page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// The title lines, verbatim (`2021年“最美科技工作者”`, `推  荐  表`).
    pub title: Vec<String>,
    /// The lines under the title.
    pub entries: Vec<CoverEntry>,
}

/// One line of a cover page: a label and the value of a candidate or unit field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct CoverEntry {
    /// The label, verbatim (`候选人姓名`).
    pub label: String,
    /// A candidate-form field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A unit-form field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_field: Option<String>,
}

/// A variant that leaves parts blank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct BlankVariant {
    /// The variant's name on the command line (`blank-recommender`).
    pub name: String,
    /// What it is, for people (`推荐单位栏留白（纸质版2份）`).
    pub label: String,
    /// Fields printed empty.
    pub fields: Vec<String>,
    /// Cover entries (by label) printed empty.
    #[serde(default)]
    pub cover: Vec<String>,
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Stable identifier, lower-case ASCII (`birth`, `main_deeds`).
    pub id: String,
    /// The template's label, verbatim (`姓  名`, `主要事迹（1500字左右）`).
    pub label: String,
    /// What the field holds.
    pub kind: FieldKind,
    /// Whether the field must be filled.
    #[serde(default)]
    pub required: bool,
    /// The field must be filled when another field has one of some values (a person's 性别 only
    /// when the candidate is a person, not a team).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<When>,
    /// 字数 limits, counted as Microsoft Word counts 字数.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<WordLimit>,
    /// A regular expression the whole value must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Pattern>,
    /// Allowed values of a choice or multi-choice field, inline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    /// Allowed values from a standard list in `assets/lists/` (`ethnicity`, `political_status`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice_list: Option<String>,
    /// How many options of a multi-choice field must be ticked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub select: Option<Count>,
    /// Values the notice forbids, with the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forbidden: Option<Forbidden>,
    /// Words the value must contain one of (an opinion must say 同意 or 不同意).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub must_contain: Option<MustContain>,
    /// How a date is written on the form: `YYYY年MM月DD日`, `YYYY年MM月`, `YYYY.MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Columns of a history table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<Column>,
    /// How many rows a history table must have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<Count>,
    /// A history table's first row may not start before this many years after a date field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_after: Option<StartsAfter>,
    /// For a `photo` field: the attachment slot whose file fills the cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot: Option<String>,
    /// The field is printed on the form but may be filled by hand on paper (signature, seal, opinion).
    #[serde(default)]
    pub on_paper: bool,
    /// Fixed text the template prints in the cell (the 个人声明's wording).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_text: Option<String>,
    /// The field is not on the 推荐表 itself, only in the 汇总表 (专业专长).
    #[serde(default)]
    pub summary_only: bool,
    /// The recommending unit fills it (推荐单位意见, 填报日期): when an organiser forwards the
    /// candidate to the next level, it is left for the organiser, not copied from the unit's form.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recommender: bool,
    /// The form's 填表说明 for this field, shown beside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The clause of the notice (or the 填表说明) this field's rules enforce.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Clause>,
}

impl Field {
    /// How a date in this field is written: the profile's `format`, else `YYYY年MM月DD日` for a date
    /// and `YYYY年MM月` for a year-month. Shared by the check, the render and the window.
    pub fn date_layout(&self) -> &str {
        date_layout(&self.format, self.kind, "YYYY年MM月")
    }
}

/// The kinds of field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Paragraphs (主要事迹).
    LongText,
    /// A calendar date.
    Date,
    /// A year and month (出生年月).
    YearMonth,
    /// One of `choices`.
    Choice,
    /// Some of `choices` (推荐领域).
    MultiChoice,
    /// A mainland mobile number.
    Mobile,
    /// An office telephone with area code.
    Phone,
    /// An e-mail address.
    Email,
    /// A 6-digit postcode.
    Postcode,
    /// A table of rows (学习工作经历).
    History,
    /// The photo cell, filled from an attachment slot.
    Photo,
}

impl FieldKind {
    /// Every kind, in documentation order.
    pub const ALL: [FieldKind; 12] = [
        FieldKind::Text,
        FieldKind::LongText,
        FieldKind::Date,
        FieldKind::YearMonth,
        FieldKind::Choice,
        FieldKind::MultiChoice,
        FieldKind::Mobile,
        FieldKind::Phone,
        FieldKind::Email,
        FieldKind::Postcode,
        FieldKind::History,
        FieldKind::Photo,
    ];

    /// The name used in profile files.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::LongText => "long_text",
            FieldKind::Date => "date",
            FieldKind::YearMonth => "year_month",
            FieldKind::Choice => "choice",
            FieldKind::MultiChoice => "multi_choice",
            FieldKind::Mobile => "mobile",
            FieldKind::Phone => "phone",
            FieldKind::Email => "email",
            FieldKind::Postcode => "postcode",
            FieldKind::History => "history",
            FieldKind::Photo => "photo",
        }
    }

    /// The message naming the kind for people (`kind-long-text` → 长文本).
    pub fn message_id(self) -> &'static str {
        match self {
            FieldKind::Text => "kind-text",
            FieldKind::LongText => "kind-long-text",
            FieldKind::Date => "kind-date",
            FieldKind::YearMonth => "kind-year-month",
            FieldKind::Choice => "kind-choice",
            FieldKind::MultiChoice => "kind-multi-choice",
            FieldKind::Mobile => "kind-mobile",
            FieldKind::Phone => "kind-phone",
            FieldKind::Email => "kind-email",
            FieldKind::Postcode => "kind-postcode",
            FieldKind::History => "kind-history",
            FieldKind::Photo => "kind-photo",
        }
    }
}

/// A condition on another field of the same form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct When {
    /// The other field.
    pub field: String,
    /// The values that make the rule apply.
    pub is: Vec<String>,
}

/// 字数 limits of a text field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct WordLimit {
    /// A hard maximum (`以内`, `不超过`): more is an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// A hard minimum: fewer is an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    /// A target (`约1500字`, `1500字左右`): outside `target ± tolerance` is a warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<u32>,
    /// Tolerance around the target, in 字.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<u32>,
    /// The clause, when it differs from the field's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Clause>,
}

/// A pattern the value must match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    /// Regular expression (Rust `regex` syntax), matched against the whole value.
    pub regex: String,
    /// What a correct value looks like, for the message (`如 2021年01月01日`).
    pub hint: String,
    /// The clause, when it differs from the field's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Clause>,
}

/// Values a field may not take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Forbidden {
    /// The forbidden values, compared after trimming.
    pub values: Vec<String>,
    /// What to write instead (`请填写具体职务，如“研究员”`).
    pub hint: String,
    /// The clause, when it differs from the field's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Clause>,
}

/// Words a value must contain (at least one of them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct MustContain {
    /// Any one of these must appear.
    pub any: Vec<String>,
    /// What to write, for the message.
    pub hint: String,
    /// The clause, when it differs from the field's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Clause>,
}

/// A count range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Count {
    /// At least this many.
    #[serde(default)]
    pub min: u32,
    /// At most this many; none means unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

/// A column of a history table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Stable identifier (`from`, `to`, `what`).
    pub id: String,
    /// The template's column label (`起止年月`).
    pub label: String,
    /// `text`, `year_month` or `date`.
    pub kind: FieldKind,
    /// Whether every row must fill it.
    #[serde(default)]
    pub required: bool,
    /// Words accepted besides a date (`至今`), only in the last row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open_end: Vec<String>,
    /// How the date is written (`YYYY.MM`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

impl Column {
    /// How a date in this column is written: the profile's `format`, else the usual 简历 way
    /// (`YYYY.MM`; `YYYY年MM月DD日` for a full date). Shared by the check, the render and the window.
    pub fn date_layout(&self) -> &str {
        date_layout(&self.format, self.kind, "YYYY.MM")
    }
}

/// `format` when the profile gives one, else `YYYY年MM月DD日` for a full date and `year_month` for a
/// year-month.
fn date_layout<'a>(format: &'a Option<String>, kind: FieldKind, year_month: &'static str) -> &'a str {
    format.as_deref().unwrap_or(if kind == FieldKind::Date { "YYYY年MM月DD日" } else { year_month })
}

/// The first row of a history may not start before `years` after the date in `field`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct StartsAfter {
    /// A `date` or `year_month` field of the same form (the birth date).
    pub field: String,
    /// Years after that date.
    pub years: u32,
    /// The clause, when it differs from the field's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Clause>,
}

/// The unit's summary table (汇总表).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// The title as printed.
    pub title: String,
    /// Unit-form fields printed above the table (`推荐单位：`).
    #[serde(default)]
    pub header_fields: Vec<String>,
    /// The columns, in the template's order.
    pub columns: Vec<SummaryColumn>,
    /// The clause asking for the table.
    pub clause: Clause,
}

/// A column of the summary table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct SummaryColumn {
    /// The template's column label (`工作单位及职务职称`).
    pub label: String,
    /// What the cell shows: candidate field ids in braces, with literal text between them
    /// (`{employer_position}，{tech_title}`); `{#}` is the row number.
    pub value: String,
}

/// An attachment slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Slot {
    /// `id_photo`, `photo`, `video`, or a document slot's own id.
    pub id: String,
    /// What the notice calls it.
    pub label: String,
    /// What kind of file it holds.
    pub kind: SlotKind,
    /// How many files.
    pub count: Count,
    /// Accepted formats, judged by content.
    pub formats: Vec<MediaFormat>,
    /// Smallest acceptable file size in bytes (`不小于2MB` = 2097152).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_bytes: Option<u64>,
    /// Largest acceptable file size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_bytes: Option<u64>,
    /// Smallest acceptable pixel size, compared short side to short side and long to long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_pixels: Option<Pixels>,
    /// The authority of `min_pixels`, when it is not the slot's (a size we advise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_pixels_clause: Option<Clause>,
    /// Smallest acceptable resolution in dots per inch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_dpi: Option<u32>,
    /// ID-photo rules: printed size and background colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_photo: Option<IdPhoto>,
    /// Video rules: duration and resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<VideoRule>,
    /// Page count of a document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<Count>,
    /// How files must be named, without extension: `{姓名}{序号}`; placeholders are
    /// `{姓名}` (the candidate), `{单位}` (the unit), `{序号}` (1, 2, …), `{材料}` (the slot label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub naming: Option<String>,
    /// The document must carry a seal (checked by the person, confirmed at export).
    #[serde(default)]
    pub sealed: bool,
    /// Advice shown beside the slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The notice's clause.
    pub clause: Clause,
}

/// Of some materials, each candidate gives at least one — optionally only once another is given
/// (`征文……同时提供代表性图片`: pictures once there is an essay).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Alternatives {
    /// Stable identifier.
    pub id: String,
    /// What the notice calls the materials (`先进事迹材料`).
    pub label: String,
    /// The rule holds only when this is given: `field:ID` (filled) or `slot:ID` (a file attached).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// At least one of these must be given: `field:ID` or `slot:ID` of the candidate.
    pub any_of: Vec<String>,
    /// The notice's clause.
    pub clause: Clause,
}

/// What a slot holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum SlotKind {
    /// Still images.
    Photo,
    /// Video files.
    Video,
    /// Documents (PDF, Word).
    Document,
    /// Material of any other form the notice allows (动漫、H5、VR、图说…): any file, judged only as
    /// present, readable and not empty. Its `formats` are empty.
    Other,
}

/// A file format, judged by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum MediaFormat {
    /// JPEG (`FF D8 FF`).
    Jpeg,
    /// PNG.
    Png,
    /// MP4 (ISO base media).
    Mp4,
    /// QuickTime MOV.
    Mov,
    /// PDF.
    Pdf,
    /// Word 2007+ (.docx).
    Docx,
}

impl MediaFormat {
    /// The slot kinds this format may appear in.
    pub fn fits(self, kind: SlotKind) -> bool {
        matches!(
            (self, kind),
            (MediaFormat::Jpeg | MediaFormat::Png, SlotKind::Photo)
                | (MediaFormat::Mp4 | MediaFormat::Mov, SlotKind::Video)
                | (MediaFormat::Pdf | MediaFormat::Docx | MediaFormat::Jpeg, SlotKind::Document)
        )
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            MediaFormat::Jpeg => "jpg",
            MediaFormat::Png => "png",
            MediaFormat::Mp4 => "mp4",
            MediaFormat::Mov => "mov",
            MediaFormat::Pdf => "pdf",
            MediaFormat::Docx => "docx",
        }
    }
}

/// A pixel size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Pixels {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// ID-photo rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct IdPhoto {
    /// The printed size, when the notice names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<PhotoSize>,
    /// Background colour the notice demands, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<Background>,
    /// The clause, when it differs from the slot's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Clause>,
}

/// The printed size of an ID photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct PhotoSize {
    /// The size's name in the notice (`小2寸`).
    pub name: String,
    /// Printed width in millimetres (小2寸: 33).
    pub width_mm: f64,
    /// Printed height in millimetres (小2寸: 48).
    pub height_mm: f64,
    /// Accepted relative deviation of the width:height ratio (0.05 = 5 %).
    pub ratio_tolerance: f64,
}

/// An ID photo's background colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Background {
    /// 红底.
    Red,
    /// 白底.
    White,
    /// 蓝底.
    Blue,
}

impl Background {
    /// The message naming it (`红底`).
    pub fn message_id(self) -> &'static str {
        match self {
            Background::Red => "bg-red",
            Background::White => "bg-white",
            Background::Blue => "bg-blue",
        }
    }
}

/// Video rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct VideoRule {
    /// Shortest acceptable duration in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_seconds: Option<u32>,
    /// Longest acceptable duration in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_seconds: Option<u32>,
    /// Display sizes accepted exactly (after rotation), e.g. 1920×1080 and 1080×1920.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolutions: Vec<Pixels>,
    /// Smallest acceptable display size (short side to short side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_resolution: Option<Pixels>,
    /// The clause, when it differs from the slot's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<Clause>,
}

/// Something to hand in: a rendered form, a report, with formats and paper copies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Deliverable {
    /// Stable identifier (`recommendation_form`, `summary_table`, or a slot id).
    pub id: String,
    /// What the notice calls it.
    pub label: String,
    /// Where it comes from.
    pub source: DeliverableSource,
    /// For a deliverable that is one field's text printed on its own (the 事迹材料): that field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Electronic formats demanded.
    #[serde(default)]
    pub formats: Vec<MediaFormat>,
    /// Electronic formats for the sheet, beyond `formats` (`xlsx` for the 汇总表 where useful).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_formats: Vec<String>,
    /// Paper copies demanded.
    #[serde(default)]
    pub paper_copies: u32,
    /// Of those, copies whose 推荐单位 parts stay blank.
    #[serde(default)]
    pub blank_copies: u32,
    /// The paper copy must carry a seal.
    #[serde(default)]
    pub sealed: bool,
    /// The electronic PDF must be the scan of the signed and sealed paper form.
    #[serde(default)]
    pub scan_after_seal: bool,
    /// Per candidate or once per unit.
    pub per: Per,
    /// The notice's clause.
    pub clause: Clause,
}

/// Where a deliverable comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum DeliverableSource {
    /// Jianbao renders the candidate form.
    CandidateForm,
    /// Jianbao renders the summary table.
    SummaryTable,
    /// A file the unit attaches (the deliverable's id names the slot).
    Slot,
}

/// Per candidate or per unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// One per candidate.
    Candidate,
    /// One per unit.
    Unit,
}

/// A rule a program cannot judge; the unit confirms it before export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// Stable identifier.
    pub id: String,
    /// What the unit confirms, in plain words.
    pub text: String,
    /// Per candidate or per unit.
    pub per: Per,
    /// The notice's clause.
    pub clause: Clause,
}

/// Who says a rule holds: the notice, the notice's form, or us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// A clause of the notice, quoted verbatim: breaking it is an error.
    Notice,
    /// The form's own text (its 填表说明, its cells): breaking it is an error.
    Form,
    /// Our advice, not the notice's: a warning worded as a suggestion, never blocking.
    Advice,
    /// Not a campaign rule: what this program can process (a value of at most 20000 characters).
    /// Never written in a profile.
    Program,
}

impl Authority {
    /// The name used in JSON and profile files.
    pub fn as_str(self) -> &'static str {
        match self {
            Authority::Notice => "notice",
            Authority::Form => "form",
            Authority::Advice => "advice",
            Authority::Program => "program",
        }
    }

    /// The message id of the authority's name (`通知`, `填表说明`, `建议`).
    pub fn message_id(self) -> &'static str {
        match self {
            Authority::Notice => "authority-notice",
            Authority::Form => "authority-form",
            Authority::Advice => "authority-advice",
            Authority::Program => "authority-program",
        }
    }
}

/// The authority of a rule, written in a profile as exactly one of:
///
/// - `{ notice = "三（四）", quote = "各推荐单位务必于6月2日前……过期不候。" }`: the notice's own
///   numbering and its words, verbatim (`……` stands for words left out);
/// - `{ form = "填表说明8", quote = "主要事迹1500字左右" }`: the form's 填表说明 or cell, verbatim;
/// - `{ advice = "证件照不小于390×567像素时打印更清晰" }`: ours, worded as a suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// The notice's numbering of the clause (`三（四）`, `四、遴选标准2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// Where on the form (`填表说明8`, `附件1 推荐表`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// Our advice, in our words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    /// The notice's or form's words, verbatim; `……` marks words left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

impl Clause {
    /// A clause of the notice.
    pub fn notice(reference: &str, quote: &str) -> Self {
        Clause { notice: Some(reference.into()), quote: Some(quote.into()), ..Clause::default() }
    }

    /// Our advice.
    pub fn advice(text: &str) -> Self {
        Clause { advice: Some(text.into()), ..Clause::default() }
    }

    /// Who says so. A clause naming none is the program's own bound (`profile check` refuses one
    /// in a profile).
    pub fn authority(&self) -> Authority {
        if self.advice.is_some() {
            Authority::Advice
        } else if self.notice.is_some() {
            Authority::Notice
        } else if self.form.is_some() {
            Authority::Form
        } else {
            Authority::Program
        }
    }

    /// The clause as people read it: `三、（四）：“……”`, `填表说明8：“……”`, or the advice itself;
    /// who says it is [`Clause::authority`], shown beside it.
    pub fn cite(&self) -> String {
        let quote = self.quote.as_deref().unwrap_or("");
        match (self.authority(), &self.notice, &self.form, &self.advice) {
            (Authority::Advice, _, _, Some(a)) => a.clone(),
            (Authority::Notice, Some(r), _, _) if r.is_empty() => format!("“{quote}”"),
            (Authority::Notice, Some(r), _, _) => format!("{r}：“{quote}”"),
            (Authority::Form, _, Some(r), _) => format!("{r}：“{quote}”"),
            _ => quote.to_string(),
        }
    }
}
