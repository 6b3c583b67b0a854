//! 荐报 Jianbao: the core of an offline tool for award recommendations (最美科技工作者 and kin).
//!
//! Data flows one way:
//!
//! ```text
//! campaign profile (data) ─┐
//! unit + candidates (form) ─┼─> check ─> render ─> signed bundle
//! media + documents ───────┘
//! ```
//!
//! - [`profile`]: a campaign's rules as data (`assets/profiles/*.toml`).
//! - [`packet`]: one unit's submission (`jianbao-packet/1` JSON): unit, candidates, files.
//! - [`wordcount`]: 字数 as Microsoft Word counts it.
//! - [`sample`]: realistic fictional packets with real media for every profile.
//! - [`store`]: the local workspace (SQLite + content-addressed media).
//! - [`i18n`]: every message in zh-CN and en-US.
//! - [`desk`]: what the desktop app shows and does, over the modules above.
//! - [`progress`]: progress and cancellation of long work.
//!
//! ```
//! let registry = jianbao::profile::Registry::builtin().unwrap();
//! let ordos = registry.get("ordos-2021-zuimei").unwrap();
//! assert_eq!(ordos.quota.max, Some(2));
//! assert_eq!(jianbao::wordcount::count("使用 Adobe Photoshop 打开图片").words, 8);
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod bundle;
pub mod check;
pub mod desk;
pub mod error;
pub mod fsutil;
pub mod i18n;
pub mod media;
pub mod packet;
pub mod profile;
pub mod progress;
pub mod render;
pub mod sample;
pub mod store;
pub mod wordcount;

pub use error::{Error, Problem, Result};
