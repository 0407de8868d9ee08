//! Which phrases of each word list occur in each subtree, found in one pass.
//!
//! Detectors ask "does this block say 'subscribe'?" of hundreds of blocks;
//! joining and searching each block's text again is quadratic and was most
//! of `clean`'s time. Instead every text node is read once by the one
//! [`Matcher`], and the matches, a bit per phrase, are OR-ed up the tree. A
//! phrase split across elements ("sign <b>up</b>") is not seen; attribute
//! values are checked with [`says`].

use crate::snapshot::{NodeId, Snapshot};
use crate::words::{self, List, Matcher};
use std::sync::OnceLock;

/// The word lists the detectors read text with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Signup,
    SignupCall,
    Consent,
    SupportNag,
    FinePrint,
    Search,
    Audio,
    Rail,
    Comments,
    SkipLink,
    NotASignup,
}

/// Each family's list, in the order of [`Family`].
const FAMILIES: [(Family, List); 11] = [
    (Family::Signup, List::Signup),
    (Family::SignupCall, List::SignupCall),
    (Family::Consent, List::Consent),
    (Family::SupportNag, List::SupportNag),
    (Family::FinePrint, List::FinePrint),
    (Family::Search, List::Search),
    (Family::Audio, List::AudioNotice),
    (Family::Rail, List::RailHeading),
    (Family::Comments, List::Comments),
    (Family::SkipLink, List::SkipLink),
    (Family::NotASignup, List::NotASignup),
];

type Bits = crate::words::matcher::Bits<{ FAMILIES.len() }>;

/// The families' phrases, indexed once.
fn matcher() -> &'static Matcher<{ FAMILIES.len() }> {
    static MATCHER: OnceLock<Matcher<{ FAMILIES.len() }>> = OnceLock::new();
    MATCHER.get_or_init(|| Matcher::new(FAMILIES.map(|(_, list)| words::all(list))))
}

/// `text` (an attribute value, say) holds a phrase of `family`.
pub fn says(text: &str, family: Family) -> bool {
    matcher().has(text, family as usize)
}

/// Which phrases each subtree says. Most subtrees say none, so the bits live
/// in a side table and each node holds a slot in it (0: nothing), which keeps
/// the per-node cost at four bytes instead of the 176 of a full set.
pub struct Wording {
    slot: Vec<u32>,
    sets: Vec<Bits>,
}

impl Wording {
    pub fn new(s: &Snapshot) -> Self {
        let matcher = matcher();
        let mut slot = vec![0u32; s.len()];
        let mut sets: Vec<Bits> = vec![[0; FAMILIES.len()]];
        let mut lower = String::new();
        for (i, n) in s.nodes.iter().enumerate() {
            if n.is_text() {
                let bits = matcher.bits_with(n.text(), &mut lower);
                if bits != [0; FAMILIES.len()] {
                    slot[i] = sets.len() as u32;
                    sets.push(bits);
                }
            }
        }
        // Children follow their parent in pre-order: OR each node into its
        // parent from the end backwards, and every subtree is complete.
        for i in (0..s.len()).rev() {
            let (child, Some(p)) = (slot[i] as usize, s.nodes[i].parent) else {
                continue;
            };
            if child == 0 {
                continue;
            }
            if slot[p] == 0 {
                slot[p] = sets.len() as u32;
                sets.push(sets[child]);
            } else {
                let from = sets[child];
                for (acc, b) in sets[slot[p] as usize].iter_mut().zip(from) {
                    *acc |= b;
                }
            }
        }
        Wording { slot, sets }
    }

    fn bits(&self, id: NodeId, family: Family) -> u128 {
        self.sets[self.slot[id] as usize][family as usize]
    }

    /// The subtree of `id` says at least one phrase of `family`.
    pub fn has(&self, id: NodeId, family: Family) -> bool {
        self.bits(id, family) != 0
    }

    /// How many different phrases of `family` the subtree says.
    pub fn count(&self, id: NodeId, family: Family) -> u32 {
        self.bits(id, family).count_ones()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::matcher::tests::{count_distinct, SAMPLES};

    #[test]
    fn agrees_with_the_plain_search() {
        for text in SAMPLES {
            let bits = matcher().bits(text);
            for (f, (_, list)) in FAMILIES.iter().enumerate() {
                let phrases = words::all(*list);
                assert_eq!(
                    bits[f] != 0,
                    count_distinct(text, phrases) > 0,
                    "{text:?} family {f}"
                );
                assert_eq!(
                    bits[f].count_ones() as usize,
                    count_distinct(text, phrases),
                    "{text:?} family {f}"
                );
            }
        }
    }

    /// The in-place reading of text with non-ASCII punctuation agrees with
    /// lower-casing it, next to every Latin, Greek, Cyrillic and Hebrew
    /// character and every general punctuation mark.
    #[test]
    fn any_character_beside_a_phrase_reads_alike() {
        let around = (0x80..0x600).chain(0x2000..0x2070).chain(0x3000..0x3004);
        for c in around.filter_map(char::from_u32) {
            let text = format!("{c}Sign up{c}for our newsletter{c} and accept all cookies{c}");
            let bits = matcher().bits(&text);
            for (f, (_, list)) in FAMILIES.iter().enumerate() {
                assert_eq!(
                    bits[f].count_ones() as usize,
                    count_distinct(&text, words::all(*list)),
                    "{text:?} family {f}"
                );
            }
        }
    }

    #[test]
    fn subtrees_collect_their_children() {
        let mut b = crate::snapshot::Builder::new();
        b.open("div", vec![], false);
        b.open("p", vec![], false);
        b.text("Subscribe now");
        b.close();
        b.open("p", vec![], false);
        b.text("We use cookies");
        let s = b.finish();
        let w = Wording::new(&s);
        assert!(w.has(0, Family::SignupCall) && w.has(0, Family::Consent));
        assert!(w.has(1, Family::SignupCall) && !w.has(1, Family::Consent));
    }
}
