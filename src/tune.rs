//! Every weight and threshold of the analysis, in one table, the way
//! Readability keeps its flags and numbers in one place. Each says why it
//! has its value; a tuning change is a change here, checked against the
//! corpora (`npm run eval`). Plain structural numbers (0, 1, "a half",
//! array indices) stay in the code.
//!
//! [`article`] is read by `src/article/` (as `tune`), [`clutter`] by
//! `src/clutter/`.

/// Finding the article (`src/article/`).
pub mod article {
    // Scoring (candidates.rs), after Readability's `grabArticle`.

    /// Text runs shorter than this (chars) are labels, not paragraphs.
    pub const MIN_RUN: u32 = 25;
    /// A heading with more text than this (chars, its whole subtree) is
    /// never taken for the headline nor compared with the title. Headlines
    /// are a line; a heading this long is a page swallowed by an unclosed
    /// tag. The cap also bounds the work: the text of nested headings is
    /// read once per heading, and a deep nest of them over a long text was
    /// quadratic.
    pub const MAX_HEADLINE_TEXT: u32 = 2_000;
    /// Score bonus or penalty for one positive/negative id or class.
    pub const CLASS: f32 = 25.0;
    /// Ancestors a paragraph's points reach, and the share each gets.
    pub const ANCESTOR_SHARE: [f32; 5] = [1.0, 0.5, 1.0 / 6.0, 1.0 / 9.0, 1.0 / 12.0];
    /// Chars of text per point, and the cap on length points per paragraph.
    pub const CHARS_PER_POINT: f32 = 100.0;
    pub const MAX_LENGTH_POINTS: f32 = 3.0;
    /// Best-scored candidates looked at when skipping teaser lists.
    pub const MAX_CANDIDATES_CHECKED: usize = 20;
    /// Alternative candidates this close to the best vote for a common parent.
    pub const ALTERNATIVE_RATIO: f32 = 0.75;
    pub const MIN_ALTERNATIVES: usize = 3;
    /// A sibling joins the article above this share of the top score.
    pub const SIBLING_RATIO: f32 = 0.2;
    pub const SIBLING_MIN: f32 = 10.0;
    /// A sibling paragraph joins if this long with little link text.
    pub const SIBLING_PARAGRAPH: u32 = 80;
    pub const SIBLING_MAX_LINK_DENSITY: f32 = 0.25;
    /// A sibling block joins when this much of its text is prose.
    pub const SIBLING_PROSE_SHARE: f32 = 0.6;
    pub const SIBLING_PROSE_CHARS: u32 = 200;
    /// Levels above the top block's parent searched for more prose blocks.
    pub const COUSIN_LEVELS: usize = 2;
    pub const COUSIN_PROSE_CHARS: u32 = 500;
    /// A block after the top one joining as prose holds at least this
    /// share of the top block's prose (or is one of a run that does).
    pub const TRAILER_PROSE_SHARE: f32 = 0.1;
    /// Teaser lists: at least this many alike items, each at most this
    /// long, holding this share of the block's text.
    pub const TEASER_MIN_ITEMS: usize = 3;
    pub const TEASER_MAX_CHARS: u32 = 800;
    pub const TEASER_SHARE: f32 = 0.6;
    /// Article text below this (chars) triggers a less strict retry.
    pub const CHAR_THRESHOLD: u32 = 500;
    /// Captions are short; a longer "caption" block is content.
    pub const CAPTION_MAX_CHARS: u32 = 400;
    /// Share bars longer than this are content after all.
    pub const SHARE_MAX_CHARS: u32 = 500;
    /// By-lines and datelines are short.
    pub const BYLINE_MAX_CHARS: u32 = 100;
    pub const DATE_MAX_CHARS: u32 = 60;
    /// Letters a date line may have beyond date words ("By", "Von").
    pub const DATE_OTHER_LETTERS: usize = 3;
    /// Blocks with more elements than this are not read as text for the
    /// short-line rules (keeps deep, empty nesting linear).
    pub const SMALL_BLOCK_ELEMENTS: u32 = 64;
    /// …and at most this much text, hidden text included (chars). The
    /// line checks read a block's whole text; a block of a few visible
    /// words over a long hidden text was read whole for each of its
    /// ancestors, and the longest line judged is 250 chars.
    pub const SMALL_BLOCK_TEXT: u32 = 2_000;
    /// Promotional lines and sign-up pitches are short.
    pub const PROMO_MAX_CHARS: u32 = 120;
    pub const SIGNUP_MAX_CHARS: u32 = 250;
    /// Text that is this much link is a link, not a paragraph.
    pub const ALL_LINK: f32 = 0.9;
    /// Lists that are this much link are navigation or "related" lists.
    pub const LINK_LIST: f32 = 0.8;
    pub const LINK_LIST_MIN_CHARS: u32 = 40;
    /// Average link text per item of a list of headlines ("related stories").
    pub const HEADLINE_CHARS: u32 = 25;

