//! What a media file really is, judged by its content and never by its name, with bounded reads:
//! a header that claims a huge picture is reported, never allocated.

pub mod jpeg;
pub mod mp4;
