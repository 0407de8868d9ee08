//! The reader view's article as a file: Markdown with YAML front matter,
//! or a standalone HTML page with the same facts in its `<head>`.
//!
//! Both are written from [`Article::content`], which [`super::render()`]
//! wrote through the allow-list: well-formed, attributes quoted, text
//! escaped. So a few lines read it back into a tree ([`parse`]), with no
//! HTML parser in the wasm build; anything the allow-list does not produce
//! (comments, unquoted attributes) is not expected and is read as text.

use super::sanitize::{escape_attr, escape_text};
use crate::article::Article;
use crate::tune::reader::MAX_EXPORT_DEPTH;

/// Where the article came from and when it was saved: the front matter's
/// `source`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Source<'a> {
    pub url: Option<&'a str>,
}

/// A node of the sanitised article.
#[derive(Debug, PartialEq)]
enum Node {
    Element {
        tag: String,
        attrs: Vec<(String, String)>,
        children: Vec<Node>,
    },
    Text(String),
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        match self {
            Node::Element { attrs, .. } => attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str()),
            Node::Text(_) => None,
        }
    }
}

/// Elements the renderer writes without an end tag.
const VOID: &[&str] = &["br", "hr", "img", "col", "source", "wbr"];

/// An element still open while [`parse`] reads, with its children so far.
/// One past [`MAX_EXPORT_DEPTH`] is `flat`: it gives its children to its
/// parent when it closes, so the tree stays shallow.
struct Pending {
    tag: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    flat: bool,
}

impl Pending {
    fn into_node(self) -> Node {
        Node::Element {
            tag: self.tag,
            attrs: self.attrs,
            children: self.children,
        }
    }
}

/// Reads the renderer's HTML back into a tree.
fn parse(html: &str) -> Vec<Node> {
    // The open elements; the bottom one stands for the whole fragment.
    let mut stack = vec![Pending {
        tag: String::new(),
        attrs: Vec::new(),
        children: Vec::new(),
        flat: false,
    }];
    let mut rest = html;
    while !rest.is_empty() {
        let tag_end = rest.starts_with('<').then(|| rest.find('>')).flatten();
        let Some(end) = tag_end else {
            // Text up to the next tag: past the first character, which may
            // be a '<' that starts no tag, or a multi-byte one.
            let first = rest.chars().next().map_or(1, char::len_utf8);
            let cut = rest[first..].find('<').map_or(rest.len(), |i| i + first);
            push_text(&mut stack, &decode(&rest[..cut]));
            rest = &rest[cut..];
            continue;
        };
        let inside = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = inside.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            if let Some(at) = stack.iter().rposition(|p| p.tag == name) {
                while stack.len() > at.max(1) {
                    close_top(&mut stack);
                }
            }
            continue;
        }
        let (tag, attrs) = start_tag(inside);
        let void = VOID.contains(&tag.as_str());
        stack.push(Pending {
            tag,
            attrs,
            children: Vec::new(),
            flat: stack.len() > MAX_EXPORT_DEPTH,
        });
        if void {
            close_top(&mut stack);
        }
    }
    while stack.len() > 1 {
        close_top(&mut stack);
    }
    stack.pop().map(|p| p.children).unwrap_or_default()
}

/// Closes the innermost open element into its parent (a flat one's
/// children go to the parent instead).
fn close_top(stack: &mut Vec<Pending>) {
    if let Some(top) = stack.pop() {
        if let Some(parent) = stack.last_mut() {
            if top.flat {
                parent.children.extend(top.children);
            } else {
                parent.children.push(top.into_node());
            }
        }
    }
}

fn push_text(stack: &mut [Pending], text: &str) {
    if let Some(open) = stack.last_mut() {
        match open.children.last_mut() {
            Some(Node::Text(t)) => t.push_str(text),
            _ => open.children.push(Node::Text(text.to_owned())),
        }
    }
}

/// `tag a="x" b` → ("tag", [("a", "x"), ("b", "")]).
fn start_tag(inside: &str) -> (String, Vec<(String, String)>) {
    let inside = inside.trim_end_matches('/');
    let name_end = inside
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inside.len());
    let tag = inside[..name_end].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut rest = inside[name_end..].trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix("=\"") {
            let close = after.find('"').unwrap_or(after.len());
            value = decode(&after[..close]);
            rest = after.get(close + 1..).unwrap_or("").trim_start();
        }
        attrs.push((name, value));
    }
    (tag, attrs)
}

