//! Declutter's core: finds the article on a news page and the clutter around
//! it (sign-up boxes, repeated widgets, skip links), then hides the clutter in
//! place or renders the article in a reader view.
//!
//! Data flows one way: live DOM or HTML → [`snapshot`] → analysis
//! ([`clutter`], [`article`]) → [`plan`] → apply or render. Only [`dom`]'s
//! read, applier and reader view and the wasm exports below touch
//! `web-sys`; everything else is plain Rust and runs under `cargo test`.

pub mod article;
pub mod clutter;
pub mod css;
pub mod dom;
mod fnv;
pub mod names;
pub mod plan;
pub mod reader;
pub mod snapshot;
pub mod tags;
pub mod text;
pub mod tune;

#[cfg(target_arch = "wasm32")]
pub mod wasm_api;
pub mod words;
