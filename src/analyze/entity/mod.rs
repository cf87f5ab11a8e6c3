//! Entities: the vendor/product dictionary and the tagger that finds its aliases in text.

pub mod dictionary;
pub(crate) mod names;
mod recognise;
pub mod suggest;
mod tagger;
mod trie;

pub use dictionary::{Alias, Dictionary, EntityDef, KindStats, Location};
pub use tagger::Tagger;

/// Adds to the dictionary's mentions `entities` (as [`Tagger::tag`] returns them) the names
/// recognised by their form — companies by their legal form, institutions by their head noun,
/// people by their business title — and the short forms all of them take later in the text.
pub fn recognise(text: &str, entities: &mut Vec<crate::model::Entity>) {
    recognise::recognise(text, entities);
    names::propagate(text, entities);
}
