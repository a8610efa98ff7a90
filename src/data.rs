//! The dictionaries and event patterns: embedded in the binary from `data/`, or read from a
//! directory given with `--data-dir` (a file missing there falls back to the embedded one).

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// One data file's name and content.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// Shown in messages: `data/aliases.csv` when embedded, the real path otherwise.
    pub name: String,
    pub content: String,
}

/// Every data file the extractor needs.
#[derive(Debug, Clone)]
pub struct DataFiles {
    pub countries: DataFile,
    pub aliases: DataFile,
    pub officials: DataFile,
    pub titles: DataFile,
    pub companies: DataFile,
    /// Pattern files in precedence order (file name order).
    pub patterns: Vec<DataFile>,
}

const EMBEDDED_PATTERNS: &[(&str, &str)] = &[
    (
        "10-contact.toml",
        include_str!("../data/patterns/10-contact.toml"),
    ),
    (
        "20-restriction.toml",
        include_str!("../data/patterns/20-restriction.toml"),
    ),
    (
        "30-detention.toml",
        include_str!("../data/patterns/30-detention.toml"),
    ),
    (
        "40-agreement.toml",
        include_str!("../data/patterns/40-agreement.toml"),
    ),
    (
        "50-protest.toml",
        include_str!("../data/patterns/50-protest.toml"),
    ),
];

fn embedded(name: &str, content: &str) -> DataFile {
    DataFile {
        name: format!("data/{name}"),
        content: content.to_string(),
    }
}

impl DataFiles {
    /// The files compiled into the binary.
    pub fn embedded() -> DataFiles {
        DataFiles {
            countries: embedded("countries.csv", include_str!("../data/countries.csv")),
            aliases: embedded("aliases.csv", include_str!("../data/aliases.csv")),
            officials: embedded("officials.csv", include_str!("../data/officials.csv")),
            titles: embedded("titles.csv", include_str!("../data/titles.csv")),
            companies: embedded("companies.csv", include_str!("../data/companies.csv")),
            patterns: EMBEDDED_PATTERNS
                .iter()
                .map(|(n, c)| embedded(&format!("patterns/{n}"), c))
                .collect(),
        }
    }

    /// Embedded files, with each file present in `dir` taking the place of its embedded twin.
    /// Pattern files in `dir/patterns/` replace embedded ones of the same name and add new ones.
    pub fn with_overrides(dir: &Path) -> Result<DataFiles> {
        if !dir.is_dir() {
            return Err(Error::Invalid(format!(
                "data directory {} does not exist",
                dir.display()
            )));
        }
        let mut files = DataFiles::embedded();
        for (slot, name) in [
            (&mut files.countries, "countries.csv"),
            (&mut files.aliases, "aliases.csv"),
            (&mut files.officials, "officials.csv"),
            (&mut files.titles, "titles.csv"),
            (&mut files.companies, "companies.csv"),
        ] {
            let p = dir.join(name);
            if p.exists() {
                *slot = read(&p)?;
            }
        }
        let pdir = dir.join("patterns");
        if pdir.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&pdir)
                .map_err(|e| Error::Io {
                    path: pdir.clone(),
                    source: e,
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            entries.sort();
            for p in entries {
                let f = read(&p)?;
                let fname = p
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .to_string();
                match files
                    .patterns
                    .iter_mut()
                    .find(|x| x.name.ends_with(&format!("/{fname}")))
                {
                    Some(slot) => *slot = f,
                    None => files.patterns.push(f),
                }
            }
            files
                .patterns
                .sort_by(|a, b| file_name(&a.name).cmp(file_name(&b.name)));
        }
        Ok(files)
    }
}

fn file_name(p: &str) -> &str {
    p.rsplit('/').next().unwrap_or(p)
}

fn read(p: &Path) -> Result<DataFile> {
    let content = std::fs::read_to_string(p).map_err(|e| Error::Io {
        path: p.to_path_buf(),
        source: e,
    })?;
    Ok(DataFile {
        name: p.display().to_string(),
        content,
    })
}
