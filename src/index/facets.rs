//! Facets: how many matching articles name each entity, and each kind, counted exactly over the
//! `entity` and `kind` fast fields by a collector of ours.
//!
//! A segment counts the term ordinals of its matches; the ordinals become names through a table
//! built once per segment (segments never change) that maps each ordinal to an id shared by all
//! segments, so merging the segments' counts is adding arrays, and only the `k` best ids are
//! turned into names. (tantivy's terms aggregation turned hundreds of ordinals per segment into
//! names on every search: most of a faceted search's time.)

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// For one fast string field: every name met in any segment, with an id each, and per
/// segment the id of each of its term ordinals.
#[derive(Default)]
pub(super) struct FacetNames {
    inner: Mutex<Names>,
}

/// A segment's ordinal → id table.
type OrdinalIds = Arc<[u32]>;

#[derive(Default)]
struct Names {
    /// Id → name.
    names: Vec<Box<str>>,
    /// Name → id (looked up only, never iterated).
    ids: HashMap<Box<str>, u32>,
    /// Segment → the id of each of its ordinals.
    segments: BTreeMap<SegmentId, OrdinalIds>,
}

impl FacetNames {
    /// The ordinal → id table of each segment of `readers` (in their order) for `field`, and
    /// the number of ids; tables of segments no longer searched are dropped.
    fn tables(
        &self,
        readers: &[SegmentReader],
        field: &str,
    ) -> tantivy::Result<(Vec<Option<OrdinalIds>>, usize)> {
        let mut names = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let mut tables = Vec::with_capacity(readers.len());
        for reader in readers {
            let id = reader.segment_id();
            if let Some(table) = names.segments.get(&id) {
                tables.push(Some(table.clone()));
                continue;
            }
            let Some(column) = reader.fast_fields().str(field)? else {
                tables.push(None);
                continue;
            };
            let mut table = Vec::with_capacity(column.num_terms());
            let mut terms = column.dictionary().stream()?;
            while terms.advance() {
                let name = String::from_utf8_lossy(terms.key());
                table.push(names.intern(&name));
            }
            let table: OrdinalIds = table.into();
            names.segments.insert(id, table.clone());
            tables.push(Some(table));
        }
        if names.segments.len() > tables.len() {
            let live: Vec<SegmentId> = readers.iter().map(SegmentReader::segment_id).collect();
            names.segments.retain(|id, _| live.contains(id));
        }
        Ok((tables, names.names.len()))
    }

    /// The `k` first of `counted` (count, id) by count, most first, ties by name.
    fn top(&self, counted: &[(u32, u32)], k: usize) -> Vec<(String, usize)> {
        let names = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let mut named: Vec<(&str, u32)> = counted
            .iter()
            .map(|&(n, id)| (&*names.names[id as usize], n))
            .collect();
        named.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        named
            .into_iter()
            .take(k)
            .map(|(name, n)| (name.to_string(), n as usize))
            .collect()
    }
}

impl Names {
    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.into());
        self.ids.insert(name.into(), id);
        id
    }
}

/// Counts, per segment and per field, how many matching documents hold each term ordinal.
#[derive(Clone)]
pub(super) struct OrdinalCounts {
    fields: Vec<&'static str>,
}

impl OrdinalCounts {
    /// Counts for each of `fields` (fast string fields); none counts nothing.
    pub(super) fn new(fields: Vec<&'static str>) -> OrdinalCounts {
        OrdinalCounts { fields }
    }
}

/// One segment's counts: its ordinal, and per field the count of each term ordinal.
pub(super) type SegmentCounts = (SegmentOrdinal, Vec<Vec<u32>>);

impl Collector for OrdinalCounts {
    type Fruit = Vec<SegmentCounts>;
    type Child = SegmentOrdinalCounts;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentOrdinalCounts> {
        let mut columns = Vec::with_capacity(self.fields.len());
        for field in &self.fields {
            columns.push(match reader.fast_fields().str(field)? {
                Some(column) => {
                    let terms = column.num_terms();
                    let (_, ords) = column.into_parts();
                    Some(FieldCounts {
                        ords,
                        counts: vec![0; terms],
                        last: vec![0; terms],
                    })
                }
                None => None,
            });
        }
        Ok(SegmentOrdinalCounts { segment, columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<SegmentCounts>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

pub(super) struct FieldCounts {
    ords: Column<u64>,
    counts: Vec<u32>,
    /// Per ordinal, the last document counted plus one (a document counts once per name).
    last: Vec<u32>,
}

pub(super) struct SegmentOrdinalCounts {
    segment: SegmentOrdinal,
    columns: Vec<Option<FieldCounts>>,
}

impl SegmentCollector for SegmentOrdinalCounts {
    type Fruit = Vec<SegmentCounts>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for c in self.columns.iter_mut().flatten() {
            for ord in c.ords.values_for_doc(doc) {
                let o = ord as usize;
                if c.last[o] != doc + 1 {
                    c.last[o] = doc + 1;
                    c.counts[o] += 1;
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let counts = self
            .columns
            .into_iter()
            .map(|c| c.map(|c| c.counts).unwrap_or_default())
            .collect();
        vec![(self.segment, counts)]
    }
}

/// The counts of [`OrdinalCounts`] over the segments `readers` (a searcher's, in its order)
/// turned into names for each of `fields` (with its [`FacetNames`], and `k`): per field, the
/// `k` names held by most matches, most first, ties by name.
pub(super) fn named(
    readers: &[SegmentReader],
    segments: &[SegmentCounts],
    fields: &[(&'static str, &FacetNames, usize)],
) -> tantivy::Result<Vec<Vec<(String, usize)>>> {
    let mut out = Vec::with_capacity(fields.len());
    for (i, &(field, names, k)) in fields.iter().enumerate() {
        let (tables, ids) = names.tables(readers, field)?;
        let mut total = vec![0u32; ids];
        for (segment, counts) in segments {
            let Some(table) = &tables[*segment as usize] else {
                continue;
            };
            for (ord, &n) in counts[i].iter().enumerate() {
                if n > 0 {
                    total[table[ord] as usize] += n;
                }
            }
        }
        let mut counted: Vec<(u32, u32)> = total
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(id, &n)| (n, id as u32))
            .collect();
        // The k largest counts, and everything tied with the k-th (ties are then ordered by
        // name, which ids do not follow).
        if counted.len() > k && k > 0 {
            counted.select_nth_unstable_by(k - 1, |a, b| b.0.cmp(&a.0));
            let kth = counted[k - 1].0;
            counted.retain(|c| c.0 >= kth);
        }
        out.push(names.top(&counted, k));
    }
    Ok(out)
}
