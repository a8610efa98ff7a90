//! A hermetic environment for running `dyad`: its own temp directory and database, no
//! inherited DYAD_* variables.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl TestEnv {
    pub fn new() -> Self {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("test.db")
    }

    /// Writes a file under the temp dir and returns its path.
    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, content).unwrap();
        p
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("dyad").expect("dyad binary");
        c.current_dir(self.dir.path());
        for (k, _) in std::env::vars() {
            if k.starts_with("DYAD_") {
                c.env_remove(k);
            }
        }
        c.arg("--db").arg(self.db());
        c
    }

    /// Runs dyad with `args` (and `--db`), returning status and output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_stdin(args, "")
    }

    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Output {
        let out = self.cmd().args(args).write_stdin(stdin).output().unwrap();
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Events as JSON values (`dyad events --format jsonl`).
    pub fn events(&self) -> Vec<serde_json::Value> {
        let o = self.run(&["events", "--format", "jsonl"]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        o.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

/// The repository root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