    /// Base score of a candidate from its tag, as Readability's
    /// `_initializeNode`: blocks that hold prose start ahead, lists and
    /// headings behind.
    pub fn tag_score(tag: &str) -> f32 {
        match tag {
            "div" | "article" | "main" => 5.0,
            "pre" | "td" | "blockquote" | "section" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        }
    }

    /// Candidates kept after the teaser lists are left out: Readability's
    /// `nbTopCandidates`.
    pub const TOP_CANDIDATES: usize = 5;
    /// Readability: climbing from the best candidate stops at a parent that
    /// scores under the best's score divided by this.
    pub const CLIMB_DIVISOR: f32 = 3.0;
    /// A block above the chosen one is the article when it scores at least
    /// this share of the best score, holds this many times the chosen
    /// block's prose, and has no more link text than this.
    pub const PROSE_CLIMB_SCORE: f32 = 0.6;
    pub const PROSE_CLIMB_FACTOR: f32 = 2.0;
    pub const PROSE_CLIMB_LINK_DENSITY: f32 = 0.3;
    /// A block far above also takes over, whatever its score, when it holds
    /// this many times the top block's prose (teasers aside)…
    pub const PROSE_CLIMB_WIDE_FACTOR: f32 = 3.0;
    /// …and this share of the page's prose: sections each wrapped in
    /// their own nest of `div`s (CSS-in-JS and page-builder markup) hand no
    /// points to the block holding them all, five or more levels up.
    pub const PROSE_CLIMB_WIDE_SHARE: f32 = 0.25;
    /// A class token whose outermost bearers hold this share of the page's
    /// unlinked text names the article's own blocks: its negative marks go.
    pub const NEUTRAL_CLASS_SHARE: f32 = 0.3;
    /// A teaser list may sit this many wrappers deep in a block…
    pub const TEASER_WRAPPER_LEVELS: usize = 6;
    /// …each wrapper holding this share of its parent's text.
    pub const TEASER_WRAPPER_SHARE: f32 = 0.8;
    /// A group of alike items is a teaser list when this many thirds of
    /// them are teasers.
    pub const TEASER_MIN_THIRDS: usize = 2;
    /// An item this much link text is a teaser whatever else it holds.
    pub const TEASER_LINK_DENSITY: f32 = 0.5;
    /// A candidate inside a teaser: a teaser list at most this many levels
    /// above it.
    pub const TEASER_LEVELS: usize = 3;

    // Clean-up (cleanup.rs).

