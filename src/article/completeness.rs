//! When the page states its own text (JSON-LD `articleBody`) or its length
//! (`wordCount`), a check that the extraction did not lose part of it.
//!
//! The stated text is never output as such: it is often truncated, stale or
//! stripped of structure. It only says which paragraphs of the page belong
//! to the article. Paragraphs that match it and were left out (a second
//! block the scoring did not join, a box clean-up took for a widget) are put
//! back; when the extraction covers less than half of it, the block holding
//! the matching paragraphs replaces the chosen one.

use super::candidates::Flags;
use super::cleanup;
use super::metadata::Metadata;
use super::page::Page;
use super::selection::Selection;
use crate::fnv::FnvSet;
use crate::snapshot::NodeId;
use crate::tune::article as tune;

/// Hashes of a text's lower-case word 4-grams ([`crate::text::word_4grams`]).
fn shingles(text: &str) -> FnvSet<u64> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    crate::text::word_4grams(&words).collect()
}

fn share_in(part: &FnvSet<u64>, whole: &FnvSet<u64>) -> f32 {
    if part.is_empty() {
        return 0.0;
    }
    part.iter().filter(|h| whole.contains(h)).count() as f32 / part.len() as f32
}

/// Checks `sel` against the page's stated text (or, lacking it, its
/// stated word count) and repairs it.
pub fn complete(page: &Page, flags: Flags, meta: &Metadata, sel: &mut Selection) {
    let Some(body) = meta.article_body.as_deref() else {
        if let Some(words) = meta.word_count {
            complete_by_count(page, flags, meta, words as usize, sel);
        }
        return;
    };
    if body.split_whitespace().count() < tune::MIN_BODY_WORDS {
        return;
    }
    let s = page.s;
    let stated = shingles(body);
    let extracted = shingles(&super::article_text(page, sel));
    let coverage = share_in(&stated, &extracted);
    if coverage >= tune::COMPLETE {
        return;
    }
    // Leaf paragraphs of the page that the stated text vouches for, even
    // in blocks whose class looked like chrome.
    let loose = Flags {
        strip_unlikely: false,
        ..flags
    };
    let all_paras = super::candidates::paragraphs(page, loose);
    let belonging: Vec<NodeId> = all_paras
        .iter()
        .filter(|p| {
            p.element != p.holder
                && !page.has_block[p.element]
                && p.link_density() < tune::BELONGING_MAX_LINK_DENSITY
                && !crate::tags::is_heading(&s.nodes[p.element].tag)
        })
        .map(|p| p.element)
        .filter(|&e| {
            let text = s.text(e);
            text.split_whitespace().count() >= tune::MIN_PARAGRAPH_WORDS
                && share_in(&shingles(&text), &stated) >= tune::BELONGS
        })
        .collect();
    if belonging.is_empty() {
        return;
    }
    if coverage < tune::WRONG_BLOCK && belonging.len() >= 2 {
        let lca = belonging[1..]
            .iter()
            .fold(belonging[0], |a, &b| common_ancestor(page, a, b));
        if page.chars[lca] as usize <= tune::MAX_GROWTH * body.chars().count() {
            let cleaned = cleanup::prune(page, flags, &[lca], meta);
            let mut other = Selection {
                roots: vec![lca],
                drop: cleaned.drop,
            };
            for &p in &belonging {
                other.include(s, p);
            }
            let other_coverage = share_in(&stated, &shingles(&super::article_text(page, &other)));
            if other_coverage > coverage {
                *sel = other;
                return;
            }
        }
    }
    let extracted_text = super::article_text(page, sel);
    let extracted = shingles(&extracted_text);
    for p in belonging {
        if share_in(&shingles(&s.text(p)), &extracted) < tune::ALREADY {
            sel.include(s, p);
        }
    }
}

/// With only a word count to go by: when the extraction has well under the
/// stated count, a block around the chosen ones may hold the rest (an
/// article split in parts the scorer did not join). The nearest enclosing
/// block that, cleaned, reaches the count without overshooting it replaces
/// the choice.
fn complete_by_count(
    page: &Page,
    flags: Flags,
    meta: &Metadata,
    stated: usize,
    sel: &mut Selection,
) {
    let s = page.s;
    let count = |sel: &Selection| super::article_text(page, sel).split_whitespace().count();
    let have = count(sel);
    if stated < tune::MIN_BODY_WORDS
        || have as f32 >= tune::SHORT_OF_COUNT * stated as f32
        || sel.roots.is_empty()
    {
        return;
    }
    let around = sel.roots[1..]
        .iter()
        .fold(sel.roots[0], |a, &b| common_ancestor(page, a, b));
    let body = s.body();
    for block in s
        .ancestors(around)
        .take_while(|&a| a != body && s.contains(body, a))
        .take(tune::MAX_CLIMB)
    {
        let cleaned = cleanup::prune(page, flags, &[block], meta);
        let wider = Selection {
            roots: vec![block],
            drop: cleaned.drop,
        };
        let got = count(&wider);
        if got as f32 > tune::OVER_COUNT * stated as f32 {
            return;
        }
        if got as f32 >= tune::SHORT_OF_COUNT * stated as f32 {
            *sel = wider;
            return;
        }
    }
}

fn common_ancestor(page: &Page, a: NodeId, b: NodeId) -> NodeId {
    let s = page.s;
    std::iter::once(a)
        .chain(s.ancestors(a))
        .find(|&x| s.contains(x, b))
        .unwrap_or(0)
}

impl Selection {
    /// Puts node `p` (and its subtree) back into the selection, in its place:
    /// inside a root it re-opens the dropped blocks on the way down to it,
    /// keeping their other children dropped; outside every root it becomes
    /// a root of its own.
    pub fn include(&mut self, s: &crate::snapshot::Snapshot, p: NodeId) {
        if let Some(&root) = self.roots.iter().find(|&&r| s.contains(r, p)) {
            let mut path: Vec<NodeId> = s.ancestors(p).take_while(|&a| a != root).collect();
            path.reverse();
            path.push(p);
            // Below the first dropped block, everything off the path was
            // dropped with it and must stay so.
            let mut below_drop = false;
            for (k, &x) in path.iter().enumerate() {
                if self.drop[x] {
                    self.drop[x] = false;
                    below_drop = true;
                } else if !below_drop {
                    continue;
                }
                if let Some(&next) = path.get(k + 1) {
                    for c in s.children(x) {
                        if c != next {
                            self.drop[c] = true;
                        }
                    }
                }
            }
            return;
        }
        self.roots.retain(|&r| !s.contains(p, r));
        self.roots.push(p);
        self.roots.sort_unstable();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_overlap() {
        let a = shingles("The quick brown fox jumps over the lazy dog");
        let b = shingles("the QUICK brown fox jumps, over the lazy cat");
        assert!(share_in(&a, &b) > 0.6 && share_in(&a, &b) < 1.0);
        assert_eq!(shingles("").len(), 0);
        assert_eq!(shingles("two words").len(), 1);
    }
}