/// The entities the renderer writes, and numeric ones.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity_end = rest.find(';').filter(|&i| i <= 10);
        let decoded = entity_end.and_then(|end| {
            let c = match &rest[1..end] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "nbsp" => '\u{a0}',
                n => {
                    let code = match n.strip_prefix("#x").or_else(|| n.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.strip_prefix('#').and_then(|d| d.parse().ok()),
                    };
                    char::from_u32(code?)?
                }
            };
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

// ---- Markdown ---------------------------------------------------------

/// The article as Markdown: YAML front matter (title, author, date,
/// source), the title as a heading, then the body.
pub fn markdown(article: &Article, source: Source) -> String {
    let mut out = String::from("---\n");
    yaml_field("title", Some(&article.title), &mut out);
    yaml_field("author", article.byline.as_deref(), &mut out);
    yaml_field("date", article.published_time.as_deref(), &mut out);
    yaml_field("source", source.url, &mut out);
    yaml_field("lang", article.lang.as_deref(), &mut out);
    out.push_str("---\n\n# ");
    out.push_str(&escape_markdown(&collapse(&article.title)));
    out.push_str("\n\n");
    let body = blocks(&parse(&article.content), 0);
    out.push_str(&body.join("\n\n"));
    out.push('\n');
    out
}

/// One `name: "value"` line; left out when there is no value.
fn yaml_field(name: &str, value: Option<&str>, out: &mut String) {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return;
    };
    out.push_str(name);
    out.push_str(": \"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push_str("\"\n");
}

/// Elements whose content is a block of its own.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "blockquote"
            | "pre"
            | "table"
            | "figure"
            | "figcaption"
            | "hr"
            | "dl"
            | "dt"
            | "dd"
            | "details"
            | "summary"
            | "address"
            | "video"
            | "audio"
            | "iframe"
    )
}

/// `nodes` as Markdown blocks (paragraphs, headings, lists …), in order;
/// runs of inline content between blocks become paragraphs. `depth`: how
/// deep in lists, for nested markers.
fn blocks(nodes: &[Node], depth: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut inline = String::new();
    let flush = |inline: &mut String, out: &mut Vec<String>| {
        let text = paragraph(inline);
        if !text.is_empty() {
            out.push(text);
        }
        inline.clear();
    };
    for node in nodes {
        match node {
            Node::Element { tag, children, .. } if is_block(tag) => {
                flush(&mut inline, &mut out);
                out.extend(block(node, tag, children, depth));
            }
            _ => inlines(std::slice::from_ref(node), &mut inline),
        }
    }
    flush(&mut inline, &mut out);
    out
}

/// One block element as Markdown blocks (none when it says nothing).
fn block(node: &Node, tag: &str, children: &[Node], depth: usize) -> Vec<String> {
    let text = |children: &[Node]| {
        let mut s = String::new();
        inlines(children, &mut s);
        paragraph(&s)
    };
    let one = |s: String| if s.is_empty() { vec![] } else { vec![s] };
    match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level = usize::from(tag.as_bytes()[1] - b'0');
            let t = text(children).replace('\n', " ");
            one(if t.is_empty() {
                t
            } else {
                format!("{} {t}", "#".repeat(level))
            })
        }
        "hr" => vec!["---".into()],
        "pre" => vec![code_block(node)],
        "ul" | "ol" => one(list(node, tag == "ol", depth)),
        "blockquote" => one(blocks(children, depth)
            .join("\n\n")
            .lines()
            .map(|l| {
                if l.is_empty() {
                    ">".into()
                } else {
                    format!("> {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")),
        "table" => one(table(node)),
        "figcaption" | "dt" | "summary" => one(text(children)),
        "video" | "audio" | "iframe" => {
            let src = node
                .attr("src")
                .or_else(|| first_source(children))
                .unwrap_or_default();
            one(if src.is_empty() {
                String::new()
            } else {
                format!("<{src}>")
            })
        }
        _ => blocks(children, depth),
    }
}

fn first_source(children: &[Node]) -> Option<&str> {
    children.iter().find_map(|c| match c {
        Node::Element { tag, .. } if tag == "source" => c.attr("src"),
        _ => None,
    })
}

/// A list, its items' nested blocks indented under their markers.
fn list(node: &Node, ordered: bool, depth: usize) -> String {
    let Node::Element { children, .. } = node else {
        return String::new();
    };
    let mut number: u64 = node.attr("start").and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut items = Vec::new();
    for item in children {
        let Node::Element {
            tag,
            children: content,
            ..
        } = item
        else {
            continue;
        };
        if tag != "li" {
            continue;
        }
        let marker = if ordered {
            format!("{number}. ")
        } else {
            "- ".into()
        };
        number += 1;
        let body = item_body(&blocks(content, depth + 1));
        let indent = " ".repeat(marker.len());
        let mut lines = body.lines();
        let mut text = format!("{marker}{}", lines.next().unwrap_or(""));
        for line in lines {
            text.push('\n');
            if !line.is_empty() {
                text.push_str(&indent);
                text.push_str(line);
            }
        }
        items.push(text.trim_end().to_owned());
    }
    items.join("\n")
}

/// A list item's blocks: a nested list follows its line directly (a blank
/// line would make the list loose). A paragraph never starts like a list
/// item: [`paragraph`] escapes one that would.
fn item_body(blocks: &[String]) -> String {
    let mut body = String::new();
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            body.push_str(if starts_list_item(b) { "\n" } else { "\n\n" });
        }
        body.push_str(b);
    }
    body
}