    /// "Advertisement", "Loading…": a label is a word or two.
    pub const AD_LABEL_MAX_CHARS: u32 = 30;
    /// A tag cloud is mostly links, and short.
    pub const TAG_LIST_MIN_LINK_DENSITY: f32 = 0.5;
    pub const TAG_LIST_MAX_CHARS: u32 = 1000;
    /// A word starting with a digit and this short is a number of a date
    /// ("21st", "3:04", "2019,").
    pub const DATE_NUMBER_MAX_LEN: usize = 5;
    /// An `h1` above the first paragraph is the headline when at most this
    /// share of its letters is in words the title lacks.
    pub const HEADLINE_MAX_UNSHARED: f32 = 0.5;
    /// Readability's `_headerDuplicatesTitle`: three quarters of the words
    /// agree.
    pub const SIMILAR_MAX_UNSHARED: f32 = 0.25;
    /// A `colspan` counts at most this much (a page's 1000 is a typo).
    pub const MAX_COLSPAN: u32 = 50;
    /// Readability's `_markDataTables`: a table with this many rows, more
    /// columns than this, or more cells than this holds data.
    pub const DATA_TABLE_ROWS: u32 = 10;
    pub const DATA_TABLE_COLUMNS: u32 = 4;
    pub const DATA_TABLE_CELLS: u32 = 10;
    /// Readability's `_cleanConditionally`, block by block: this many commas
    /// make a block prose, never a widget…
    pub const WIDGET_MAX_COMMAS: u32 = 10;
    /// …a block this much list text is a list…
    pub const LIST_TEXT_SHARE: f32 = 0.9;
    /// …list items count only beyond this many (Readability's `li - 100`:
    /// "more items than paragraphs" fires for huge lists only)…
    pub const LIST_ITEM_ALLOWANCE: f32 = 100.0;
    /// …fewer paragraphs per image than this is a gallery or a widget…
    pub const PARAGRAPHS_PER_IMAGE: f32 = 0.5;
    /// …a block this much heading text is a heading, not a stub…
    pub const HEADING_TEXT_SHARE: f32 = 0.9;
    /// …shorter than this, without a lone image, is a stub…
    pub const WIDGET_MIN_CHARS: u32 = 25;
    /// …and so is one with more images than this;
    pub const WIDGET_MAX_IMAGES: u32 = 2;
    /// …a class weight this high is one positive class…
    pub const POSITIVE_WEIGHT: f32 = 25.0;
    /// …link density above this goes without one, above the next with one…
    pub const WIDGET_LINK_DENSITY: f32 = 0.2;
    pub const POSITIVE_WIDGET_LINK_DENSITY: f32 = 0.5;
    /// …and one embed with less text than this is a widget.
    pub const EMBED_MIN_CHARS: u32 = 75;

    // Completeness against the stated text (completeness.rs).

    /// The stated text must be at least this long (words) to judge by.
    pub const MIN_BODY_WORDS: usize = 50;
    /// Coverage of the stated text above which nothing is done.
    pub const COMPLETE: f32 = 0.9;
    /// Below this coverage the extraction picked the wrong block.
    pub const WRONG_BLOCK: f32 = 0.5;
    /// A page paragraph "belongs" when this share of its 4-grams is in the
    /// stated text, and is "already there" when this share is extracted.
    pub const BELONGS: f32 = 0.7;
    pub const ALREADY: f32 = 0.5;
    /// Paragraphs shorter than this (words) cannot be matched reliably.
    pub const MIN_PARAGRAPH_WORDS: usize = 8;
    /// A replacement block may be at most this many times the stated text.
    pub const MAX_GROWTH: usize = 3;
    /// With only a word count: below this share of it, look wider; a wider
    /// block may not go beyond this multiple of it.
    pub const SHORT_OF_COUNT: f32 = 0.6;
    pub const OVER_COUNT: f32 = 1.3;
    /// Enclosing blocks tried, nearest first.
    pub const MAX_CLIMB: usize = 4;

    /// A page paragraph this much link is a list, never matched.
    pub const BELONGING_MAX_LINK_DENSITY: f32 = 0.5;

    // Text said twice (duplicates.rs).

    /// A block is a repeat when this share of its 4-grams occurs in other blocks.
    pub const REPEATED: f32 = 0.8;
    /// Blocks with fewer 4-grams are too short to judge (a repeated "Yes.").
    pub const MIN_SHINGLES: usize = 6;

    /// A list item, quote or aside restates the body when it is one, or sits
    /// this many levels inside one at most.
    pub const RESTATES_LEVELS: usize = 3;

    // What the article says about itself (mod.rs).

    /// Words read per minute for `reading_minutes`.
    pub const WORDS_PER_MINUTE: usize = 230;
    /// Minimum paragraph length and total score of Readability's
    /// `isProbablyReaderable`.
    pub const READERABLE_MIN_LENGTH: u32 = 140;
    pub const READERABLE_MIN_SCORE: f32 = 20.0;
    /// Confidence: this much text (chars) counts as fully long…
    pub const CONFIDENT_CHARS: f32 = 2500.0;
    /// …this readerable score as fully readerable…
    pub const CONFIDENT_READERABLE: f32 = 40.0;
    /// …and the four signs weigh this much (they add up to 1).
    pub const CONFIDENCE_LENGTH: f32 = 0.35;
    pub const CONFIDENCE_READERABLE: f32 = 0.3;
    pub const CONFIDENCE_PROSE: f32 = 0.2;
    pub const CONFIDENCE_DECLARED: f32 = 0.15;

