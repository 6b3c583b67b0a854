//! PDF facts: a real PDF by content, its page count, whether it is encrypted, whether it ends.

use serde::Serialize;

/// Largest PDF we read into memory (a long scan at 300 dpi stays well below).
pub const MAX_PDF: u64 = 512 << 20;

/// What a PDF says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PdfInfo {
    /// The header's version (`1.7`).
    pub version: String,
    /// Number of pages.
    pub pages: u32,
    /// Whether the document is encrypted (needs a password or restricts use).
    pub encrypted: bool,
}

/// Why a PDF cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[non_exhaustive]
pub enum PdfError {
    /// No `%%EOF` near the end: the file was cut.
    #[error("truncated: no end-of-file marker")]
    Truncated,
    /// The structure cannot be read.
    #[error("corrupt: {0}")]
    Corrupt(String),
    /// Larger than we read.
    #[error("too large")]
    TooLarge,
}

/// Reads a PDF's page count and encryption. `bytes` is the whole file.
pub fn probe(bytes: &[u8]) -> Result<PdfInfo, PdfError> {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(PdfError::Truncated);
    }
    // lopdf is not known to be hang-free on hostile input: run it on its own thread with a deadline
    // and catch a panic, so a hostile PDF costs at most the deadline.
    let owned = bytes.to_vec();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("pdf-probe".into())
        .spawn(move || {
            let r = std::panic::catch_unwind(|| lopdf::Document::load_metadata_mem(&owned));
            let _ = tx.send(r);
        })
        .map_err(|e| PdfError::Corrupt(e.to_string()))?;
    match rx.recv_timeout(std::time::Duration::from_secs(15)) {
        Ok(Ok(Ok(meta))) => {
            Ok(PdfInfo { version: meta.version, pages: meta.page_count, encrypted: meta.encrypted })
        }
        Ok(Ok(Err(e))) => {
            let text = e.to_string();
            if text.to_ascii_lowercase().contains("encrypt") || text.to_ascii_lowercase().contains("password")
            {
                Ok(PdfInfo { version: String::new(), pages: 0, encrypted: true })
            } else {
                Err(PdfError::Corrupt(text))
            }
        }
        Ok(Err(_)) => Err(PdfError::Corrupt("the PDF reader failed on this file".into())),
        Err(_) => Err(PdfError::Corrupt("reading the PDF took too long".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_pdf() {
        let pdf = crate::sample::synth_pdf("标题", &["一行".to_string()], None);
        let info = probe(&pdf).unwrap();
        assert_eq!(info.pages, 1);
        assert!(!info.encrypted);
        assert_eq!(probe(&pdf[..pdf.len() / 2]), Err(PdfError::Truncated));
    }
}
