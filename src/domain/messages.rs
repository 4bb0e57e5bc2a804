//! The rules of a message, shared by the parents' and the staff's forms: its subject and text, and
//! what may be attached (a PDF or an image, of a type read from its bytes, never from its name).
use super::profile::FieldError;
use crate::{i18n::td_string, language::Locale};

/// A conversation's subject.
pub const SUBJECT: usize = 120;
/// A message's text: a letter, not a book (a refused message comes back in the page's address,
/// with what was typed).
pub const BODY: usize = 5_000;
/// An attachment's largest size.
pub const ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
/// How many files one message may carry.
pub const ATTACHMENTS: usize = 3;
/// The types an attachment may be, as read from its bytes. No SVG, no HTML, no office file that
/// can carry macros: what a parent opens from the school must be harmless.
pub const ATTACHMENT_TYPES: [&str; 5] = [
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/gif",
];
/// A file name as kept and offered again at download.
pub const FILE_NAME: usize = 120;

/// A file that passed the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Checks the subject of a new conversation and the text of a message.
pub fn check_text(locale: Locale, subject: Option<&str>, body: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(subject) = subject {
        if subject.trim().is_empty() {
            errors.push(FieldError::new(
                "subject",
                td_string!(locale, messages.subject_missing),
            ));
        } else if subject.chars().count() > SUBJECT {
            errors.push(FieldError::new(
                "subject",
                &super::limits::too_long(locale, SUBJECT),
            ));
        }
    }
    if body.trim().is_empty() {
        errors.push(FieldError::new(
            "body",
            td_string!(locale, messages.body_missing),
        ));
    } else if body.chars().count() > BODY {
        errors.push(FieldError::new(
            "body",
            &super::limits::too_long(locale, BODY),
        ));
    }
    errors
}

/// Checks an uploaded file; `detected` is the type its first bytes say. The name is kept only as
/// a label: stripped of any folder and of characters a file name cannot hold.
pub fn check_attachment(
    locale: Locale,
    file_name: &str,
    bytes: Vec<u8>,
    detected: Option<&str>,
) -> Result<Attachment, FieldError> {
    let refusal = td_string!(locale, messages.attachment_type);
    check_file(
        locale,
        file_name,
        bytes,
        detected,
        &ATTACHMENT_TYPES,
        refusal,
    )
}

/// [`check_attachment`] against the types `accepted` (a school's shared documents may be office
/// files too), with `refusal` as the message for a file of another type.
pub fn check_file(
    locale: Locale,
    file_name: &str,
    bytes: Vec<u8>,
    detected: Option<&str>,
    accepted: &[&'static str],
    refusal: &str,
) -> Result<Attachment, FieldError> {
    if bytes.len() > ATTACHMENT_BYTES {
        let message = td_string!(
            locale,
            messages.attachment_too_large,
            mb = ATTACHMENT_BYTES / 1024 / 1024
        );
        return Err(FieldError::new("files", &message.to_string()));
    }
    let accepted = accepted.iter().find(|kind| Some(**kind) == detected);
    match accepted {
        Some(content_type) if !bytes.is_empty() => Ok(Attachment {
            file_name: clean_file_name(file_name, content_type),
            content_type,
            bytes,
        }),
        _ => Err(FieldError::new("files", refusal)),
    }
}

/// The name a file is offered under: its last path part, without control characters, quotes or
/// separators, at most [`FILE_NAME`] characters, and never empty.
pub fn clean_file_name(name: &str, content_type: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';' | '<' | '>' | ':' | '*' | '?' | '|'))
        .take(FILE_NAME)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        let extension = content_type.rsplit('/').next().unwrap_or("bin");
        format!("piece-jointe.{extension}")
    } else {
        cleaned
    }
}

/// "1,2 Mo", "340 Ko": a file's size as a parent reads it.
pub fn readable_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
        format!("{},{} Mo", tenths / 10, tenths % 10)
    } else {
        format!("{} Ko", bytes.div_ceil(1024).max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_keeps_no_folder_nor_header_breaking_characters() {
        assert_eq!(
            clean_file_name("../../etc/passwd", "application/pdf"),
            "passwd"
        );
        assert_eq!(
            clean_file_name("C:\\docs\\bulletin.pdf", "application/pdf"),
            "bulletin.pdf"
        );
        assert_eq!(
            clean_file_name("a\"b;\r\nc.pdf", "application/pdf"),
            "abc.pdf"
        );
        assert_eq!(clean_file_name("..", "image/png"), "piece-jointe.png");
        assert_eq!(clean_file_name("", "application/pdf"), "piece-jointe.pdf");
    }

    #[test]
    fn only_pdf_and_images_pass_whatever_their_name() {
        let locale = Locale::fr;
        let pdf = b"%PDF-1.4".to_vec();
        assert!(check_attachment(locale, "x.pdf", pdf, Some("application/pdf")).is_ok());
        let html = b"<html>".to_vec();
        assert!(check_attachment(locale, "x.pdf", html, Some("text/html")).is_err());
        assert!(check_attachment(locale, "x.pdf", b"??".to_vec(), None).is_err());
        let huge = vec![0; ATTACHMENT_BYTES + 1];
        assert!(check_attachment(locale, "x.pdf", huge, Some("application/pdf")).is_err());
    }

    #[test]
    fn sizes_read_as_parents_say_them() {
        assert_eq!(readable_size(300), "1 Ko");
        assert_eq!(readable_size(340 * 1024), "340 Ko");
        assert_eq!(readable_size(1_258_291), "1,2 Mo");
    }
}
