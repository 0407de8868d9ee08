//! Finding the article: the block that holds the page's main run of prose.

use crate::snapshot::{NodeId, Snapshot};

/// Text blocks shorter than this are captions, labels or teasers.
const MIN_PARAGRAPH: u32 = 25;

/// The block holding most of the article's paragraphs, Readability-style:
/// each paragraph scores its parent fully and its grandparent by half, and
/// link-heavy blocks are discounted.
pub fn locate(s: &Snapshot) -> Option<NodeId> {
    let mut score = vec![0f32; s.len()];
    for i in 0..s.len() {
        let n = &s.nodes[i];
        if n.hidden || n.text_len < MIN_PARAGRAPH || !is_paragraph(s, i) {
            continue;
        }
        let text = s.text(i);
        let points = 1.0 + text.matches([',', '،', '，']).count() as f32 + (n.text_len as f32 / 100.0).min(3.0);
        for (level, a) in s.ancestors(i).take(3).enumerate() {
            score[a] += points / [1.0, 2.0, 3.0][level];
        }
    }
    (0..s.len())
        .filter(|&i| score[i] > 0.0)
        .map(|i| (i, score[i] * (1.0 - s.nodes[i].link_density())))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// A block of running text: a `<p>`-like tag, or a `<div>` whose own text
/// (not its children's blocks) is the paragraph.
fn is_paragraph(s: &Snapshot, i: NodeId) -> bool {
    match s.nodes[i].tag.as_str() {
        "p" | "pre" | "blockquote" => true,
        "div" | "section" | "td" => s
            .children(i)
            .all(|c| s.nodes[c].is_text() || !crate::snapshot::is_block_tag(&s.nodes[c].tag)),
        _ => false,
    }
}
