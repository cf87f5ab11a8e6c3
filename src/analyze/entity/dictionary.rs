//! The vendor/product entity dictionary: loading, merging and linting (its data types,
//! [`EntityDef`] and friends, live in [`crate::model`] so that render can show them).
//!
//! File format (`dictionaries/README.md` has the full description): one entity per line,
//! ```text
//! kind | canonical | aliases | parent | note
//! vendor | Alibaba Cloud | 阿里云, Alibaba Cloud, Aliyun | Alibaba Group |
//! ```
//! `#` starts a comment line. Aliases are comma-separated; a leading `=` makes an alias
//! case-sensitive. Lines are sorted by canonical name (ASCII case-folded).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::EntityKind;
pub use crate::model::{Alias, EntityDef, KindStats, Location};

/// The dictionary files compiled into the binary, so an installed newslens works anywhere.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "vendors.txt",
        include_str!("../../../dictionaries/entities/vendors.txt"),
    ),
    (
        "products.txt",
        include_str!("../../../dictionaries/entities/products.txt"),
    ),
    (
        "models.txt",
        include_str!("../../../dictionaries/entities/models.txt"),
    ),
    (
        "chips.txt",
        include_str!("../../../dictionaries/entities/chips.txt"),
    ),
    (
        "orgs.txt",
        include_str!("../../../dictionaries/entities/orgs.txt"),
    ),
    (
        "media.txt",
        include_str!("../../../dictionaries/entities/media.txt"),
    ),
    (
        "people.txt",
        include_str!("../../../dictionaries/entities/people.txt"),
    ),
    (
        "listed.txt",
        include_str!("../../../dictionaries/entities/listed.txt"),
    ),
];

/// The entity dictionary: a validated list of entities.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    entities: Vec<EntityDef>,
    /// [`Dictionary::lookup`]'s tables, built on its first call.
    names: std::sync::OnceLock<Names>,
}

/// Folded names → the index of the first entity with that alias, and of the first with that
/// canonical name.
#[derive(Debug, Clone, Default)]
struct Names {
    aliases: rustc_hash::FxHashMap<String, usize>,
    canonicals: rustc_hash::FxHashMap<String, usize>,
}

/// Folds an alias or a text for matching: full-width ASCII (`ＡＷＳ`) to ASCII, the ideographic
/// space to a space, and (for the lookup key) ASCII letters to lower case.
pub fn fold_key(s: &str) -> String {
    s.chars()
        .map(|c| fold_char(c).to_ascii_lowercase())
        .collect()
}

/// Full-width ASCII variants (U+FF01..U+FF5E) to ASCII; U+3000 to a space; else unchanged.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

impl Dictionary {
    /// The built-in dictionary.
    pub fn builtin() -> Result<Dictionary> {
        Dictionary::load(true, None)
    }

    /// Loads every `*.txt` file of `dir` (sorted by name).
    pub fn load_dir(dir: &Path) -> Result<Dictionary> {
        Dictionary::load(false, Some(dir))
    }

    /// The built-in dictionary extended with the files of `dir`. Conflicts (a canonical or an
    /// alias defined twice) are errors naming both places; nothing is silently replaced.
    pub fn builtin_extended_with(dir: &Path) -> Result<Dictionary> {
        Dictionary::load(true, Some(dir))
    }

    /// Parses the built-in files and/or those of `dir`, then validates the whole set: either
    /// every file is good, or nothing is returned (never half of a broken dictionary).
    /// The built-in files alone skip the cross-entry checks ([`validate`], two thirds of the
    /// 3 ms a load takes, on the path of every command's start): they are compiled in, and a
    /// test runs [`Dictionary::check`] on them.
    fn load(builtin: bool, dir: Option<&Path>) -> Result<Dictionary> {
        let (dict, errors) = Dictionary::parse_all(builtin, dir)?;
        if builtin && dir.is_none() && errors.is_empty() {
            return Ok(dict);
        }
        dict.finish(errors)
    }

