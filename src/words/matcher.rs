//! The one phrase matcher: which phrases of some word lists occur in a
//! text, read in one pass.
//!
//! Each word of the text is looked up by itself in an index of the lists'
//! first words (a quick filter answers "no" for nine in ten words first);
//! only where one may start is the text compared with the phrases. A
//! phrase matches at a word boundary: it starts a word, and when it ends
//! with a letter or digit, the word ends with it. The text is read in
//! place: it is lower-cased only where a phrase may start, and only as far
//! as the longest phrase reaches (ASCII text is compared ignoring case
//! instead).
//!
//! The answer is a bit per distinct phrase of each list, so a list may
//! hold at most 128 distinct phrases: [`Matcher::new`] refuses more (every
//! matcher is built in the tests), so counts cannot come out low silently.

use crate::fnv::FnvMap;
use crate::text::is_word_char;

/// The phrases of `N` word lists, indexed for matching.
pub struct Matcher<const N: usize> {
    /// First word → (list, bit, phrase).
    index: FnvMap<&'static str, Vec<(usize, u32, &'static str)>>,
    first_words: FirstWords,
    /// The most characters of any phrase.
    longest: usize,
}

/// A bit per distinct phrase of each list, in the order of the lists.
pub type Bits<const N: usize> = [u128; N];

