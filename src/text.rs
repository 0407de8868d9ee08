//! Helpers over plain text and names that every stage uses: nothing here
//! knows a word list, a tag or a page.

use std::borrow::Cow;

/// Hashes of the word 4-grams of `words` (shingles): each run of four words
/// in a row, or, with fewer than four words, one hash of them all. Words
/// hash with a zero byte after each, so "ab c" and "a bc" differ. Callers
/// choose how text splits into words and folds case.
pub fn word_4grams<S: AsRef<str>>(words: &[S]) -> impl Iterator<Item = u64> + '_ {
    let width = words.len().clamp(1, 4);
    let windows = match words.is_empty() {
        true => [].windows(1),
        false => words.windows(width),
    };
    windows.map(|ws| {
        ws.iter().fold(crate::fnv::OFFSET, |h, w| {
            crate::fnv::extend(h, w.as_ref().bytes().chain([0]))
        })
    })
}

/// Many short needles searched for in one pass over a lower-case haystack
/// (an id or class name). The needles are indexed by first byte, and bit
/// tables say which byte pairs start a needle and which pairs follow those
/// (bytes 1-2): most positions in a class name pass neither, and two
/// look-ups say so before any needle is compared.
pub struct PairIndex<T> {
    by_first: Vec<Vec<Needle<T>>>,
    /// Bytes 0-1 of every needle.
    pairs: Bits64K,
    /// Bytes 1-2 of every needle of three or more bytes.
    next_pairs: Bits64K,
    /// Needles of exactly two bytes.
    whole: Bits64K,
}

/// A needle with its first eight bytes as a word and a mask of those that
/// count: one comparison tests a needle of up to eight bytes whole, where
/// comparing slices calls `memcmp`.
#[derive(Clone)]
struct Needle<T> {
    bytes: &'static [u8],
    head: u64,
    mask: u64,
    value: T,
}

