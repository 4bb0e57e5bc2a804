//! The rules of Intradesk, the documents a school shares with its families: what a folder and a
//! document are called, and which files may be shared.

/// A folder's name.
pub const FOLDER_NAME: usize = 100;
/// A document's title.
pub const TITLE: usize = 200;

/// What a shared document may be, as read from its bytes: a message's PDF and images, and the
/// office formats schools write in (not those that carry macros, which `infer` does not name).
pub const DOCUMENT_TYPES: [&str; 11] = [
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/webp",
    "image/gif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
];

/// The file picker's hint of what to choose (the server reads the bytes anyway).
pub const DOCUMENT_EXTENSIONS: &str =
    ".pdf,.png,.jpg,.jpeg,.webp,.gif,.docx,.xlsx,.pptx,.odt,.ods,.odp";
