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

/// Which phrases each subtree says. Most subtrees say none, so the bits live
/// in a side table and each node holds a slot in it (0: nothing), which keeps
/// the per-node cost at four bytes instead of the 176 of a full set.
pub struct Wording {
    slot: Vec<u32>,
    sets: Vec<Bits>,
}

impl Wording {
    pub fn new(s: &Snapshot) -> Self {
        let mut slot = vec![0u32; s.len()];
        let mut sets: Vec<Bits> = vec![[0; FAMILIES.len()]];
        let mut lower = String::new();
        for (i, n) in s.nodes.iter().enumerate() {
            if n.is_text() {
                let bits = text_bits_with(n.text(), &mut lower);
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

/// The phrases in one piece of text, matched like `patterns::contains_phrase`.
pub fn text_bits(text: &str) -> Bits {
    text_bits_with(text, &mut String::new())
}

/// [`text_bits`] with a buffer for lower-cased text, reused from node to
/// node. The text is read in place: only where a word may start a phrase
/// is it lower-cased, and only as far as a phrase reaches (ASCII text is
/// compared ignoring case instead). Lower-casing whole paragraphs for one
/// accented name was most of this pass on pages that have them.
fn text_bits_with(text: &str, lower: &mut String) -> Bits {
    let mut out: Bits = [0; FAMILIES.len()];
    let index = index();
    let mut visit = |rest: &str, word: &str| {
        for &(f, p, phrase) in index.get(word).into_iter().flatten() {
            let said = rest
                .get(..phrase.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(phrase));
            if said && ends_at_boundary(rest, phrase) {
                out[f] |= 1u128 << (p % 128);
            }
        }
    };
    let filter = first_words();
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        if !bytes[pos].is_ascii_alphanumeric() {
            let (c, len) = char_at(text, pos);
            if !patterns::is_word_char(c) {
                pos += len;
                continue;
            }
        }
        // The word and the filter hash of its lower case, in one pass
        // (`| 0x20` lower-cases an ASCII letter and keeps a digit).
        let start = pos;
        let mut h = FirstWords::SEED;
        let mut ascii = true;
        loop {
            while let Some(&b) = bytes.get(pos).filter(|b| b.is_ascii_alphanumeric()) {
                h = FirstWords::step(h, b | 0x20);
                pos += 1;
            }
            if bytes.get(pos).is_none_or(|b| b.is_ascii()) {
                break;
            }
            let (c, len) = char_at(text, pos);
            if !patterns::is_word_char(c) {
                break;
            }
            ascii = false;
            let mut utf8 = [0u8; 4];
            for l in c.to_lowercase() {
                for &b in l.encode_utf8(&mut utf8).as_bytes() {
                    h = FirstWords::step(h, b);
                }
            }
            pos += len;
        }
        if !filter.holds_hash(h) {
            continue;
        }
        // A phrase may start here. ASCII text is compared in place,
        // ignoring case; anything else is lower-cased first, over as much
        // text as the longest phrase and the character after it.
        lower.clear();
        let reach = (start + longest_phrase() + 1).min(bytes.len());
        if ascii && bytes[start..reach].is_ascii() {
            lower.push_str(&text[start..pos]);
            lower.make_ascii_lowercase();
            visit(&text[start..], lower);
        } else {
            // `str::to_lowercase`, not per char: a final sigma differs.
            let rest = text[start..window_end(text, start)].to_lowercase();
            let word_len = rest
                .find(|c| !patterns::is_word_char(c))
                .unwrap_or(rest.len());
            lower.push_str(&rest[..word_len]);
            visit(&rest, lower);
        }
    }
    out
}

/// The character at byte `pos` of `text` (a character boundary), and its
/// length in bytes.
fn char_at(text: &str, pos: usize) -> (char, usize) {
    match text.as_bytes()[pos] {
        b if b < 0x80 => (char::from(b), 1),
        _ => text[pos..]
            .chars()
            .next()
            .map_or(('\0', 1), |c| (c, c.len_utf8())),
    }
}

/// Where the text that a phrase starting at `start` can span ends: past
/// the longest phrase's characters and one more, which tells whether the
/// phrase ends a word.
fn window_end(text: &str, start: usize) -> usize {
    text[start..]
        .char_indices()
        .nth(longest_phrase() + 1)
        .map_or(text.len(), |(i, _)| start + i)
}

/// The most characters of any phrase.
fn longest_phrase() -> usize {
    static LONGEST: OnceLock<usize> = OnceLock::new();
    *LONGEST.get_or_init(|| {
        FAMILIES
            .iter()
            .flat_map(|(_, phrases)| phrases.iter())
            .map(|p| p.chars().count())
            .max()
            .unwrap_or(0)
    })
}

/// A quick "no" for nine in ten words of a page before the index lookup:
/// a 64K-bit filter of the phrases' first words, by a hash of the word in
/// any case.
struct FirstWords {
    bits: Vec<u64>,
}

impl FirstWords {
    /// FNV-1a ([`crate::fnv`]) over the word's bytes, ASCII lower-cased.
    const SEED: u64 = crate::fnv::OFFSET;
    fn step(h: u64, lower_byte: u8) -> u64 {
        crate::fnv::step(h, lower_byte)
    }
    fn hash(word: &[u8]) -> u64 {
        word.iter()
            .fold(Self::SEED, |h, b| Self::step(h, b.to_ascii_lowercase()))
    }
    fn key(h: u64) -> usize {
        let h = (h ^ (h >> 32)) as u32;
        ((h ^ (h >> 16)) & 0xffff) as usize
    }
    fn holds_hash(&self, h: u64) -> bool {
        let k = Self::key(h);
        self.bits[k >> 6] & (1 << (k & 63)) != 0
    }
}

fn first_words() -> &'static FirstWords {
    static FIRST: OnceLock<FirstWords> = OnceLock::new();
    FIRST.get_or_init(|| {
        let mut bits = vec![0u64; 1 << 10];
        for word in index().keys() {
            let k = FirstWords::key(FirstWords::hash(word.as_bytes()));
            bits[k >> 6] |= 1 << (k & 63);
        }
        FirstWords { bits }
    })
}

fn ends_at_boundary(rest: &str, phrase: &str) -> bool {
    !phrase.chars().last().is_some_and(patterns::is_word_char)
        || !rest[phrase.len()..]
            .chars()
            .next()
            .is_some_and(patterns::is_word_char)
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
            "Don\u{2019}t miss out \u{2014} sign up for our newsletter\u{2026}",
            "\u{201c}We use cookies\u{201d}, says the \u{212a}elvin banner",
            "Sign\u{a0}up for our newsletter",
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

    /// The in-place reading of text with non-ASCII punctuation agrees with
    /// lower-casing it, next to every Latin, Greek, Cyrillic and Hebrew
    /// character and every general punctuation mark.
    #[test]
    fn any_character_beside_a_phrase_reads_alike() {
        let around = (0x80..0x600).chain(0x2000..0x2070).chain(0x3000..0x3004);
        for c in around.filter_map(char::from_u32) {
            let text = format!("{c}Sign up{c}for our newsletter{c} and accept all cookies{c}");
            let bits = text_bits(&text);
            for (f, (_, phrases)) in FAMILIES.iter().enumerate() {
                assert_eq!(
                    bits[f].count_ones() as usize,
                    count_distinct(&text, phrases),
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
