//! Calendar dates as pages write them: ISO strings in the metadata, and
//! "Dec 19th 2025", "18 December 2025" or "09/25/2025" in the text. The
//! reader keeps the page's own calendar day: no time zone is applied.

use crate::tune::article as tune;
use crate::words;

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    fn new(year: u32, month: u32, day: u32) -> Option<Day> {
        let ok = (tune::DATE_MIN_YEAR..=tune::DATE_MAX_YEAR).contains(&year)
            && (1..=12).contains(&month)
            && (1..=31).contains(&day);
        ok.then_some(Day { year, month, day })
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The day an ISO string starts with ("2025-01-29T20:47:55+00:00",
/// "2025-11-25 08:33:24", "2025/11/25").
pub fn iso_day(text: &str) -> Option<Day> {
    let t = text.trim().trim_matches('"').as_bytes();
    if t.len() < 10 || !matches!(t[4], b'-' | b'/' | b'.') || t[7] != t[4] {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &t[r];
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| std::str::from_utf8(part).ok()?.parse().ok())?
    };
    if t.len() > 10 && t[10].is_ascii_digit() {
        return None;
    }
    Day::new(num(0..4)?, num(5..7)?, num(8..10)?)
}

/// One word of a date: a number (its value, and its digits when it has
/// no suffix like "19th"), a month's name, or another word.
enum Part {
    Number(u32, usize),
    Month(u32),
    Word,
}

fn parts(text: &str) -> Vec<Part> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let digits = w.chars().take_while(char::is_ascii_digit).count();
            let rest = w[digits..].to_lowercase();
            match (digits, rest.as_str()) {
                (1.., "" | "st" | "nd" | "rd" | "th" | "er" | "e" | "º") => Part::Number(
                    w[..digits].parse().unwrap_or(u32::MAX),
                    if rest.is_empty() { digits } else { 0 },
                ),
                // Months are looked up once per word, not once per window.
                _ => words::month(&w.to_lowercase()).map_or(Part::Word, Part::Month),
            }
        })
        .collect()
}

/// The first date in a text: ISO ("2025-12-17"), a month's name beside a
/// day and a year ("Dec 19th 2025", "18 December 2025", "04-ago-2021"),
/// or day, month and year in numbers ("25/09/2025", "13.11.2025"), read
/// month first when `month_first` (American pages) unless a number over
/// twelve says otherwise.
pub fn find(text: &str, month_first: bool) -> Option<Day> {
    // Every form has a year in four digits: most short lines near a
    // headline have none, and are passed over without being split.
    let has_year = text
        .as_bytes()
        .split(|b| !b.is_ascii_digit())
        .any(|run| run.len() >= 4);
    if !has_year {
        return None;
    }
    if let Some(day) = iso_in(text) {
        return Some(day);
    }
    let parts = parts(text);
    let year = |p: &Part| match p {
        Part::Number(n, 4) => Some(*n),
        _ => None,
    };
    let day = |p: &Part| match p {
        Part::Number(n, _) if (1..=31).contains(n) => Some(*n),
        _ => None,
    };
    let month = |p: &Part| match p {
        Part::Month(m) => Some(*m),
        _ => None,
    };
    let number = |p: &Part| match p {
        Part::Number(n, 1 | 2) => Some(*n),
        _ => None,
    };
    for w in parts.windows(3) {
        let found = if let (Some(m), Some(d), Some(y)) = (month(&w[0]), day(&w[1]), year(&w[2])) {
            Day::new(y, m, d)
        } else if let (Some(d), Some(m), Some(y)) = (day(&w[0]), month(&w[1]), year(&w[2])) {
            Day::new(y, m, d)
        } else if let (Some(a), Some(b), Some(y)) = (number(&w[0]), number(&w[1]), year(&w[2])) {
            let (m, d) = match (a > 12, b > 12) {
                (true, false) => (b, a),
                (false, true) => (a, b),
                _ if month_first => (a, b),
                _ => (b, a),
            };
            Day::new(y, m, d)
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// An ISO day anywhere in a text ("Last updated: 2025-02-22").
fn iso_in(text: &str) -> Option<Day> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(9))
        .filter(|&k| k == 0 || !b[k - 1].is_ascii_digit())
        .find_map(|k| text.get(k..).and_then(iso_day))
}

/// A date as the metadata gives it, normalised: an ISO string stays as it
/// is (its time and zone are the page's), any other date the page wrote
/// becomes `YYYY-MM-DD`, and what reads as no date is kept as written.
pub fn normalise(raw: &str, month_first: bool) -> String {
    let t = raw.trim().trim_matches('"').trim();
    if iso_day(t).is_some() {
        return t.to_owned();
    }
    find(t, month_first).map_or_else(|| t.to_owned(), |d| d.iso())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        find(text, true).map(|d| d.iso())
    }

    #[test]
    fn reads_the_dates_pages_write() {
        assert_eq!(
            iso("2025-01-29T20:47:55+00:00").as_deref(),
            Some("2025-01-29")
        );
        assert_eq!(
            iso("Last Updated: 2025-02-22").as_deref(),
            Some("2025-02-22")
        );
        assert_eq!(iso("Feb 08, 2022").as_deref(), Some("2022-02-08"));
        assert_eq!(iso("Dec 19th 2025").as_deref(), Some("2025-12-19"));
        assert_eq!(
            iso("Updated on July 9, 2025").as_deref(),
            Some("2025-07-09")
        );
        assert_eq!(
            iso("Last updated on 17 December 2025").as_deref(),
            Some("2025-12-17")
        );
        assert_eq!(
            iso("Thu, 09/25/2025 - 11:38").as_deref(),
            Some("2025-09-25")
        );
        assert_eq!(iso("13/11/2025 09:21:40").as_deref(), Some("2025-11-13"));
        assert_eq!(
            iso("By: FlowGuard on 04-ago-2021 5:11:10").as_deref(),
            Some("2021-08-04")
        );
        assert_eq!(iso("18 декабря 2025").as_deref(), Some("2025-12-18"));
        assert_eq!(
            find("05.03.2024", false).map(|d| d.iso()).as_deref(),
            Some("2024-03-05")
        );
    }

    #[test]
    fn numbers_that_are_no_date() {
        assert_eq!(iso("11 min read"), None);
        assert_eq!(iso("01/07/16"), None); // a two-digit year: which century, which order?
        assert_eq!(iso("Top 10 picks for 2025"), None);
        assert_eq!(iso("3 days ago"), None);
        assert_eq!(iso("2025-13-45"), None);
        assert_eq!(iso("20251201"), None);
    }

    #[test]
    fn metadata_dates_become_iso_days() {
        assert_eq!(
            normalise("\"2025-12-17T13:22:47Z\"", true),
            "2025-12-17T13:22:47Z"
        );
        assert_eq!(normalise("Oct 31, 2025", true), "2025-10-31");
        assert_eq!(normalise("sometime", true), "sometime");
    }
}
