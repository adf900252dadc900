//! Reads the fields of a posted `multipart/form-data` form (a file upload) on the server:
//! its text fields, and the bytes of its one file field. Stops at the file, so the text
//! fields come first in the form.

use leptos::server_fn::codec::MultipartData;

use super::action_error::ActionError;
use crate::domain::user_error::UserError;

/// The fields of an upload form.
#[derive(Debug, Default)]
pub struct UploadFields {
    texts: Vec<(String, String)>,
    /// The file's bytes (absent when the form held no file field).
    pub file: Option<Vec<u8>>,
    /// The file's name as the browser gave it.
    pub file_name: Option<String>,
}

impl UploadFields {
    /// A text field's value (empty when absent).
    pub fn text(&self, name: &str) -> String {
        self.texts
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }
}

/// Reads the text fields up to and including the file field named `file_field`. A body that
/// is not a readable multipart form (or exceeds the route's size limit) is a bad form.
pub async fn read_fields(
    data: MultipartData,
    file_field: &str,
) -> Result<UploadFields, ActionError> {
    let mut multipart = data.into_inner().ok_or(UserError::BadForm)?;
    let mut fields = UploadFields::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| UserError::BadForm)?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.map_err(|_| UserError::BadForm)?;
        if name == file_field {
            fields.file = Some(bytes.to_vec());
            fields.file_name = file_name;
            break;
        }
        fields
            .texts
            .push((name, String::from_utf8_lossy(&bytes).into_owned()));
    }
    Ok(fields)
}