    /// Lints the built-in files and/or those of `dir` (as [`Dictionary::load_dir`] and
    /// [`Dictionary::builtin_extended_with`] would load them) and returns every problem found,
    /// each naming its file and line, with the number of entities read. An `Err` is a directory
    /// or file that cannot be read at all.
    pub fn check(builtin: bool, dir: Option<&Path>) -> Result<(usize, Vec<Error>)> {
        let (dict, mut errors) = Dictionary::parse_all(builtin, dir)?;
        errors.extend(validate(&dict.entities));
        Ok((dict.len(), errors))
    }

    /// Every entry of the built-in files and/or those of `dir`, with the per-line errors.
    fn parse_all(builtin: bool, dir: Option<&Path>) -> Result<(Dictionary, Vec<Error>)> {
        let mut files: Vec<(PathBuf, std::borrow::Cow<'static, str>)> = Vec::new();
        if builtin {
            for (name, content) in BUILTIN_FILES {
                files.push((
                    Path::new("dictionaries/entities").join(name),
                    (*content).into(),
                ));
            }
        }
        if let Some(dir) = dir {
            for (path, content) in read_dir_files(dir)? {
                files.push((path, content.into()));
            }
        }
        let mut dict = Dictionary::default();
        let mut errors = Vec::new();
        for (path, content) in &files {
            dict.entities.extend(parse_file(path, content, &mut errors));
        }
        Ok((dict, errors))
    }

    /// Builds a dictionary from already-parsed entries (used by tests), validating it.
    pub fn from_entities(entities: Vec<EntityDef>) -> Result<Dictionary> {
        Dictionary {
            entities,
            names: std::sync::OnceLock::new(),
        }
        .finish(Vec::new())
    }

    fn finish(self, mut errors: Vec<Error>) -> Result<Dictionary> {
        errors.extend(validate(&self.entities));
        match errors.len() {
            0 => Ok(self),
            1 => Err(errors.remove(0)),
            _ => Err(Error::DictionaryErrors(errors)),
        }
    }

    /// All entities, in file order.
    pub fn entities(&self) -> &[EntityDef] {
        &self.entities
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// True when the dictionary holds no entity.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Every alias name (exclusions left out), for the segmenter's user words.
    pub fn alias_names(&self) -> impl Iterator<Item = &str> {
        self.entities.iter().flat_map(|e| {
            e.aliases
                .iter()
                .filter(|a| !a.exclude)
                .map(|a| a.name.as_str())
        })
    }

    /// The entity whose exclusion (`!高通量`) `name` is, if any: a name that is never tagged.
    pub fn excluded_by(&self, name: &str) -> Option<&EntityDef> {
        let key = fold_key(name.trim());
        self.entities.iter().find(|e| {
            e.aliases
                .iter()
                .any(|a| a.exclude && fold_key(&a.name) == key)
        })
    }

    /// Entities with a name (canonical or alias, any case) containing `part`, in file order.
    pub fn containing(&self, part: &str) -> Vec<&EntityDef> {
        let key = fold_key(part.trim());
        if key.is_empty() {
            return Vec::new();
        }
        self.entities
            .iter()
            .filter(|e| {
                fold_key(&e.canonical).contains(&key)
                    || e.aliases
                        .iter()
                        .any(|a| !a.exclude && fold_key(&a.name).contains(&key))
            })
            .collect()
    }

    /// The entities whose parent is `canonical`.
    pub fn children(&self, canonical: &str) -> Vec<&EntityDef> {
        let key = fold_key(canonical);
        self.entities
            .iter()
            .filter(|e| e.parent.as_deref().is_some_and(|p| fold_key(p) == key))
            .collect()
    }

    /// Entities and aliases per kind, in [`EntityKind::ALL`] order.
    pub fn stats(&self) -> Vec<KindStats> {
        EntityKind::ALL
            .iter()
            .map(|&kind| {
                let mut st = KindStats::zero(kind);
                for e in self.entities.iter().filter(|e| e.kind == kind) {
                    st.entities += 1;
                    for a in &e.aliases {
                        if a.exclude {
                            st.exclusions += 1;
                            continue;
                        }
                        st.aliases += 1;
                        if a.name.chars().any(crate::analyze::segment::is_han) {
                            st.chinese += 1;
                        } else {
                            st.latin += 1;
                        }
                        if a.case_sensitive {
                            st.case_sensitive += 1;
                        }
                    }
                    if e.parent.is_some() {
                        st.with_parent += 1;
                    }
                }
                st
            })
            .collect()
    }

    /// The entity an alias (any case, full-width or not) or canonical name resolves to.
    pub fn lookup(&self, name: &str) -> Option<&EntityDef> {
        // Any script: `輝達`, `辉达` and an alias written either way meet in Simplified.
        let key = |s: &str| fold_key(&crate::script::fold(s));
        let names = self.names.get_or_init(|| {
            let mut names = Names::default();
            for (i, e) in self.entities.iter().enumerate() {
                for a in e.aliases.iter().filter(|a| !a.exclude) {
                    names.aliases.entry(key(&a.name)).or_insert(i);
                }
                names.canonicals.entry(key(&e.canonical)).or_insert(i);
            }
            names
        });
        let wanted = key(name.trim());
        names
            .aliases
            .get(&wanted)
            .or_else(|| names.canonicals.get(&wanted))
            .map(|&i| &self.entities[i])
    }
}

fn read_dir_files(dir: &Path) -> Result<Vec<(PathBuf, String)>> {
    let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Error::Dictionary {
            path: dir.to_path_buf(),
            line: 0,
            reason: "no dictionary files (*.txt) in this directory".into(),
        });
    }
    let mut out = Vec::new();
    for p in paths {
        let bytes = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
        let content = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let before = &e.as_bytes()[..at];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = at
                - before
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1)
                + 1;
            Error::Dictionary {
                path: p.clone(),
                line,
                reason: format!(
                    "not UTF-8 (invalid byte 0x{:02X} at byte {column} of the line); \
                     dictionary files must be UTF-8",
                    e.as_bytes()[at]
                ),
            }
        })?;
        out.push((p, content));
    }
    Ok(out)
}