/// A fenced code block, with the language the page gave its code
/// (`class="language-x"`, kept by the allow-list).
fn code_block(pre: &Node) -> String {
    let Node::Element { children, .. } = pre else {
        return String::new();
    };
    let language = std::iter::once(pre)
        .chain(children.iter())
        .filter_map(|n| n.attr("class"))
        .flat_map(str::split_whitespace)
        .find_map(|c| c.strip_prefix("language-"))
        .unwrap_or("");
    let mut code = String::new();
    raw_text(children, &mut code);
    let code = code.trim_end_matches('\n');
    // A fence longer than any run of backticks in the code.
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{language}\n{code}\n{fence}")
}

/// The text of `nodes` as it is, line breaks kept.
fn raw_text(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Element { tag, .. } if tag == "br" => out.push('\n'),
            Node::Element { children, .. } => raw_text(children, out),
        }
    }
}

/// A GitHub-style table: the first row is its head.
fn table(node: &Node) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    collect_rows(node, &mut rows);
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let line = |cells: &[String]| {
        let mut s = String::from("|");
        for i in 0..columns {
            s.push(' ');
            s.push_str(cells.get(i).map_or("", String::as_str));
            s.push_str(" |");
        }
        s
    };
    let mut out = vec![line(&rows[0]), line(&vec!["---".into(); columns])];
    out.extend(rows[1..].iter().map(|r| line(r)));
    out.join("\n")
}

fn collect_rows(node: &Node, rows: &mut Vec<Vec<String>>) {
    let Node::Element { tag, children, .. } = node else {
        return;
    };
    if tag == "caption" {
        return;
    }
    if tag == "tr" {
        let cells = children
            .iter()
            .filter_map(|c| match c {
                Node::Element { tag, children, .. } if tag == "td" || tag == "th" => {
                    let mut s = String::new();
                    inlines(children, &mut s);
                    Some(paragraph(&s.replace('\n', " ")))
                }
                _ => None,
            })
            .collect();
        rows.push(cells);
        return;
    }
    for child in children {
        collect_rows(child, rows);
    }
}

/// Inline content as Markdown text; white space is folded later by
/// [`paragraph`], except hard breaks, written as `\n`.
fn inlines(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(&escape_markdown(t)),
            Node::Element { tag, children, .. } => match tag.as_str() {
                "br" => out.push('\n'),
                "img" => {
                    let alt = node.attr("alt").unwrap_or("");
                    if let Some(src) = node.attr("src") {
                        out.push_str(&format!(
                            "![{}]({})",
                            escape_markdown(&collapse(alt)),
                            link_target(src)
                        ));
                    }
                }
                "a" => {
                    let mut text = String::new();
                    inlines(children, &mut text);
                    match node.attr("href") {
                        Some(href) if !text.trim().is_empty() => {
                            out.push_str(&format!("[{}]({})", text.trim(), link_target(href)));
                        }
                        _ => out.push_str(&text),
                    }
                }
                "code" | "kbd" | "samp" => {
                    let mut code = String::new();
                    raw_text(children, &mut code);
                    let code = collapse(&code);
                    let ticks = if code.contains('`') { "``" } else { "`" };
                    let pad = if code.starts_with('`') || code.ends_with('`') {
                        " "
                    } else {
                        ""
                    };
                    out.push_str(&format!("{ticks}{pad}{code}{pad}{ticks}"));
                }
                "em" | "i" | "cite" | "dfn" | "var" => wrap(children, "*", out),
                "strong" | "b" => wrap(children, "**", out),
                "del" | "s" => wrap(children, "~~", out),
                _ if is_block(tag) => {
                    // A block inside inline content (a list in a table cell): its text.
                    out.push(' ');
                    out.push_str(&blocks(children, 0).join(" "));
                    out.push(' ');
                }
                _ => inlines(children, out),
            },
        }
    }
}

