//! Helpers over plain text and names that every stage uses: nothing here
//! knows a word list, a tag or a page.

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
}