/// Sort key of a canonical name: ASCII letters lower-cased, then the raw string.
pub fn sort_key(s: &str) -> (String, String) {
    (s.to_ascii_lowercase(), s.to_string())
}

/// Parses one dictionary file, pushing per-line errors (format, kind, sorting, whitespace).
pub fn parse_file(path: &Path, content: &str, errors: &mut Vec<Error>) -> Vec<EntityDef> {
    let mut out: Vec<EntityDef> = Vec::new();
    let err = |line: usize, reason: String| Error::Dictionary {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let content = content.strip_prefix('\u{FEFF}').unwrap_or(content);
    for (idx, raw) in content.lines().enumerate() {
        let line_no = idx + 1;
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        if raw != raw.trim() {
            errors.push(err(line_no, "leading or trailing whitespace".into()));
        }
        let fields: Vec<&str> = raw.split('|').map(str::trim).collect();
        if fields.len() < 3 || fields.len() > 6 {
            errors.push(err(
                line_no,
                format!(
                    "expected `kind | canonical | aliases [| parent [| note [| context]]]`, found {} field(s)",
                    fields.len()
                ),
            ));
            continue;
        }
        let Some(kind) = EntityKind::parse(fields[0]) else {
            errors.push(err(
                line_no,
                format!(
                    "unknown kind `{}`; expected one of {}",
                    fields[0],
                    EntityKind::ALL.map(|k| k.as_str()).join(", ")
                ),
            ));
            continue;
        };
        let canonical = fields[1];
        if canonical.is_empty() {
            errors.push(err(line_no, "empty canonical name".into()));
            continue;
        }
        let mut aliases = Vec::new();
        if fields[2].is_empty() {
            errors.push(err(line_no, format!("`{canonical}` has no aliases")));
        }
        for a in fields[2].split(',') {
            let a = a.trim();
            let (a, exclude) = match a.strip_prefix('!') {
                Some(rest) => (rest.trim(), true),
                None => (a, false),
            };
            let (a, contextual) = match a.strip_prefix('?') {
                Some(rest) => (rest.trim(), true),
                None => (a, false),
            };
            let (name, cs) = match a.strip_prefix('=') {
                Some(rest) => (rest.trim(), true),
                None => (a, false),
            };
            if contextual && exclude {
                errors.push(err(
                    line_no,
                    format!("alias `{name}` of `{canonical}` is both an exclusion (`!`) and context-resolved (`?`)"),
                ));
            }
            if name.is_empty() {
                if !fields[2].is_empty() {
                    errors.push(err(line_no, format!("empty alias in `{canonical}`")));
                }
                continue;
            }
            aliases.push(Alias {
                name: name.to_string(),
                case_sensitive: cs,
                exclude,
                contextual,
            });
        }
        let opt = |i: usize| {
            fields
                .get(i)
                .filter(|s| !s.is_empty())
                .map(|s| s.to_string())
        };
        if let Some(prev) = out.last()
            && sort_key(&prev.canonical) > sort_key(canonical)
        {
            errors.push(err(
                line_no,
                format!(
                    "not sorted: `{canonical}` should come before `{}` (line {})",
                    prev.canonical, prev.location.line
                ),
            ));
        }
        if fields.get(5).is_some_and(|f| !f.is_empty()) && !aliases.iter().any(|a| a.contextual) {
            errors.push(err(
                line_no,
                format!(
                    "`{canonical}` has context words but no context-resolved alias (`?name`) to use them"
                ),
            ));
        }
        out.push(EntityDef {
            canonical: canonical.to_string(),
            kind,
            aliases,
            parent: opt(3),
            note: opt(4),
            context: fields
                .get(5)
                .map(|f| {
                    f.split(',')
                        .map(str::trim)
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            location: Location {
                path: path.to_path_buf(),
                line: line_no,
            },
        });
    }
    out
}

/// Cross-entry checks: unique canonicals, aliases owned by one entity, parents exist.
fn validate(entities: &[EntityDef]) -> Vec<Error> {
    let mut errors = Vec::new();
    let at = |e: &EntityDef, reason: String| Error::Dictionary {
        path: e.location.path.clone(),
        line: e.location.line,
        reason,
    };
    let mut canon: BTreeMap<String, &EntityDef> = BTreeMap::new();
    for e in entities {
        if let Some(prev) = canon.insert(fold_key(&e.canonical), e) {
            errors.push(at(
                e,
                format!(
                    "canonical `{}` already defined at {}",
                    e.canonical, prev.location
                ),
            ));
        }
    }
    let mut owners: BTreeMap<String, &EntityDef> = BTreeMap::new();
    for e in entities {
        let mut own = std::collections::BTreeSet::new();
        for a in &e.aliases {
            let key = fold_key(&a.name);
            if !own.insert(key.clone()) {
                errors.push(at(
                    e,
                    format!("alias `{}` listed twice in `{}`", a.name, e.canonical),
                ));
                continue;
            }
            // Owned across scripts: `阿里雲` of one entity is `阿里云` of another (Traditional
            // text is tagged in its Simplified form); one entity may list both.
            let owned = fold_key(&crate::script::fold(&a.name));
            if let Some(prev) = owners.insert(owned, e)
                && prev.canonical != e.canonical
            {
                errors.push(at(
                    e,
                    format!(
                        "alias `{}` of `{}` is already owned by `{}` ({})",
                        a.name, e.canonical, prev.canonical, prev.location
                    ),
                ));
            }
            if a.name.contains(',') || a.name.contains('|') {
                errors.push(at(e, format!("alias `{}` contains a separator", a.name)));
            }
        }
    }
    for e in entities {
        if let Some(p) = &e.parent {
            if !canon.contains_key(&fold_key(p)) {
                errors.push(at(
                    e,
                    format!(
                        "parent `{p}` of `{}` is not a canonical name in the dictionary",
                        e.canonical
                    ),
                ));
            } else if fold_key(p) == fold_key(&e.canonical) {
                errors.push(at(e, format!("`{}` is its own parent", e.canonical)));
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(content: &str) -> Vec<String> {
        let mut errors = Vec::new();
        let entities = parse_file(Path::new("t.txt"), content, &mut errors);
        errors.extend(validate(&entities));
        errors.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn parses_a_valid_file() {
        let mut errors = Vec::new();
        let e = parse_file(
            Path::new("t.txt"),
            "# comment\nvendor | Alibaba Cloud | 阿里云, Alibaba Cloud, Aliyun | | note\nvendor | Apple | =Apple, 苹果公司, !=Apple pie\n",
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].aliases.len(), 3);
        assert_eq!(e[0].parent, None);
        assert_eq!(e[0].note.as_deref(), Some("note"));
        assert!(e[1].aliases[0].case_sensitive);
        assert!(e[1].aliases[2].exclude && e[1].aliases[2].case_sensitive);
        assert_eq!(e[1].aliases[2].name, "Apple pie");
        assert_eq!(e[1].aliases[0].name, "Apple");
        assert_eq!(e[1].location.line, 3);
    }

    /// (name, file content, expected error fragment with its line).
    const LINT: &[(&str, &str, &str)] = &[
        (
            "unknown kind",
            "company | X | X\n",
            "t.txt:1: unknown kind `company`",
        ),
        (
            "too few fields",
            "vendor | X\n",
            "t.txt:1: expected `kind | canonical",
        ),
        (
            "empty alias",
            "vendor | X | X, , Y\n",
            "t.txt:1: empty alias in `X`",
        ),
        (
            "no aliases",
            "vendor | X | \n",
            "t.txt:1: `X` has no aliases",
        ),
        (
            "unsorted",
            "vendor | B | B\nvendor | A | A\n",
            "t.txt:2: not sorted: `A` should come before `B`",
        ),
        (
            "duplicate alias across entities",
            "vendor | A | AWS\nvendor | B | aws\n",
            "t.txt:2: alias `aws` of `B` is already owned by `A` (t.txt:1)",
        ),
        (
            "duplicate alias full-width",
            "vendor | A | AWS\nvendor | B | ＡＷＳ\n",
            "t.txt:2: alias `ＡＷＳ` of `B` is already owned by `A`",
        ),
        (
            "duplicate alias across scripts",
            "vendor | A | 阿里云\nvendor | B | 阿里雲\n",
            "t.txt:2: alias `阿里雲` of `B` is already owned by `A`",
        ),
        (
            "duplicate within entry",
            "vendor | A | AWS, aws\n",
            "t.txt:1: alias `aws` listed twice",
        ),
        (
            "duplicate canonical",
            "vendor | A | A1\nvendor | A | A2\n",
            "t.txt:2: canonical `A` already defined at t.txt:1",
        ),
        (
            "missing parent",
            "chip | A800 | A800 | NVIDIA\n",
            "t.txt:1: parent `NVIDIA` of `A800` is not a canonical",
        ),
        (
            "trailing whitespace",
            "vendor | A | A \n",
            "t.txt:1: leading or trailing whitespace",
        ),
    ];

    #[test]
    fn lint_rules() {
        for (name, content, want) in LINT {
            let errs = check(content);
            assert!(
                errs.iter().any(|e| e.starts_with(want)),
                "case `{name}`: wanted `{want}`, got {errs:?}"
            );
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold_key("ＡＷＳ"), "aws");
        assert_eq!(fold_key("NVIDIA"), "nvidia");
        assert_eq!(fold_key("阿里云"), "阿里云");
    }
}
