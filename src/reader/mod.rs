//! The reader view's content: the article that [`crate::article`] found,
//! written out as sanitised HTML from an allow-list ([`sanitize`]) by a walk
//! over its selection ([`render()`]). The live side puts it in a shadow root
//! with its own styles. This stage reads `article`; `article` never reads
//! it.

pub mod export;
pub mod render;
pub mod sanitize;
pub mod view;

use crate::article::{self, Article, ExtractOptions};
use crate::snapshot::Snapshot;
pub use render::render;

/// Extracts the article: found by [`article::find`], its body written out
/// by [`render()`], its lead image resolved like the body's. `None` when the
/// page has no text at all.
pub fn extract(s: &Snapshot, opts: &ExtractOptions) -> Option<Article> {
    let found = article::find(s, opts)?;
    let content = render(s, &found.selection);
    let meta = found.meta;
    let base = s.url.as_deref();
    Some(Article {
        title: meta.title,
        byline: found.byline,
        dir: found.dir,
        lang: meta.lang,
        length: found.text_content.encode_utf16().count(),
        excerpt: found.excerpt,
        site_name: meta.site_name,
        published_time: meta.published_time,
        lead_image: meta
            .lead_image
            .as_deref()
            .and_then(|u| sanitize::resolve_url(base, u, false)),
        reading_minutes: found.reading_minutes,
        confidence: found.confidence,
        content,
        text_content: found.text_content,
    })
}
