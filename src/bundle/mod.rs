//! Signed submission bundles: BagIt 1.0 bags, signed with minisign, in zip parts.

pub mod keys;
