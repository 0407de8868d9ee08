//! Which phrases of each word list occur in each subtree, found in one pass.
//!
//! Detectors ask "does this block say 'subscribe'?" of hundreds of blocks;
//! joining and searching each block's text again is quadratic and was most
//! of `clean`'s time. Instead every text node is read once: its words are
//! looked up by first word in an index of all phrases, and the matches, a
//! bit per phrase, are OR-ed up the tree. A phrase split across elements
//! ("sign <b>up</b>") is not seen; attribute values are still checked with
//! `patterns::contains_any`.

use crate::fnv::FnvMap;
use crate::patterns;
use crate::snapshot::{NodeId, Snapshot};
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

const FAMILIES: [(Family, &[&str]); 11] = [
    (Family::Signup, patterns::SIGNUP),
    (Family::SignupCall, patterns::SIGNUP_CALL),
    (Family::Consent, patterns::CONSENT),
    (Family::SupportNag, patterns::SUPPORT_NAG),
    (Family::FinePrint, patterns::FINE_PRINT),
    (Family::Search, patterns::SEARCH),
    (Family::Audio, patterns::AUDIO_NOTICE),
    (Family::Rail, patterns::RAIL_HEADING),
    (Family::Comments, patterns::COMMENTS),
    (Family::SkipLink, patterns::SKIP_LINK),
    (Family::NotASignup, patterns::NOT_A_SIGNUP),
];

/// One bit per phrase of each family (phrase index modulo 128).
type Bits = [u128; FAMILIES.len()];

/// First word → (family, phrase index, phrase). Every word of the page is
/// looked up here.
type Index = FnvMap<&'static str, Vec<(usize, usize, &'static str)>>;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = Index::default();
        for (f, (_, phrases)) in FAMILIES.iter().enumerate() {
            for (p, phrase) in phrases.iter().enumerate() {
                if phrases[..p].contains(phrase) {
                    continue; // a phrase listed twice (two languages share it) counts once
                }
                let first = phrase
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or(phrase);
                map.entry(first).or_default().push((f, p, phrase));
            }
        }
        map
    })
}

pub struct Wording {
    bits: Vec<Bits>,
}

impl Wording {
    pub fn new(s: &Snapshot) -> Self {
        let mut bits: Vec<Bits> = vec![[0; FAMILIES.len()]; s.len()];
        for (i, n) in s.nodes.iter().enumerate() {
            if n.is_text() && !n.text.trim().is_empty() {
                bits[i] = text_bits(&n.text);
            }
        }
        // Children follow their parent in pre-order: OR each node into its
        // parent from the end backwards, and every subtree is complete.
        for i in (0..s.len()).rev() {
            if let Some(p) = s.nodes[i].parent {
                let child = bits[i];
                for (acc, b) in bits[p].iter_mut().zip(child) {
                    *acc |= b;
                }
            }
        }
        Wording { bits }
    }

    /// The subtree of `id` says at least one phrase of `family`.
    pub fn has(&self, id: NodeId, family: Family) -> bool {
        self.bits[id][family as usize] != 0
    }

    /// How many different phrases of `family` the subtree says.
    pub fn count(&self, id: NodeId, family: Family) -> u32 {
        self.bits[id][family as usize].count_ones()
    }
}

/// The phrases in one piece of text, matched like `patterns::contains_phrase`.
pub fn text_bits(text: &str) -> Bits {
    let mut out: Bits = [0; FAMILIES.len()];
    let lower = text.to_lowercase();
    let index = index();
    let mut prev_alnum = false;
    for (pos, c) in lower.char_indices() {
        let alnum = c.is_alphanumeric();
        if alnum && !prev_alnum {
            let rest = &lower[pos..];
            let word = rest
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or(rest);
            for &(f, p, phrase) in index.get(word).into_iter().flatten() {
                if rest.starts_with(phrase) && ends_at_boundary(rest, phrase) {
                    out[f] |= 1u128 << (p % 128);
                }
            }
        }
        prev_alnum = alnum;
    }
    out
}

fn ends_at_boundary(rest: &str, phrase: &str) -> bool {
    !phrase.chars().last().is_some_and(char::is_alphanumeric)
        || !rest[phrase.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::{contains_any, count_distinct};

    #[test]
    fn agrees_with_the_plain_search() {
        for text in [
            "Sign up for our newsletter. We use cookies; accept all or manage preferences.",
            "Підпишіться на розсилку",
            "The subscribers said they were unassigned.",
            "Zum Inhalt springen · s'abonner à l'infolettre",
            "",
        ] {
            let bits = text_bits(text);
            for (f, (_, phrases)) in FAMILIES.iter().enumerate() {
                assert_eq!(
                    bits[f] != 0,
                    contains_any(text, phrases),
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
