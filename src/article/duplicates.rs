//! Text said twice inside the article: a "Key points" list or a pull quote
//! repeating sentences of the body. The reader wants each sentence once, in
//! the body. Blocks are compared by their word 4-grams, so small
//! differences in punctuation or markup do not matter. Plain paragraphs are
//! never dropped as repeats: a page may well say a thing twice.

use super::page::Page;
use crate::fnv::FnvMap;
use crate::snapshot::NodeId;
use crate::tune::article as tune;

/// Kinds of block that restate the body rather than carry it: summaries
/// and highlights are lists, pull quotes are quotes or asides.
fn restates(page: &Page, i: NodeId) -> bool {
    let s = page.s;
    std::iter::once(i)
        .chain(s.ancestors(i).take(tune::RESTATES_LEVELS))
        .any(|a| {
            matches!(
                s.nodes[a].tag.as_str(),
                "li" | "blockquote" | "aside" | "figure" | "q"
            )
        })
}

/// The kept leaf blocks under `roots`: elements with text and no block
/// inside, in document order.
fn leaf_blocks(page: &Page, roots: &[NodeId], drop: &[bool]) -> Vec<NodeId> {
    let s = page.s;
    let mut out = Vec::new();
    for &root in roots {
        let end = s.nodes[root].end;
        let mut i = root;
        while i < end {
            let n = &s.nodes[i];
            if (i != root && drop[i]) || page.caption[i] {
                i = n.end;
                continue;
            }
            if n.is_element() && !page.is_inline(i) && !page.has_block[i] && page.chars[i] > 0 {
                out.push(i);
                i = n.end;
                continue;
            }
            i += 1;
        }
    }
    out
}

/// Hashes of the block's word 4-grams ([`crate::text::word_4grams`]), ASCII
/// letters folded. A text of fewer than four words gives one hash; it is
/// below [`tune::MIN_SHINGLES`] anyway.
fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    crate::text::word_4grams(&words).collect()
}

/// Drops repeats under `roots`: restating blocks (list items, quotes) whose
/// words occur elsewhere in the article. Returns the dropped blocks.
pub fn drop_repeats(page: &Page, roots: &[NodeId], drop: &mut [bool]) -> Vec<NodeId> {
    let s = page.s;
    let blocks: Vec<(NodeId, Vec<u64>)> = leaf_blocks(page, roots, drop)
        .into_iter()
        .map(|b| (b, shingles(&s.text(b))))
        .collect();
    // For each 4-gram, how many blocks hold it.
    let mut seen: FnvMap<u64, u32> = FnvMap::default();
    for (_, sh) in &blocks {
        for &h in sh {
            *seen.entry(h).or_insert(0) += 1;
        }
    }
    let mut dropped = Vec::new();
    for (b, sh) in &blocks {
        if sh.len() < tune::MIN_SHINGLES || !restates(page, *b) {
            continue;
        }
        let elsewhere = sh
            .iter()
            .filter(|h| seen.get(h).is_some_and(|&n| n >= 2))
            .count();
        if elsewhere as f32 >= tune::REPEATED * sh.len() as f32 {
            drop[*b] = true;
            dropped.push(*b);
            // The copy that stays no longer has a twin.
            for h in sh {
                if let Some(n) = seen.get_mut(h) {
                    *n = n.saturating_sub(1);
                }
            }
        }
    }
    dropped
}

#[cfg(all(test, not(target_arch = "wasm32")))] // native parser in tests
mod tests {
    use super::*;
    use crate::dom::html::parse;

    #[test]
    fn key_points_repeating_the_body_go() {
        let body = "Dubai's flagship carrier finalized a deal to buy thirty jets at the show on Wednesday.";
        let html = format!(
            "<body><div><ul><li>{body}</li></ul><p>{body}</p><p>{body}</p><p>Another sentence that is only said once here.</p></div></body>"
        );
        let s = parse(&html, None);
        let page = Page::new(&s);
        let root = s.nodes.iter().position(|n| n.tag == "div").unwrap();
        let mut drop = vec![false; s.len()];
        let dropped = drop_repeats(&page, &[root], &mut drop);
        assert_eq!(dropped.len(), 1, "only the list item goes");
        assert_eq!(s.nodes[dropped[0]].tag, "li");
    }
}
