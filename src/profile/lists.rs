//! Standard value lists (民族, 政治面貌…), kept as data in `assets/lists/standard.toml`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// A named list of allowed values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardList {
    /// What the list is (`民族`).
    pub label: String,
    /// The values, as written on forms.
    pub values: Vec<String>,
}

fn lists() -> &'static BTreeMap<String, StandardList> {
    static LISTS: OnceLock<BTreeMap<String, StandardList>> = OnceLock::new();
    LISTS.get_or_init(|| {
        toml::from_str(include_str!("../../assets/lists/standard.toml"))
            .expect("assets/lists/standard.toml is valid (checked by its unit test)")
    })
}

/// The standard list with this name.
pub fn standard_list(name: &str) -> Option<&'static StandardList> {
    lists().get(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifty_six_ethnicities() {
        let l = standard_list("ethnicity").unwrap();
        assert_eq!(l.values.len(), 56);
        let mut v = l.values.clone();
        v.sort();
        v.dedup();
        assert_eq!(v.len(), 56);
    }
}
