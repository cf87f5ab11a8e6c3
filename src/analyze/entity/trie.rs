//! The dictionary's aliases as a byte trie, walked from a given start: all the tagger asks of
//! an automaton. It is built from the sorted aliases in one pass; an Aho-Corasick automaton
//! also computes failure transitions, which walks from a given start never follow, and that
//! took half of a one-article run.

/// A node's alias when none ends there.
const NONE: u32 = u32::MAX;

/// Aliases in a trie over their bytes, ASCII letters folded to lower case.
#[derive(Clone)]
pub(super) struct AliasTrie {
    /// The root's child for each byte (0: none; the root is node 0, never a child).
    root: Box<[u32; 256]>,
    /// Per node: its edges in `bytes` / `targets`, and the alias ending there.
    nodes: Vec<Node>,
    /// Edge bytes, each node's in a sorted run.
    bytes: Vec<u8>,
    /// Edge targets, beside `bytes`.
    targets: Vec<u32>,
    /// Nodes of many edges also have them as a table of 256 children (0: none), from
    /// `Node::dense`: most walks end within a character or two, in such nodes.
    dense: Vec<u32>,
}

/// Nodes with more edges than this get a table.
const DENSE_FROM: usize = 8;

impl std::fmt::Debug for AliasTrie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AliasTrie({} nodes)", self.nodes.len())
    }
}

#[derive(Clone, Copy)]
struct Node {
    first: u32,
    len: u32,
    alias: u32,
    /// Where its table starts in `dense`, or [`NONE`].
    dense: u32,
}

impl AliasTrie {
    /// The trie of `aliases`, each known by its place in the iteration; of aliases equal but
    /// for ASCII case, the first.
    pub(super) fn new<'a>(aliases: impl Iterator<Item = &'a str>) -> AliasTrie {
        let mut keys: Vec<(Vec<u8>, u32)> = aliases
            .enumerate()
            .map(|(i, a)| {
                (
                    a.bytes().map(|b| b.to_ascii_lowercase()).collect(),
                    i as u32,
                )
            })
            .collect();
        keys.sort_unstable();
        keys.dedup_by(|later, first| later.0 == first.0);
        let mut trie = AliasTrie {
            root: Box::new([0; 256]),
            dense: Vec::new(),
            nodes: Vec::with_capacity(keys.len() * 4),
            bytes: Vec::with_capacity(keys.len() * 4),
            targets: Vec::with_capacity(keys.len() * 4),
        };
        // Breadth first: a node is the run keys[lo..hi] sharing its first `depth` bytes.
        let mut queue = std::collections::VecDeque::from([(0usize, keys.len(), 0usize)]);
        trie.nodes.push(Node {
            first: 0,
            len: 0,
            alias: NONE,
            dense: NONE,
        });
        let mut id = 0usize;
        while let Some((mut lo, hi, depth)) = queue.pop_front() {
            if lo < hi && keys[lo].0.len() == depth {
                trie.nodes[id].alias = keys[lo].1;
                lo += 1;
            }
            let first = trie.bytes.len() as u32;
            while lo < hi {
                let b = keys[lo].0[depth];
                let end = lo + keys[lo..hi].partition_point(|k| k.0[depth] == b);
                let child = trie.nodes.len() as u32;
                trie.nodes.push(Node {
                    first: 0,
                    len: 0,
                    alias: NONE,
                    dense: NONE,
                });
                trie.bytes.push(b);
                trie.targets.push(child);
                if id == 0 {
                    trie.root[b as usize] = child;
                }
                queue.push_back((lo, end, depth + 1));
                lo = end;
            }
            let len = trie.bytes.len() - first as usize;
            if len > DENSE_FROM && id != 0 {
                let table = trie.dense.len();
                trie.dense.resize(table + 256, 0);
                for k in first as usize..first as usize + len {
                    trie.dense[table + trie.bytes[k] as usize] = trie.targets[k];
                }
                trie.nodes[id].dense = table as u32;
            }
            trie.nodes[id].first = first;
            trie.nodes[id].len = len as u32;
            id += 1;
        }
        trie
    }

    /// The longest alias that starts at `pos` of `bytes` and ends at or before `limit`: its
    /// end and its number.
    pub(super) fn longest(&self, bytes: &[u8], pos: usize, limit: usize) -> Option<(usize, usize)> {
        let mut found = None;
        let mut node = 0usize;
        for (i, &b) in bytes[pos..limit].iter().enumerate() {
            let b = b.to_ascii_lowercase();
            node = if node == 0 {
                match self.root[b as usize] {
                    0 => break,
                    child => child as usize,
                }
            } else {
                let n = self.nodes[node];
                if n.dense != NONE {
                    match self.dense[n.dense as usize + b as usize] {
                        0 => break,
                        child => child as usize,
                    }
                } else {
                    let (first, len) = (n.first as usize, n.len as usize);
                    match self.bytes[first..first + len].iter().position(|&e| e == b) {
                        Some(k) => self.targets[first + k] as usize,
                        None => break,
                    }
                }
            };
            let alias = self.nodes[node].alias;
            if alias != NONE {
                found = Some((pos + i + 1, alias as usize));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::AliasTrie;

    #[test]
    fn longest_alias_from_a_start() {
        let aliases = [
            "阿里",
            "阿里云",
            "Qwen",
            "qwen-7b",
            "QWEN",
            "A800-80G",
            "通义千问",
        ];
        let trie = AliasTrie::new(aliases.iter().copied());
        let find = |text: &'static str, pos: usize| {
            trie.longest(text.as_bytes(), pos, text.len())
                .map(|(end, n)| (&text[pos..end], aliases[n]))
        };
        for (text, pos, want) in [
            ("阿里云发布", 0, Some(("阿里云", "阿里云"))),
            ("阿里巴巴", 0, Some(("阿里", "阿里"))),
            ("用阿里云", 0, None),
            ("用阿里云", 3, Some(("阿里云", "阿里云"))),
            // ASCII case folded; of equal aliases the first.
            ("QWEN-7B-Chat", 0, Some(("QWEN-7B", "qwen-7b"))),
            ("qwen2", 0, Some(("qwen", "Qwen"))),
            ("A800-80GB", 0, Some(("A800-80G", "A800-80G"))),
            ("A800-8", 0, None),
            ("通义千", 0, None),
            ("", 0, None),
        ] {
            assert_eq!(find(text, pos), want, "{text:?} at {pos}");
        }
        // The end is bounded by `limit`.
        assert_eq!(trie.longest("阿里云".as_bytes(), 0, 6), Some((6, 0)));
    }
}
