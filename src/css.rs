//! Reading inline styles, as the builders (is this element hidden?) and the
//! analysis (is this layer fixed?) both need: below both, so that neither
//! reads the other.

/// An inline style that keeps the element from rendering.
pub fn style_hides(style: &str) -> bool {
    style_declares(style, &["display:none", "visibility:hidden"])
}

/// The inline style declares one of `declarations` (written lower-case,
/// without white space: `display:none` also finds `DISPLAY: none`).
/// Asked of every element with a style while the page is read, so a short
/// style is compacted on the stack, not in two new strings.
pub fn style_declares(style: &str, declarations: &[&str]) -> bool {
    if style.is_empty() {
        return false;
    }
    let mut small = [0u8; 256];
    if style.len() <= small.len() && style.is_ascii() {
        let mut len = 0;
        for &b in style.as_bytes() {
            if !matches!(b, b' ' | b'\t'..=b'\r') {
                small[len] = b.to_ascii_lowercase();
                len += 1;
            }
        }
        // ASCII in, ASCII out.
        let compact = std::str::from_utf8(&small[..len]).unwrap_or_default();
        return declarations.iter().any(|d| crate::text::has(compact, d));
    }
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    declarations.iter().any(|d| compact.contains(d))
}

#[cfg(test)]
mod tests {
    use super::style_declares;

    #[test]
    fn style_declares_reads_any_case_and_spacing() {
        let hidden = ["display:none"];
        for (style, says) in [
            ("display:none", true),
            ("color: red; DISPLAY :\tNone !important", true),
            ("display:\u{a0}none; content: '\u{2019}'", true),
            ("display: block", false),
            ("", false),
        ] {
            assert_eq!(style_declares(style, &hidden), says, "{style:?}");
            // Past the stack buffer, the same answer.
            let long = format!("{}{style}", "margin: 0; ".repeat(40));
            assert_eq!(style_declares(&long, &hidden), says, "{long:?}");
        }
        assert!(style_declares(
            "Position: Fixed",
            &["overflow:hidden", "position:fixed"]
        ));
    }
}