    // The title (metadata.rs), Readability's `_getArticleTitle`.

    /// JSON-LD objects nested deeper than this are not searched.
    pub const JSON_LD_MAX_DEPTH: usize = 8;
    /// A title cut at a separator keeps at least this many words…
    pub const TITLE_MIN_WORDS: usize = 3;
    /// …a part before a colon longer than this (words) is the title itself…
    pub const TITLE_PREFIX_MAX_WORDS: usize = 5;
    /// …a `<title>` longer or shorter than these (chars) gives way to the
    /// page's only `h1`…
    pub const TITLE_MAX_CHARS: usize = 150;
    pub const TITLE_MIN_CHARS: usize = 15;
    /// …and a result this short (words) falls back to the whole title.
    pub const TITLE_SHORT_WORDS: usize = 4;
    /// The page's `<h1>` is the title when at least this share of its
    /// words is in the metadata's title or the `<title>`, and as large a
    /// share of that title's words is in it: below, an `<h1>` is a logo or
    /// a section label ("Blog", the site's name, one word of the title).
    /// On the WCXB dev articles 0.2 and 0.4 do alike; 0.6 loses headlines
    /// that were reworded for search engines.
    pub const HEADLINE_MIN_SHARED: f32 = 0.2;
    /// A title's part after its last " | " is a section, a site or a
    /// pitch when it has at most this many words (on the WCXB dev
    /// articles 3 and 4 do alike, and a tail after a dash of more than one
    /// word is as often the title's own).
    pub const TITLE_TAIL_AFTER_BAR_WORDS: usize = 4;
    /// A host's label this short ("bbc" passes, "co" does not) is not
    /// taken for the site's name in a title.
    pub const SITE_NAME_MIN_CHARS: usize = 3;
    /// An `<h1>` longer than this (chars) is a wrapper or a teaser, not a
    /// headline.
    pub const HEADLINE_MAX_CHARS: u32 = 200;

    // The date (metadata.rs, dates.rs).

    /// Years a page's date may name; other numbers are not years.
    pub const DATE_MIN_YEAR: u32 = 1970;
    pub const DATE_MAX_YEAR: u32 = 2100;
    /// The date the page shows is looked for this many nodes after the
    /// headline (its by-line and dateline)…
    pub const SHOWN_DATE_AFTER: usize = 200;
    /// …and this many before it (a dateline above the headline).
    pub const SHOWN_DATE_BEFORE: usize = 30;
    /// A writer's name has at most this many words ("Ann van der Lee
    /// Smith"): more is a sentence that starts like a by-line.
    pub const BYLINE_NAME_MAX_WORDS: usize = 6;
    /// A by-line longer than this (bytes) is a list of many names, kept
    /// as it is.
    pub const BYLINE_CLEAN_MAX_BYTES: usize = 400;
    /// A by-line under the headline is a line this short (chars).
    pub const BYLINE_LINE_MAX_CHARS: u32 = 100;
    /// A dateline is short and simple.
    pub const DATE_LINE_MAX_CHARS: u32 = 60;
    pub const DATE_LINE_MAX_ELEMENTS: u32 = 6;
}

/// Finding clutter (`src/clutter/`).
pub mod clutter {
    // The page's kind (page_kind.rs): an article, or a page whose main
    // region is its own content, where the standard clean hides only what
    // lies over the page or outside that region. Measured on WCXB dev with
    // the native eval: 91 % of articles are taken for articles, and 5 % of
    // products, 11 % of listings and collections, 26 % of service pages
    // (documentation, mostly prose, 84 %). The standard clean's loss of
    // main-content recall falls on service pages from 0.0089 to 0.0017, on
    // listings from 0.0034 to 0.0003, on products from 0.0033 to 0.0007;
    // articles still showing sign-up or consent wording go from 53 to 54.

