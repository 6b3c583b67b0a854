//! File-naming rules such as `{姓名}{序号}` (张三1.jpg, 张三2.jpg…).

use std::collections::HashMap;

use super::model::Slot;

/// Applies a naming rule. Placeholders: `{姓名}`, `{单位}`, `{序号}`, `{材料}`.
pub fn apply(rule: &str, name: &str, unit: &str, seq: usize, label: &str) -> String {
    rule.replace("{姓名}", name)
        .replace("{单位}", unit)
        .replace("{序号}", &seq.to_string())
        .replace("{材料}", label)
}

/// Numbers a candidate's (or unit's) files for naming: `序号` runs through every file whose slot
/// uses the same rule, in slot order then file order, so an ID photo and work photos both named
/// `{姓名}{序号}` become 张三1 … 张三6 and never collide.
#[derive(Debug, Default)]
pub struct Sequencer {
    next: HashMap<String, usize>,
}

impl Sequencer {
    /// A fresh sequencer (one per candidate or unit).
    pub fn new() -> Self {
        Self::default()
    }

    /// The stem (without extension) for the next file of `slot`.
    pub fn stem(&mut self, slot: &Slot, name: &str, unit: &str) -> String {
        let rule = slot.naming.clone().unwrap_or_else(|| "{姓名}-{材料}{序号}".to_string());
        let n = self.next.entry(rule.clone()).or_insert(0);
        *n += 1;
        apply(&rule, name, unit, *n, &slot.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_placeholders() {
        assert_eq!(apply("{姓名}{序号}", "张三", "", 2, ""), "张三2");
        assert_eq!(apply("{单位}-{材料}", "", "某学会", 1, "推荐工作情况报告"), "某学会-推荐工作情况报告");
    }
}
