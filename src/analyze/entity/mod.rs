//! Entities: the vendor/product dictionary and the tagger that finds its aliases in text.

pub mod dictionary;
mod tagger;

pub use dictionary::{Alias, Dictionary, EntityDef, KindStats, Location};
pub use tagger::Tagger;