/// `*text*`, with the marks outside the text's own spaces.
fn wrap(children: &[Node], mark: &str, out: &mut String) {
    let mut text = String::new();
    inlines(children, &mut text);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        out.push_str(&text);
        return;
    }
    if text.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(mark);
    out.push_str(trimmed);
    out.push_str(mark);
    if text.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

/// A link target: in `<…>` when it holds spaces or parentheses.
fn link_target(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_owned()
    }
}

/// Folds white space (a hard break `\n` stays one), and escapes what would
/// start a block by itself at the start of a line.
fn paragraph(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let line = collapse(line);
            if line.starts_with(['#', '>', '-', '+', '=']) || starts_list_item(&line) {
                format!("\\{line}")
            } else {
                line
            }
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("  \n")
}

/// Whether `line` starts as a list item does: `- ` or `12. `.
fn starts_list_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    line.starts_with("- ") || (digits > 0 && line[digits..].starts_with(". "))
}

/// Runs of white space as one space, trimmed; no-break spaces are kept.
fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() && c != '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes the characters Markdown reads as marks inside a line.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

// ---- HTML ---------------------------------------------------------------

/// A small style for the saved page: readable alone, light or dark.
const SAVED_STYLE: &str = "body{max-width:66ch;margin:2em auto;padding:0 1em;font:1.1em/1.6 Charter,Georgia,\"Liberation Serif\",serif;color-scheme:light dark}img,video{max-width:100%;height:auto}pre{overflow:auto}blockquote{margin-inline:0;padding-inline-start:1em;border-inline-start:3px solid #999}table{border-collapse:collapse}th,td{border:1px solid #999;padding:4px 8px;text-align:start}.meta{color:#666;font:.9em system-ui,sans-serif}";

/// The article as a standalone HTML page: title, author, date and source in
/// `<head>` (`author`, `article:published_time`, `canonical`) and under
/// the title; the body as the reader view shows it (sanitised, no script).
pub fn html_document(article: &Article, source: Source) -> String {
    let mut out = String::with_capacity(article.content.len() + 1500);
    out.push_str("<!doctype html>\n<html");
    if let Some(lang) = &article.lang {
        out.push_str(" lang=\"");
        escape_attr(lang, &mut out);
        out.push('"');
    }
    if let Some(dir) = article
        .dir
        .as_deref()
        .filter(|d| matches!(*d, "ltr" | "rtl"))
    {
        out.push_str(" dir=\"");
        out.push_str(dir);
        out.push('"');
    }
    out.push_str(">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n<title>");
    escape_text(&article.title, &mut out);
    out.push_str("</title>\n");
    let meta = |attr: &str, name: &str, value: Option<&str>, out: &mut String| {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            out.push_str(&format!("<meta {attr}=\"{name}\" content=\""));
            escape_attr(v.trim(), out);
            out.push_str("\">\n");
        }
    };
    meta("name", "author", article.byline.as_deref(), &mut out);
    meta(
        "property",
        "article:published_time",
        article.published_time.as_deref(),
        &mut out,
    );
    meta("property", "og:url", source.url, &mut out);
    if let Some(url) = source.url {
        out.push_str("<link rel=\"canonical\" href=\"");
        escape_attr(url, &mut out);
        out.push_str("\">\n");
    }
    out.push_str("<meta name=\"generator\" content=\"Declutter reader view\">\n<style>");
    out.push_str(SAVED_STYLE);
    out.push_str("</style>\n</head>\n<body>\n<article>\n<h1>");
    escape_text(&article.title, &mut out);
    out.push_str("</h1>\n<p class=\"meta\">");
    let mut facts: Vec<String> = Vec::new();
    for fact in [article.byline.as_deref(), article.published_time.as_deref()]
        .into_iter()
        .flatten()
    {
        let mut s = String::new();
        escape_text(fact.trim(), &mut s);
        facts.push(s);
    }
    if let Some(url) = source.url {
        let mut s = String::from("<a href=\"");
        escape_attr(url, &mut s);
        s.push_str("\">");
        escape_text(url, &mut s);
        s.push_str("</a>");
        facts.push(s);
    }
    out.push_str(&facts.join(" · "));
    out.push_str("</p>\n");
    out.push_str(&article.content);
    out.push_str("\n</article>\n</body>\n</html>\n");
    out
}