/// The first eight bytes of `bytes` as a little-endian word, zeros past
/// its end.
fn head_word(bytes: &[u8]) -> u64 {
    match bytes.get(..8) {
        Some(head) => u64::from_le_bytes(head.try_into().unwrap_or_default()),
        None => {
            let mut word = [0u8; 8];
            word[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(word)
        }
    }
}

/// One bit per pair of bytes. A fixed-size array, so that a look-up, made
/// for every byte of every class name, needs no bounds check.
struct Bits64K(Box<[u64; 65536 / 64]>);

impl Bits64K {
    fn new() -> Self {
        Bits64K(Box::new([0; 65536 / 64]))
    }
    fn key(a: u8, b: u8) -> usize {
        usize::from(a) << 8 | usize::from(b)
    }
    fn set(&mut self, a: u8, b: u8) {
        let k = Self::key(a, b);
        self.0[k / 64] |= 1 << (k % 64);
    }
    fn has(&self, a: u8, b: u8) -> bool {
        let k = Self::key(a, b);
        self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

impl<T: Copy> PairIndex<T> {
    /// Needles must be lower-case and at least two bytes long.
    pub fn new(needles: impl IntoIterator<Item = (&'static str, T)>) -> Self {
        let mut index = PairIndex {
            by_first: vec![Vec::new(); 256],
            pairs: Bits64K::new(),
            next_pairs: Bits64K::new(),
            whole: Bits64K::new(),
        };
        for (needle, value) in needles {
            let b = needle.as_bytes();
            assert!(b.len() >= 2, "needle {needle:?} is too short");
            index.by_first[usize::from(b[0])].push(Needle {
                bytes: b,
                head: head_word(b),
                mask: u64::MAX >> (8 * 8usize.saturating_sub(b.len())),
                value,
            });
            index.pairs.set(b[0], b[1]);
            match b.get(2) {
                Some(&c) => index.next_pairs.set(b[1], c),
                None => index.whole.set(b[0], b[1]),
            }
        }
        index
    }

    /// Calls `found` with the value of every needle occurring in `lower`
    /// (once per occurrence), until it returns `false`.
    pub fn scan(&self, lower: &[u8], mut found: impl FnMut(T) -> bool) {
        self.scan_at(lower, |_, value| found(value));
    }

    /// [`PairIndex::scan`], also telling where each needle occurs (its byte
    /// range in `lower`).
    pub fn scan_at(&self, lower: &[u8], mut found: impl FnMut(std::ops::Range<usize>, T) -> bool) {
        for pos in 0..lower.len().saturating_sub(1) {
            let (a, b) = (lower[pos], lower[pos + 1]);
            let may_start = self.pairs.has(a, b)
                && (self.whole.has(a, b)
                    || lower
                        .get(pos + 2)
                        .is_some_and(|&c| self.next_pairs.has(b, c)));
            if !may_start {
                continue;
            }
            let rest = &lower[pos..];
            let head = head_word(rest);
            for needle in &self.by_first[usize::from(a)] {
                let len = needle.bytes.len();
                if head & needle.mask == needle.head
                    && rest.len() >= len
                    && (len <= 8 || rest[8..len] == needle.bytes[8..])
                    && !found(pos..pos + len, needle.value)
                {
                    return;
                }
            }
        }
    }

    /// Some needle occurs in `lower`.
    pub fn any_in(&self, lower: &str) -> bool {
        let mut any = false;
        self.scan(lower.as_bytes(), |_| {
            any = true;
            false
        });
        any
    }
}

/// Where `needle` first occurs in `hay`. A plain scan: the haystacks here
/// are class names and short texts searched for many needles, where
/// `str::find`'s per-call set-up costs more than the search.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    (0..(hay.len() + 1).saturating_sub(needle.len()))
        .find(|&i| hay[i] == first && &hay[i + 1..i + needle.len()] == rest)
}

/// `hay` contains `needle` (see [`find`]).
pub fn has(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// `char::is_alphanumeric`, answered without a table search for the
/// scripts news pages are mostly written in: ASCII, Latin letters, Cyrillic,
/// Hebrew, Arabic, Thai, CJK, Hangul, and the punctuation between words
/// (’ “ — …), which otherwise each cost a binary search.
pub fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0..=0x7f => c.is_ascii_alphanumeric(),
        0xc0..=0xd6 | 0xd8..=0xf6 | 0xf8..=0x2c1 => true,
        0x410..=0x44f | 0x5d0..=0x5ea | 0x621..=0x64a | 0xe01..=0xe30 => true,
        0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7a3 => true,
        0x2000..=0x206f => false,
        _ => c.is_alphanumeric(),
    }
}

/// Splits an id/class/name string into lower-case tokens on non-letters, so
/// "mc-embedded-subscribe-form" yields "mc", "embedded", "subscribe", "form".
pub fn tokens(s: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        // Most tokens are lower-case already (class names): no copy then.
        .map(|t| match t.chars().any(char::is_uppercase) {
            true => Cow::Owned(t.to_lowercase()),
            false => Cow::Borrowed(t),
        })
}

/// The commas of the world's scripts that Readability counts, other than
/// ',' (the test's `COMMAS` lists them as characters), in UTF-8: compared
/// as bytes, so that no character is decoded. News text is full of curly
/// quotes, which share a first byte with some of them.
const OTHER_COMMAS_UTF8: [&[u8]; 9] = [
    b"\xD8\x8C",
    b"\xEF\xB9\x90",
    b"\xEF\xB8\x90",
    b"\xEF\xB8\x91",
    b"\xE2\xB9\x81",
    b"\xE2\xB8\xB4",
    b"\xE2\xB8\xB2",
    b"\xEF\xBC\x8C",
    b"\xE3\x80\x81",
];

pub fn count_commas(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let ascii = bytes.iter().filter(|&&b| b == b',').count() as u32;
    if bytes.is_ascii() {
        return ascii;
    }
    // Each other comma starts with 0xD8, 0xE2, 0xE3 or 0xEF.
    let other = (0..bytes.len())
        .filter(|&i| matches!(bytes[i], 0xD8 | 0xE2 | 0xE3 | 0xEF))
        .filter(|&i| OTHER_COMMAS_UTF8.iter().any(|c| bytes[i..].starts_with(c)))
        .count() as u32;
    ascii + other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_grams_or_one_of_everything() {
        assert_eq!(word_4grams::<&str>(&[]).count(), 0);
        assert_eq!(word_4grams(&["two", "words"]).count(), 1);
        assert_eq!(word_4grams(&["a", "b", "c", "d", "e"]).count(), 2);
        let one: Vec<u64> = word_4grams(&["ab", "c"]).collect();
        let other: Vec<u64> = word_4grams(&["a", "bc"]).collect();
        assert_ne!(one, other);
    }

    #[test]
    fn pair_index_finds_what_substring_search_finds() {
        // Needles of two to eight bytes are compared as one word; longer
        // ones also byte by byte past the eighth.
        let needles = [
            "modal",
            "mo",
            "pop-up",
            "cookie",
            "ie",
            "overlay",
            "overlays",
            "newsletter-signup",
        ];
        let index = PairIndex::new(needles.iter().enumerate().map(|(i, &n)| (n, i)));
        for hay in [
            "",
            "m",
            "site-modal is-open",
            "cookie-bar",
            "caf\u{e9} pop-up",
            "xmodalx overlay",
            "header nav",
            "ie",
            "overlays newsletter-signal",
            "newsletter-signup",
            "a newsletter-signu",
        ] {
            let mut found = Vec::new();
            index.scan(hay.as_bytes(), |i| {
                found.push(i);
                true
            });
            found.sort();
            found.dedup();
            let expected: Vec<usize> = (0..needles.len())
                .filter(|&i| hay.contains(needles[i]))
                .collect();
            assert_eq!(found, expected, "{hay:?}");
            assert_eq!(index.any_in(hay), !expected.is_empty(), "{hay:?}");
        }
    }

    #[test]
    fn find_agrees_with_str_find() {
        let hays = [
            "",
            "a",
            "mc-embedded-subscribe-form",
            "caf\u{e9} cookie-consent",
            "modalmodal",
        ];
        let needles = [
            "",
            "a",
            "modal",
            "subscribe",
            "\u{e9} c",
            "form",
            "mc-embedded-subscribe-form!",
        ];
        for hay in hays {
            for needle in needles {
                assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
            }
        }
    }

    #[test]
    fn word_chars_are_alphanumerics() {
        for c in (0..0x11000).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// Commas of the world's scripts, as Readability counts them.
    const COMMAS: [char; 10] = [
        ',', '\u{060C}', '\u{FE50}', '\u{FE10}', '\u{FE11}', '\u{2E41}', '\u{2E34}', '\u{2E32}',
        '\u{FF0C}', '\u{3001}',
    ];

    #[test]
    fn commas_of_every_script_are_counted() {
        let expected = |t: &str| t.chars().filter(|c| COMMAS.contains(c)).count() as u32;
        for text in [
            "one, two, three",
            "\u{201c}Quoted,\u{201d} she said \u{2014} twice\u{3001} then\u{FF0C} done\u{060C}",
            "\u{2E41}\u{2E34}\u{2E32}\u{FE50}\u{FE10}\u{FE11}\u{E2}\u{2E40}",
            "",
        ] {
            assert_eq!(count_commas(text), expected(text), "{text:?}");
        }
        assert_eq!(count_commas("a,\u{3001}b\u{FF0C}"), 3);
        let mut utf8 = [0; 4];
        for (c, bytes) in COMMAS[1..].iter().zip(OTHER_COMMAS_UTF8) {
            assert_eq!(c.encode_utf8(&mut utf8).as_bytes(), bytes, "{c:?}");
        }
    }

    #[test]
    fn commas_in_many_scripts() {
        assert_eq!(count_commas("a, b، c，d"), 3);
    }
}