    /// An article that says so (`og:type` article) or is dated holds this
    /// many long paragraphs side by side (sharing a parent). Three keeps a
    /// short news story.
    pub const ARTICLE_PARAGRAPHS: usize = 3;
    /// A page that neither says it is an article nor is dated needs a
    /// longer run: at three, service pages' runs of pitches pass for
    /// articles and their recall after a clean drops by 0.0021; at five,
    /// by 0.0017, and one more article keeps its sign-up box than at three.
    pub const UNDECLARED_ARTICLE_PARAGRAPHS: usize = 5;
    /// A long paragraph: a sentence or two of prose, not a caption or a
    /// card's blurb.
    pub const ARTICLE_PARAGRAPH_CHARS: u32 = 80;
    /// An undated page of prose with this many code blocks (`<pre>`) is
    /// documentation. On WCXB dev, 84 % of documentation pages passed for
    /// articles; with this, 40 %, for 1 % of the articles (posts about code
    /// that carry no machine-readable date). At two and four, the same
    /// within a page or two.
    pub const DOCUMENTATION_CODE_BLOCKS: usize = 3;
    /// This many alike blocks, each with a `<time>`, around the page's run
    /// of prose make it a thread's posts.
    pub const THREAD_POSTS: usize = 3;

    // The guard (kernel.rs): what is article text, never hidden.

    /// A paragraph this long, with few links and no sign-up wording, is
    /// article text wherever it stands, and nothing containing it is hidden.
    pub const PROTECTED_TEXT: u32 = 150;
    /// Prose this long is article text even when it mentions a newsletter:
    /// a pitch is a sentence or two, a paragraph that talks about one is not.
    pub const PROTECTED_EVEN_WITH_WORDING: u32 = 250;
    /// Protected prose is mostly not links (a list of links is not prose).
    pub const PROTECTED_MAX_LINK_DENSITY: f32 = 0.3;
    /// Prose with this many consent phrases is a cookie notice.
    pub const PROTECTED_MAX_CONSENT_PHRASES: u32 = 2;
    /// A card's excerpt sits at most this many levels below its rail section.
    pub const RAIL_SECTION_DEPTH: usize = 4;
    /// A rail heading is a few words ("You may also like")…
    pub const RAIL_HEADING_MAX_TEXT: u32 = 50;
    /// …over at least this many alike cards.
    pub const RAIL_MIN_CARDS: usize = 2;
    /// A teaser card around an excerpt: the excerpt or up to this many
    /// levels above it…
    pub const TEASER_CARD_LEVELS: usize = 3;
    /// …with at most this much text…
    pub const MAX_CARD_TEXT: u32 = 700;
    /// …and a headline link of its own at least this long…
    pub const MIN_HEADLINE_LINK: u32 = 15;
    /// …under this many fifths of the card's text (the rest is excerpt).
    pub const HEADLINE_LINK_MAX_FIFTHS: u32 = 3;
    /// A card is small in elements too: a picture, a headline, an excerpt,
    /// a by-line. The cap bounds the walk: blocks nested thousands deep
    /// around one text (tables in tables) are each a long paragraph whose
    /// cards hold the whole nest, and walking them was quadratic.
    pub const MAX_CARD_ELEMENTS: u32 = 200;

    // The plan (mod.rs).

    /// Characters of a hidden block's text the popup shows (and its key
    /// reads).
    pub const PREVIEW_CHARS: usize = 80;

    // Layers (overlay.rs) and banners (banners.rs).