/// A file name for the article: its title's words, lower case, joined by
/// hyphens (letters of any script kept), at most 80 characters, then `ext`.
pub fn file_name(title: &str, ext: &str) -> String {
    let mut name = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if name.chars().count() + word.chars().count() > 80 {
            break;
        }
        if !name.is_empty() {
            name.push('-');
        }
        name.extend(word.chars().flat_map(char::to_lowercase));
    }
    if name.is_empty() {
        name.push_str("article");
    }
    format!("{name}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(content: &str) -> Article {
        Article {
            title: "Rust *in* the [browser]".into(),
            byline: Some("Ann \"Q\" Lee".into()),
            dir: None,
            lang: Some("en".into()),
            content: content.into(),
            text_content: String::new(),
            length: 0,
            excerpt: None,
            site_name: None,
            published_time: Some("2024-12-26T21:13:00+02:00".into()),
            lead_image: None,
            reading_minutes: 1,
            confidence: 1.0,
        }
    }

    const SOURCE: Source = Source {
        url: Some("https://news.test/a?b=1"),
    };

    #[test]
    fn front_matter_names_title_author_date_and_source() {
        let md = markdown(&article("<p>Hi</p>"), SOURCE);
        assert!(
            md.starts_with(
                "---\ntitle: \"Rust *in* the [browser]\"\nauthor: \"Ann \\\"Q\\\" Lee\"\ndate: \"2024-12-26T21:13:00+02:00\"\nsource: \"https://news.test/a?b=1\"\nlang: \"en\"\n---\n\n# Rust \\*in\\* the \\[browser\\]\n\nHi\n"
            ),
            "{md}"
        );
    }

    #[test]
    fn headings_paragraphs_emphasis_links_and_images() {
        let md = markdown(
            &article(
                r#"<h2>First &amp; <em>best</em></h2><p>Plain <strong>bold</strong>, <em>it </em>and <a rel="noopener noreferrer" href="https://x.test/a b">a link</a>.<br>Next line &lt;tag&gt; 2*3</p><figure><img src="https://x.test/p.jpg" alt="A [cat]"><figcaption>The cat.</figcaption></figure><h3>Third</h3><hr>"#,
            ),
            Source::default(),
        );
        let body = md.split("\n\n").skip(2).collect::<Vec<_>>().join("\n\n");
        assert_eq!(
            body,
            "## First & *best*\n\nPlain **bold**, *it* and [a link](<https://x.test/a b>).  \nNext line \\<tag\\> 2\\*3\n\n![A \\[cat\\]](https://x.test/p.jpg)\n\nThe cat.\n\n### Third\n\n---\n"
        );
    }

    #[test]
    fn text_that_starts_with_a_multi_byte_character_is_read() {
        // The fuzzer's find: a text run after a tag, starting with '“'.
        let md = markdown(
            &article("<p>x</p>“Quoted,” she said. 𝄞</p>"),
            Source::default(),
        );
        assert!(md.ends_with("x\n\n“Quoted,” she said. 𝄞\n"), "{md}");
    }

    #[test]
    fn nesting_past_the_limit_gives_its_content_to_the_parent() {
        // A hostile page's <b> 20,000 deep: the writers recurse once per
        // level, and the tree they get is at most MAX_EXPORT_DEPTH deep.
        let depth = 20_000;
        let html = format!("<p>{}deep{}</p>", "<b>".repeat(depth), "</b>".repeat(depth));
        let tree = parse(&html);
        let mut deepest = 0;
        let mut level: Vec<(&Node, usize)> = tree.iter().map(|n| (n, 1)).collect();
        while let Some((node, d)) = level.pop() {
            deepest = deepest.max(d);
            if let Node::Element { children, .. } = node {
                level.extend(children.iter().map(|c| (c, d + 1)));
            }
        }
        assert!(deepest <= MAX_EXPORT_DEPTH + 2, "{deepest}");
        let md = markdown(&article(&html), Source::default());
        assert!(md.contains("deep"), "{md}");
        assert!(!html_document(&article(&html), Source::default()).is_empty());
    }

    #[test]
    fn nested_lists_keep_their_numbers_and_indents() {
        let md = markdown(
            &article(
                "<ul><li>One</li><li>Two<ul><li>Two a</li><li>Two b<ol start=\"3\"><li>deep</li></ol></li></ul></li></ul><ol><li><p>First</p><p>more</p></li><li>Second</li></ol>",
            ),
            Source::default(),
        );
        let body = md.split("\n\n").skip(2).collect::<Vec<_>>().join("\n\n");
        assert_eq!(
            body,
            "- One\n- Two\n  - Two a\n  - Two b\n    3. deep\n\n1. First\n\n   more\n2. Second\n"
        );
    }

    #[test]
    fn code_blocks_keep_their_language_and_text() {
        let md = markdown(
            &article(
                "<p>Use <code>a_b</code> or <code>x`y</code>.</p><pre><code class=\"language-rust\">fn main() {\n    let s = \"&lt;b&gt;\";\n}\n</code></pre><pre>plain ```fence```</pre>",
            ),
            Source::default(),
        );
        assert!(md.contains("Use `a_b` or ``x`y``."), "{md}");
        assert!(
            md.contains("```rust\nfn main() {\n    let s = \"<b>\";\n}\n```"),
            "{md}"
        );
        assert!(md.contains("````\nplain ```fence```\n````"), "{md}");
    }

    #[test]
    fn blockquotes_and_tables() {
        let md = markdown(
            &article(
                "<blockquote><p>Said once.</p><p>Said twice.</p></blockquote><table><caption>Votes</caption><thead><tr><th>Party</th><th>Share</th></tr></thead><tbody><tr><td>A|B</td><td>52 %</td></tr><tr><td>C</td></tr></tbody></table>",
            ),
            Source::default(),
        );
        assert!(md.contains("> Said once.\n>\n> Said twice."), "{md}");
        assert!(
            md.contains("| Party | Share |\n| --- | --- |\n| A\\|B | 52 % |\n| C |  |"),
            "{md}"
        );
    }

    #[test]
    fn text_that_looks_like_markdown_stays_text() {
        let md = markdown(
            &article("<p># not a heading</p><p>1. not a list</p><p>- nor this</p>"),
            Source::default(),
        );
        assert!(
            md.contains("\\# not a heading\n\n\\1. not a list\n\n\\- nor this"),
            "{md}"
        );
    }

    #[test]
    fn the_html_page_carries_the_facts_and_escapes_them() {
        let mut a = article("<p>Body</p>");
        a.dir = Some("rtl".into());
        a.title = "A <b>title</b>".into();
        let html = html_document(&a, SOURCE);
        assert!(html.starts_with("<!doctype html>\n<html lang=\"en\" dir=\"rtl\">"));
        assert!(html.contains("<title>A &lt;b&gt;title&lt;/b&gt;</title>"));
        assert!(html.contains(r#"<meta name="author" content="Ann &quot;Q&quot; Lee">"#));
        assert!(html.contains(
            r#"<meta property="article:published_time" content="2024-12-26T21:13:00+02:00">"#
        ));
        assert!(html.contains(r#"<link rel="canonical" href="https://news.test/a?b=1">"#));
        assert!(html.contains("<p>Body</p>") && !html.contains("<script"));
    }

    #[test]
    fn file_names_are_the_titles_words() {
        assert_eq!(
            file_name("Rust *in* the [browser]", "md"),
            "rust-in-the-browser.md"
        );
        assert_eq!(file_name("Новости: день", "html"), "новости-день.html");
        assert_eq!(file_name("!!!", "md"), "article.md");
    }

    #[test]
    fn the_parser_reads_what_the_renderer_writes() {
        let nodes = parse(r#"<p title="a &quot;b&quot;">x &amp; y<br>z</p>"#);
        assert_eq!(
            nodes,
            vec![Node::Element {
                tag: "p".into(),
                attrs: vec![("title".into(), "a \"b\"".into())],
                children: vec![
                    Node::Text("x & y".into()),
                    Node::Element {
                        tag: "br".into(),
                        attrs: vec![],
                        children: vec![]
                    },
                    Node::Text("z".into()),
                ],
            }]
        );
        // Unbalanced input does not lose text.
        let md = markdown(
            &article("<p>open <em>never closed</p>tail"),
            Source::default(),
        );
        assert!(
            md.contains("open *never closed*") && md.contains("tail"),
            "{md}"
        );
    }
}
