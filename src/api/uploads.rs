//! Forms that carry files (a message with attachments) arrive as `multipart/form-data`: their text
//! fields and their files are read here, each bounded while it is read, and every file's type is
//! checked from its bytes before anything is written.
use super::{AppError, guard};
use crate::domain::messages::{
    ATTACHMENT_BYTES, ATTACHMENTS, Attachment, check_attachment, check_file,
};
use crate::i18n::td_string;
use crate::server::messages::image_or_pdf;
use leptos::server_fn::codec::MultipartData;
use std::collections::HashMap;

/// The longest text field such a form may hold (a message, in bytes; its own rule says more).
const TEXT_FIELD_BYTES: usize = 32 * 1024;

/// A posted form: its text fields by name, and its files (field `files`), checked.
pub struct PostedForm {
    fields: HashMap<String, String>,
    pub files: Vec<Attachment>,
    /// The first file refused, with its message (the form is refused, its text kept).
    pub refused_file: Option<String>,
}

impl PostedForm {
    /// The text field `name`, or an empty one.
    pub fn text(&self, name: &str) -> String {
        self.fields.get(name).cloned().unwrap_or_default()
    }

    /// The values of a list of checkboxes (`classes[0]`, `classes[1]`…), in their order.
    pub fn list(&self, name: &str) -> Vec<String> {
        let prefix = format!("{name}[");
        let mut ticked: Vec<(usize, String)> = self
            .fields
            .iter()
            .filter_map(|(key, value)| {
                let index = key.strip_prefix(&prefix)?.strip_suffix(']')?;
                Some((index.parse().ok()?, value.clone()))
            })
            .collect();
        ticked.sort();
        ticked.into_iter().map(|(_, value)| value).collect()
    }

    /// Whether a checkbox `name` was ticked.
    pub fn ticked(&self, name: &str) -> bool {
        self.fields.contains_key(name)
    }

    /// `error` as this form's refusal: a refusal is shown under the body, and the fields named in
    /// `kept` come back with what was typed (forms posted without JavaScript).
    pub fn refuse(&self, error: AppError, kept: &[&str]) -> AppError {
        self.refuse_at("body", error, kept)
    }

    /// [`Self::refuse`], with a refusal shown under `field`.
    pub fn refuse_at(&self, field: &str, error: AppError, kept: &[&str]) -> AppError {
        let typed: Vec<(&str, &str)> = kept
            .iter()
            .map(|name| (*name, self.fields.get(*name).map_or("", String::as_str)))
            .collect();
        error.for_form(field, &typed)
    }

    /// Checks a message form: its `subject` (when it has one), its `body` and its files, every
    /// problem under its own field.
    pub fn check_message(&self, kept: &[&str], with_subject: bool) -> Result<(), AppError> {
        use crate::domain::messages::{BODY, SUBJECT, check_text};
        use crate::domain::profile::FieldError;
        let (subject, body) = (self.text("subject"), self.text("body"));
        if with_subject {
            guard::plain_text("subject", &subject, SUBJECT).map_err(|e| self.refuse(e, kept))?;
        }
        guard::plain_text_multiline("body", &body, BODY).map_err(|e| self.refuse(e, kept))?;
        let locale = crate::language::current();
        let mut errors = check_text(locale, with_subject.then_some(subject.as_str()), &body);
        if let Some(message) = &self.refused_file {
            errors.push(FieldError::new("files", message));
        }
        if errors.is_empty() {
            return Ok(());
        }
        let invalid = AppError::Invalid {
            errors,
            typed: Vec::new(),
        };
        Err(self.refuse(invalid, kept))
    }
}

/// What a form's files may be: a message's attachments (PDF and images), or the documents a
/// school shares (office files too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    Attachments,
    Documents,
}

/// Reads a posted form whose files are attachments.
pub async fn read(data: MultipartData) -> Result<PostedForm, AppError> {
    read_accepting(data, Accepted::Attachments).await
}

/// Reads a posted form. A body cut short by the size limit (or broken) is refused as a file too
/// large, never half-read.
pub async fn read_accepting(
    data: MultipartData,
    accepted: Accepted,
) -> Result<PostedForm, AppError> {
    let locale = crate::language::current();
    let too_large = || {
        let mb = ATTACHMENT_BYTES / 1024 / 1024;
        AppError::field(
            "files",
            &td_string!(locale, messages.attachment_too_large, mb = mb).to_string(),
        )
    };
    let mut multipart = data.into_inner().ok_or(AppError::Internal)?;
    let mut form = PostedForm {
        fields: HashMap::new(),
        files: Vec::new(),
        refused_file: None,
    };
    while let Some(mut field) = multipart.next_field().await.map_err(|_| too_large())? {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let limit = if file_name.is_some() {
            ATTACHMENT_BYTES
        } else {
            TEXT_FIELD_BYTES
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| too_large())? {
            // One byte more than allowed is enough to say it is too large.
            let room = (limit + 1).saturating_sub(bytes.len());
            bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
        match file_name {
            // A file input left empty still sends a part, with no name and no bytes.
            Some(file_name) if name == "files" => {
                if file_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                if form.files.len() == ATTACHMENTS {
                    let most = td_string!(locale, messages.attachments_most, most = ATTACHMENTS);
                    form.refused_file.get_or_insert(most.to_string());
                    continue;
                }
                let detected = image_or_pdf(&bytes);
                let checked = match accepted {
                    Accepted::Attachments => check_attachment(locale, &file_name, bytes, detected),
                    Accepted::Documents => {
                        let refusal = td_string!(locale, intradesk.document_type);
                        let types = &crate::domain::intradesk::DOCUMENT_TYPES;
                        check_file(locale, &file_name, bytes, detected, types, refusal)
                    }
                };
                match checked {
                    Ok(file) => form.files.push(file),
                    Err(problem) => {
                        form.refused_file.get_or_insert(problem.message);
                    }
                }
            }
            Some(_) => {}
            None => {
                if bytes.len() > TEXT_FIELD_BYTES {
                    let most = crate::domain::messages::BODY;
                    let message = crate::domain::limits::too_long(locale, most);
                    return Err(AppError::field(&name, &message));
                }
                let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
                form.fields.insert(name, text);
            }
        }
    }
    Ok(form)
}
