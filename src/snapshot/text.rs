//! Text helpers of the builders: white-space folding (eight bytes at a time
//! where the text is already folded, which most is) and attribute lookup.

/// The value of attribute `name` (lower-case) in a builder's attribute list.
pub fn attr_in<'a, N: AsRef<str>>(attrs: &'a [(N, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n.as_ref() == name)
        .map(|(_, v)| v.as_str())
}

/// ASCII white space other than the space: `\t \n \x0b \x0c \r`.
pub(super) fn is_ascii_break(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r')
}

/// Folds every run of white space to one space. Keeps a lone space, since it
/// separates inline elements (`<a>x</a> <a>y</a>`).
pub fn fold_space(raw: &str) -> String {
    // One pass over the bytes; most text needs no change and is copied
    // once. Non-ASCII characters are decoded only to ask whether they are
    // white space: a no-break space is, the curly quote in most English
    // paragraphs is not.
    if is_folded(raw) {
        return raw.to_owned();
    }
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut copied = 0; // `raw[..copied]` is in `out`
    let mut space_from = None; // the current run of white space
    let mut i = 0;
    while i <= bytes.len() {
        let (len, space) = match bytes.get(i) {
            None => (1, false), // the end closes a last run
            Some(&b) if b < 0x80 => (1, b == b' ' || is_ascii_break(b)),
            Some(_) => {
                let c = raw[i..].chars().next().unwrap_or(' ');
                (c.len_utf8(), c.is_whitespace())
            }
        };
        match (space, space_from) {
            (true, None) => space_from = Some(i),
            (false, Some(from)) => {
                // Every run but a lone ' ' becomes one space.
                if i - from > 1 || bytes[from] != b' ' {
                    out.push_str(&raw[copied..from]);
                    out.push(' ');
                    copied = i;
                }
                space_from = None;
            }
            _ => {}
        }
        i += len;
    }
    out.push_str(&raw[copied..]);
    out
}

/// `raw` has no white space but lone ' ' (the common case). Plain ASCII
/// is checked eight bytes at a time; a chunk with anything else is checked
/// byte by byte, by [`chunk_is_folded`].
pub(super) fn is_folded(raw: &str) -> bool {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    const CONTROL: u64 = u64::from_le_bytes([0xE0; 8]);
    let bytes = raw.as_bytes();
    let mut at = 0;
    let mut prev = 0u8;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // Non-ASCII, or a byte below 0x20 (tabs and line breaks).
        if word & HIGH != 0 || zero_bytes(word & CONTROL) != 0 {
            if !chunk_is_folded(raw, at, at + 8, prev) {
                return false;
            }
        } else {
            // Little-endian: byte k is bits 8k..8k+8, so a space flag moved
            // up one byte meets the flag of the space after it.
            let spaces = zero_bytes(word ^ SPACES);
            if spaces & (spaces << 8) != 0 || (prev == b' ' && spaces & 0x80 != 0) {
                return false;
            }
        }
        prev = chunk[7];
        at += 8;
    }
    chunk_is_folded(raw, at, bytes.len(), prev)
}

/// The high bit of each byte of `x` that is zero, and no other bit.
fn zero_bytes(x: u64) -> u64 {
    const LOW: u64 = u64::from_le_bytes([0x7F; 8]);
    !(((x & LOW) + LOW) | x | LOW)
}

/// [`is_folded`] for `raw[from..to]`, after the byte `prev`. Non-ASCII
/// white space starts with one of four bytes (U+0085 and U+00A0: 0xC2;
/// U+1680: 0xE1; U+2000 to U+205F: 0xE2; U+3000: 0xE3); only there is a
/// character decoded, and asked, so a curly quote's 0xE2 is not mistaken.
/// Those are lead bytes, so `raw[i..]` is on a character boundary.
fn chunk_is_folded(raw: &str, from: usize, to: usize, mut prev: u8) -> bool {
    let bytes = raw.as_bytes();
    for i in from..to {
        let b = bytes[i];
        match b {
            b' ' if prev == b' ' => return false,
            b'\t'..=b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3
                if raw[i..].chars().next().is_some_and(char::is_whitespace) =>
            {
                return false
            }
            _ => {}
        }
        prev = b;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight bytes at a time or one, the answer is the plain rule: no white
    /// space but single spaces. Every piece at every offset around the
    /// chunk edges.
    #[test]
    fn is_folded_agrees_with_the_plain_rule() {
        let plain =
            |raw: &str| !raw.chars().any(|c| c.is_whitespace() && c != ' ') && !raw.contains("  ");
        let pieces = [
            " ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1f", "\u{a0}", "\u{85}", "\u{2003}",
            "\u{3000}", "\u{1680}", "\u{2019}", "\u{e9}", "\u{201c}", "x",
        ];
        for before in 0..18 {
            for piece in pieces {
                for after in ["", " ", "y", "  ", " z"] {
                    for second in pieces {
                        let raw =
                            format!("{}{piece}{after}{second}, and a tail", "a".repeat(before));
                        assert_eq!(is_folded(&raw), plain(&raw), "{raw:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn fold_space_folds_every_kind_of_white_space_run() {
        for (raw, folded) in [
            ("plain words, one space", "plain words, one space"),
            ("two  spaces", "two spaces"),
            ("\n  indented\n\t", " indented "),
            ("vertical\x0btab", "vertical tab"),
            ("no\u{a0}break and\u{2003}em", "no break and em"),
            ("caf\u{e9}  au lait", "caf\u{e9} au lait"),
            (
                "don\u{2019}t \u{201c}quote\u{201d}",
                "don\u{2019}t \u{201c}quote\u{201d}",
            ),
            ("end\u{a0}", "end "),
            ("\u{3000}start", " start"),
            ("a \u{a0} b", "a b"),
            ("ogham\u{1680}mark, next\u{85}line", "ogham mark, next line"),
            ("math\u{205f}space\u{2029}", "math space "),
            (" ", " "),
            ("", ""),
        ] {
            assert_eq!(fold_space(raw), folded, "{raw:?}");
        }
    }

    /// `is_folded` looks at four lead bytes only: every character of the
    /// first plane must still pass for what it is.
    #[test]
    fn is_folded_knows_every_white_space_character() {
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            let between = format!("a{c}b");
            let folded = !c.is_whitespace() || c == ' ';
            assert_eq!(is_folded(&between), folded, "U+{:04X}", c as u32);
        }
        assert!(!is_folded("two  spaces"));
    }
}