    /// A layer covering this share of the window is in the reader's way.
    pub const COVERING: f32 = 0.3;
    /// A bottom bar is at most this share of the window's height…
    pub const BAR_HEIGHT: f32 = 0.35;
    /// …at least this share of its width…
    pub const BAR_MIN_WIDTH: f32 = 0.5;
    /// …and ends within this many pixels of its bottom edge.
    pub const BOTTOM_SLACK: f32 = 4.0;
    /// Layers with more text than this are page content (an app shell, say).
    pub const MAX_LAYER_TEXT: u32 = 3000;
    /// A fixed layer with this many consent phrases is a consent layer.
    pub const LAYER_CONSENT_PHRASES: u32 = 2;
    /// Elements whose computed style the live read asks for, at most: each
    /// is a style query, and pop-ups are few.
    pub const MAX_LAYOUT_CANDIDATES: usize = 200;
    /// "Near the top of the body", where scripts mount pop-ups and banners:
    /// at most this many levels below `<body>`.
    pub const NEAR_TOP_LEVELS: u32 = 2;
    /// A consent banner says a cookie notice's worth, not a privacy page's.
    pub const MAX_CONSENT_TEXT: u32 = 2500;
    /// A consent banner has this many consent phrases when it is named so
    /// (id, class, role), and this many more when it only sits near the top.
    pub const NAMED_CONSENT_PHRASES: u32 = 2;
    pub const UNNAMED_CONSENT_PHRASES: u32 = 3;
    /// A row of this many alike siblings is a list the page shows (FAQ
    /// entries, pricing cards): a nag or a sign-up pitch among them is one
    /// of its items. Two alike boxes can still be a pair of sign-ups.
    pub const ALIKE_ITEMS: usize = 3;
    /// A nag asks in a paragraph or two.
    pub const MAX_NAG_TEXT: u32 = 600;
    /// A child with this many tenths of a block's text is the tighter block.
    pub const INNER_BLOCK_TENTHS: u32 = 9;

    // Sign-up forms and calls (subscribe.rs) and their widget (widget.rs).

    /// How far above the email field a form-less widget may start.
    pub const MAX_SCOPE_CLIMB: usize = 6;
    /// A "Subscribe" link or button is short; longer links are headlines.
    pub const MAX_CALL_TEXT: u32 = 60;
    /// A promo box without a form pitches in a sentence or two.
    pub const MAX_PROMO_TEXT: u32 = 400;
    /// A promo as a lone paragraph is a line ("Sign up for our newsletter here").
    pub const MAX_PROMO_LINE: u32 = 200;
    /// A short block with this many links and this link density is a menu,
    /// not a promo box.
    pub const MENU_LINKS: usize = 3;
    pub const MENU_LINK_DENSITY: f32 = 0.8;
    /// "Sign up" with a password field this many levels around it is the
    /// site's account creation.
    pub const LOGIN_LEVELS: usize = 4;
    /// Text a parent may add around the widget and still be part of it.
    pub const MAX_EXTRA_TEXT: u32 = 400;
    /// Short bits beside the form ("Newsletter", "* indicates required", "Free,
    /// every weekday."), mostly not links.
    pub const MAX_LABEL_TEXT: u32 = 80;
    pub const LABEL_MAX_LINK_DENSITY: f32 = 0.5;
    /// A widget's heading is a line.
    pub const MAX_HEADING_TEXT: u32 = 100;
    /// The pitch or fine print of a widget; fine print links to the privacy
    /// policy and terms, so it may be this link-heavy.
    pub const MAX_PITCH_TEXT: u32 = 300;
    pub const PITCH_MAX_LINK_DENSITY: f32 = 0.75;
    /// A sign-up widget is short; larger blocks are page sections.
    pub const MAX_WIDGET_TEXT: u32 = 700;

    // Repetition (repeated.rs) and skip links (chrome.rs).

    /// Blocks smaller than this many elements repeat by accident (a lone link).
    pub const MIN_ELEMENTS: u32 = 3;
    /// Skip links are short; longer link text is a real link that mentions it.
    pub const MAX_SKIP_LINK_TEXT: u32 = 40;

    // Share buttons (elements.rs).

    /// How much of a value `elements::is_share_button` reads. Found by the
    /// fuzzer: the parser copies a link with all its attributes into every
    /// paragraph it reopens in, so a page of 100 KB held hundreds of 50 KB
    /// addresses, each searched for every share marker (1.6 s).
    pub const SHARE_MARK_BYTES: usize = 2048;

    // The focus level (focus.rs).

