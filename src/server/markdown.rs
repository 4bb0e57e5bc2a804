//! Markdown written by school staff (terms of use, news), rendered to HTML that is safe to insert:
//! raw HTML from authors is dropped and the result goes through ammonia's allow-list.
use pulldown_cmark::{Event, Options, Parser, html};

/// Staff's Markdown (terms, news) as safe HTML, with tables and strikethrough.
pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .filter(|event| !matches!(event, Event::Html(_) | Event::InlineHtml(_)));
    clean(parser)
}

/// A message as a parent or a teacher typed it: the same Markdown, but a line break is a line
/// break (nobody writing a message knows Markdown's two spaces) and a bare web address becomes a
/// link.
pub fn message_to_safe_html(text: &str) -> String {
    let linked = link_bare_addresses(text);
    let parser =
        Parser::new_ext(&linked, Options::ENABLE_STRIKETHROUGH).filter_map(|event| match event {
            Event::Html(_) | Event::InlineHtml(_) => None,
            Event::SoftBreak => Some(Event::HardBreak),
            other => Some(other),
        });
    clean(parser)
}

/// Renders parsed Markdown and keeps only what ammonia's allow-list lets through; links open
/// without giving the opened page a hold on ours.
fn clean<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let mut unsafe_html = String::new();
    html::push_html(&mut unsafe_html, events);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&unsafe_html)
        .to_string()
}

/// Wraps each word that starts with `http://` or `https://` in `<…>`, Markdown's autolink (the
/// punctuation that ends a sentence stays outside).
fn link_bare_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut first = true;
        for word in line.split(' ') {
            if !first {
                out.push(' ');
            }
            first = false;
            if word.starts_with("https://") || word.starts_with("http://") {
                let address = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\r']);
                let rest = &word[address.len()..];
                if address.contains(['<', '>']) {
                    out.push_str(word);
                } else {
                    out.push('<');
                    out.push_str(address);
                    out.push('>');
                    out.push_str(rest);
                }
            } else {
                out.push_str(word);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{message_to_safe_html, to_safe_html};

    #[test]
    fn a_message_keeps_its_line_breaks_and_links_its_addresses() {
        let html = message_to_safe_html("Bonjour,\nvoir https://ecole.be/agenda.\n**Merci**");
        assert!(html.contains("Bonjour,<br"), "{html}");
        assert!(
            html.contains(
                r#"<a href="https://ecole.be/agenda" rel="noopener noreferrer nofollow">"#
            ),
            "{html}"
        );
        assert!(html.contains("</a>."), "{html}");
        assert!(html.contains("<strong>Merci</strong>"), "{html}");
        let hostile = message_to_safe_html(
            "<img src=x onerror=alert(1)> javascript:alert(1) [a](javascript:x)",
        );
        assert!(
            !hostile.contains("onerror") && !hostile.contains("href=\"javascript"),
            "{hostile}"
        );
    }

    #[test]
    fn markdown_becomes_html() {
        assert_eq!(
            to_safe_html("# Titre\n\n**gras**").trim(),
            "<h1>Titre</h1>\n<p><strong>gras</strong></p>"
        );
    }

    #[test]
    fn scripts_and_raw_html_never_pass() {
        let html = to_safe_html(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }
}