impl<const N: usize> Matcher<N> {
    /// Indexes `lists` (lower-case phrases). A phrase listed twice in one
    /// list (two languages share it) counts once.
    ///
    /// # Panics
    /// When a list holds more than 128 distinct phrases, or a phrase does
    /// not start with a letter or digit (it could never match).
    pub fn new(lists: [&[&'static str]; N]) -> Self {
        let mut index: FnvMap<&'static str, Vec<(usize, u32, &'static str)>> = FnvMap::default();
        for (l, phrases) in lists.iter().enumerate() {
            let mut distinct = 0u32;
            for (p, &phrase) in phrases.iter().enumerate() {
                if phrases[..p].contains(&phrase) {
                    continue;
                }
                assert!(
                    distinct < u128::BITS,
                    "word list {l} has more than 128 phrases: split it"
                );
                let first = phrase
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or(phrase);
                assert!(!first.is_empty(), "{phrase:?} does not start a word");
                index.entry(first).or_default().push((l, distinct, phrase));
                distinct += 1;
            }
        }
        let longest = lists
            .iter()
            .flat_map(|l| l.iter())
            .map(|p| p.chars().count())
            .max()
            .unwrap_or(0);
        let mut bits = vec![0u64; 1 << 10];
        for word in index.keys() {
            let k = FirstWords::key(FirstWords::hash(word.as_bytes()));
            bits[k >> 6] |= 1 << (k & 63);
        }
        Matcher {
            index,
            first_words: FirstWords { bits },
            longest,
        }
    }

    /// Some phrase of list `list` occurs in `text`.
    pub fn has(&self, text: &str, list: usize) -> bool {
        self.bits(text)[list] != 0
    }

    /// How many distinct phrases of list `list` occur in `text`.
    pub fn count(&self, text: &str, list: usize) -> u32 {
        self.bits(text)[list].count_ones()
    }

    /// The phrases of every list that occur in `text`.
    pub fn bits(&self, text: &str) -> Bits<N> {
        self.bits_with(text, &mut String::new())
    }

    /// [`Matcher::bits`] with a buffer for lower-cased text, reused from
    /// text to text. Lower-casing whole paragraphs for one accented name
    /// was most of the time of reading a page that has them.
    pub fn bits_with(&self, text: &str, lower: &mut String) -> Bits<N> {
        let mut out: Bits<N> = [0; N];
        let mut visit = |rest: &str, word: &str| {
            for &(l, bit, phrase) in self.index.get(word).into_iter().flatten() {
                let said = rest
                    .get(..phrase.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(phrase));
                if said && ends_at_boundary(rest, phrase) {
                    out[l] |= 1u128 << bit;
                }
            }
        };
        let bytes = text.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            if !bytes[pos].is_ascii_alphanumeric() {
                let (c, len) = char_at(text, pos);
                if !is_word_char(c) {
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
                if !is_word_char(c) {
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
            if !self.first_words.holds_hash(h) {
                continue;
            }
            // A phrase may start here. ASCII text is compared in place,
            // ignoring case; anything else is lower-cased first, over as
            // much text as the longest phrase and the character after it.
            lower.clear();
            let reach = (start + self.longest + 1).min(bytes.len());
            if ascii && bytes[start..reach].is_ascii() {
                lower.push_str(&text[start..pos]);
                lower.make_ascii_lowercase();
                visit(&text[start..], lower);
            } else {
                // `str::to_lowercase`, not per char: a final sigma differs.
                let rest = text[start..self.window_end(text, start)].to_lowercase();
                let word_len = rest.find(|c| !is_word_char(c)).unwrap_or(rest.len());
                lower.push_str(&rest[..word_len]);
                visit(&rest, lower);
            }
        }
        out
    }

    /// Where the text that a phrase starting at `start` can span ends: past
    /// the longest phrase's characters and one more, which tells whether
    /// the phrase ends a word.
    fn window_end(&self, text: &str, start: usize) -> usize {
        text[start..]
            .char_indices()
            .nth(self.longest + 1)
            .map_or(text.len(), |(i, _)| start + i)
    }
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

fn ends_at_boundary(rest: &str, phrase: &str) -> bool {
    !phrase.chars().last().is_some_and(is_word_char)
        || !rest[phrase.len()..]
            .chars()
            .next()
            .is_some_and(is_word_char)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::words::{all, List};

    /// Texts the matcher must read as the plain search does: cases, curly
    /// quotes, non-breaking spaces, Cyrillic, a Kelvin sign, nothing.
    pub(crate) const SAMPLES: [&str; 8] = [
        "Sign up for our newsletter. We use cookies; accept all or manage preferences.",
        "Підпишіться на розсилку",
        "The subscribers said they were unassigned.",
        "Zum Inhalt springen · s'abonner à l'infolettre",
        "Don\u{2019}t miss out \u{2014} sign up for our newsletter\u{2026}",
        "\u{201c}We use cookies\u{201d}, says the \u{212a}elvin banner",
        "Sign\u{a0}up for our newsletter",
        "",
    ];

    /// The plain search the matcher must agree with: `lower` contains
    /// `phrase`, not glued to letters on either side.
    pub(crate) fn contains_phrase(lower: &str, phrase: &str) -> bool {
        let starts_alnum = phrase.chars().next().is_some_and(char::is_alphanumeric);
        let ends_alnum = phrase.chars().last().is_some_and(char::is_alphanumeric);
        let mut from = 0;
        while let Some(pos) = lower[from..].find(phrase) {
            let start = from + pos;
            let end = start + phrase.len();
            let before_ok = !starts_alnum
                || !lower[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            let after_ok = !ends_alnum
                || !lower[end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if before_ok && after_ok {
                return true;
            }
            from = start + phrase.chars().next().map_or(1, char::len_utf8);
        }
        false
    }

    /// How many distinct phrases of `phrases` occur in `text`, by the plain
    /// search.
    pub(crate) fn count_distinct(text: &str, phrases: &[&str]) -> usize {
        let lower = text.to_lowercase();
        let mut seen: Vec<&str> = Vec::new();
        for p in phrases {
            if !seen.contains(p) && contains_phrase(&lower, p) {
                seen.push(p);
            }
        }
        seen.len()
    }

    #[test]
    fn word_boundaries() {
        let m = Matcher::new([&["subscribe", "indicates required", "розсилку", "sign up"][..]]);
        assert!(m.has("please subscribe now", 0));
        assert!(!m.has("the subscribers said", 0));
        assert!(m.has("* indicates required", 0));
        assert!(m.has("підпишіться на розсилку", 0));
        assert!(!m.has("unassigned", 0));
        assert!(contains_phrase("please subscribe now", "subscribe"));
        assert!(!contains_phrase("the subscribers said", "subscribe"));
    }

    #[test]
    fn lists_count_apart() {
        let m = Matcher::new([&["sign up", "newsletter", "read more"][..], &["read more"]]);
        assert_eq!(m.count("Sign up for our Newsletter!", 0), 2);
        assert_eq!(m.count("unassigned upkeep; newsletters", 0), 0);
        assert_eq!(m.bits("Read more: x"), [1 << 2, 1]);
    }

    #[test]
    #[should_panic(expected = "more than 128")]
    fn a_list_of_more_than_128_phrases_is_refused() {
        let many: Vec<&'static str> = (0..129)
            .map(|i| &*Box::leak(format!("w{i}").into_boxed_str()))
            .collect();
        Matcher::new([&many[..]]);
    }

    #[test]
    fn every_list_fits() {
        // Date words are looked up whole, never matched as phrases.
        for list in List::ALL.into_iter().filter(|&l| l != List::DateWords) {
            Matcher::new([all(list)]);
        }
        Matcher::new([crate::words::markup::SHARE_LINK]);
    }

    #[test]
    fn agrees_with_the_plain_search() {
        let lists = [all(List::Signup), all(List::Consent), all(List::Promo)];
        let m = Matcher::new(lists);
        for text in SAMPLES.iter().chain(&["Read more: à lire aussi"]) {
            let bits = m.bits(text);
            for (l, phrases) in lists.iter().enumerate() {
                assert_eq!(
                    bits[l].count_ones() as usize,
                    count_distinct(text, phrases),
                    "{text:?} list {l}"
                );
            }
        }
    }
}