    /// A share bar is buttons with a label or two…
    pub const MAX_SHARE_TEXT: u32 = 200;
    /// …at least this many of them.
    pub const MIN_SHARE_BUTTONS: u32 = 2;
    /// A "listen to this article" notice is a line or two.
    pub const MAX_NOTICE_TEXT: u32 = 200;
    /// An ad slot holds a label, not text.
    pub const MAX_AD_TEXT: u32 = 100;
    /// Inside the article's block, an aside with this share of link text is a
    /// sidebar rather than a pull quote.
    pub const MIN_SIDEBAR_LINK_DENSITY: f32 = 0.2;
    /// A rail is mostly links…
    pub const MIN_RAIL_LINK_DENSITY: f32 = 0.5;
    /// …and a rail, not a section of the page.
    pub const MAX_RAIL_TEXT: u32 = 4000;
    /// A list of teaser cards may carry excerpts: twice a rail's text.
    pub const MAX_TEASER_LIST_TEXT: u32 = MAX_RAIL_TEXT * 2;
    /// A teaser list has at least this many alike cards.
    pub const MIN_TEASER_CARDS: usize = 3;
    /// A menu or link list has at least this many links…
    pub const MIN_MENU_LINKS: u32 = 3;
    /// …and this share of link text.
    pub const MIN_MENU_LINK_DENSITY: f32 = 0.5;
    /// Inside the article only plain lists of links go: this much link text.
    pub const INLINE_LIST_MIN_LINK_DENSITY: f32 = 0.8;
    /// A teaser card: a headline and an excerpt.
    pub const MAX_TEASER_TEXT: u32 = 500;
    /// A list of links inside the article (related stories, tags) is short.
    pub const MAX_INLINE_LIST_TEXT: u32 = 600;
    /// Before the article, a block of a picture or a by-line is at most
    /// this long (a caption, a name and a date)…
    pub const INTRO_MAX_TEXT: u32 = 300;
    /// …a by-line block at most this much link (author pages)…
    pub const INTRO_BYLINE_MAX_LINK_DENSITY: f32 = 0.6;
    /// …and a headline block less than this (not a list of headlines).
    pub const INTRO_HEADLINE_MAX_LINK_DENSITY: f32 = 0.5;
    /// A comment section's heading is a few words ("12 comments").
    pub const COMMENTS_HEADING_MAX_TEXT: u32 = 40;
    /// A block's first heading is among its first this many nodes…
    pub const HEADING_SEARCH_NODES: usize = 12;
    /// …and an element whose class says title is a heading when this short.
    pub const HEADING_LIKE_MAX_TEXT: u32 = 50;
}

/// Writing the article out (`src/reader/`).
pub mod reader {
    /// A link or image address longer than this is dropped from the reader
    /// view (the link's text stays). Real addresses are well under it; a
    /// page can repeat one huge address thousands of times (the parser
    /// copies an unclosed link into every block after it), and resolving
    /// and escaping each copy would cost time in proportion to all of them.
    pub const MAX_URL_BYTES: usize = 8 * 1024;
    /// A `div` (or a `section`, `main`… that the view writes as one) nested
    /// deeper than this among the view's `div`s is unwrapped: its content
    /// stays, in order, but may run on into its neighbour's line. Chains of
    /// lone wrappers are left out before this counts (`render`), so only a
    /// page that nests text-bearing blocks this deep meets it. Articles
    /// nest a few; a hostile page nests thousands, and the browser's parse,
    /// style and layout of the view then cost time in proportion to depth
    /// times size (a 2,000-deep page: 107 ms to open the view, against 13
    /// ms for the same article at depth 0).
    pub const MAX_DIV_NESTING: usize = 32;
    /// The export (`reader/export.rs`) reads the view back into a tree of at
    /// most this depth: an element deeper down gives its content to its
    /// parent. The view keeps a hostile page's nesting of inline and other
    /// elements (`<b>` 5,000 deep), and the export's writers recurse once
    /// per level, on the wasm build's 1 MiB stack (the fuzzer found it).
    /// Markdown has no use for more than a few levels.
    pub const MAX_EXPORT_DEPTH: usize = 64;
    /// On a page of more elements than this, the open view leaves the page
    /// behind as it is: no `overflow: hidden` on its root to stop it
    /// scrolling; the view keeps the wheel and the keys that scroll
    /// (reader_view.js). The browser lays out and repaints the whole page
    /// when its root's overflow changes, at opening and again at closing: on a
    /// 100,000-element page 165–280 ms of layout and a 140 ms frame each
    /// way (headless Chromium 156). Below this the lock costs a few ms; above
    /// it a page scrollbar may show beside the view's own.
    pub const LOCK_MAX_ELEMENTS: usize = 15_000;
}
