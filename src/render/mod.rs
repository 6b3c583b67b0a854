//! Rendering the forms: 推荐表 with its cover, 汇总表 and other forms, as PDF, Word and Excel, laid
//! out from the profile.

pub mod text;
