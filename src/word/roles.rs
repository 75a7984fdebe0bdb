//! The document's title, subtitle and author as written in its body: paragraphs in Word's
//! Title and Subtitle styles (and the Author style templates add) stay blocks, and their text
//! also completes `metadata` where the document properties leave those keys out or empty.
//!
//! Styles are recognised by name. Word writes a built-in style's English name (`Title`) in
//! `w:name` and in the .doc style sheet whatever the user's language, but LibreOffice and
//! older localised Word write the translated name, so the common ones are listed too.

use crate::model::{Block, Document};

/// The metadata key a paragraph's style gives its text to, by lower-case style name.
fn key_of_style(style: &str) -> Option<&'static str> {
    Some(match style.trim().to_lowercase().as_str() {
        "title" | "titel" | "titre" | "título" | "titolo" | "标题" | "標題" => "title",
        "subtitle" | "untertitel" | "sous-titre" | "subtítulo" | "sottotitolo" | "副标题"
        | "副標題" => "subtitle",
        "author" | "autor" | "auteur" | "autore" | "作者" => "author",
        _ => return None,
    })
}

/// Fills `title`, `subtitle` and `author` of `doc.metadata`, where they are absent or empty,
/// from the first top-level non-empty paragraph of each such style.
pub(crate) fn complete_metadata(doc: &mut Document) {
    for block in &doc.blocks {
        let Block::Paragraph(p) = block else { continue };
        let Some(key) = p.style.as_deref().and_then(key_of_style) else {
            continue;
        };
        let text = p.text.trim();
        if text.is_empty() {
            continue;
        }
        let slot = doc.metadata.entry(key.to_string()).or_default();
        if slot.trim().is_empty() {
            *slot = text.to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Paragraph;

    fn styled(text: &str, style: &str) -> Block {
        Block::Paragraph(Paragraph {
            text: text.to_string(),
            style: Some(style.to_string()),
            ..Paragraph::default()
        })
    }

    #[test]
    fn styled_paragraphs_fill_only_missing_keys() {
        let mut doc = Document::new("docx");
        doc.metadata
            .insert("author".into(), "From the properties".into());
        doc.metadata.insert("title".into(), "  ".into());
        doc.blocks = vec![
            styled("", "Title"),
            styled("Annual report 2023", "Title"),
            styled("Second title", "Title"),
            styled("Accounts and notes", "Subtitle"),
            styled("Zhang San", "Author"),
            styled("Body", "Body Text"),
        ];
        complete_metadata(&mut doc);
        let got: Vec<(&str, &str)> = doc
            .metadata
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("author", "From the properties"),
                ("subtitle", "Accounts and notes"),
                ("title", "Annual report 2023"),
            ]
        );
        assert_eq!(doc.blocks.len(), 6, "the paragraphs stay blocks");
    }
}
