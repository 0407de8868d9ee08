//! The reader view's content: the chosen article written out as sanitised
//! HTML from an allow-list ([`sanitize`]), by a walk over the selection
//! ([`render`]). The live side puts it in a shadow root with its own styles.

pub mod render;
pub mod sanitize;
pub mod view;

pub use render::render;
