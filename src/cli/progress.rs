//! The progress bar of a long run, on stderr: shown only when stderr is a terminal (and not
//! with `--quiet`), so pipes, files and CI logs get nothing but the closing summary.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Read};
use std::time::{Duration, Instant};

/// Articles done and bytes read, with a rate and (when the total size is known) an ETA.
pub struct Progress {
    bar: Option<ProgressBar>,
    articles: u64,
    started: Instant,
}

impl Progress {
    /// `total_bytes`: the size of the input when known (files), `None` for a stream.
    pub fn new(total_bytes: Option<u64>, quiet: bool) -> Self {
        let show = !quiet && std::io::stderr().is_terminal();
        let bar = show.then(|| {
            let (bar, template) = match total_bytes {
                Some(n) => (
                    ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()),
                    "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} \
                     ({bytes_per_sec}, ETA {eta}) {msg}",
                ),
                None => (
                    ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
                    "{spinner} {elapsed_precise} {bytes} read ({bytes_per_sec}) {msg}",
                ),
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        Progress {
            bar,
            articles: 0,
            started: Instant::now(),
        }
    }

    /// Wraps a reader so that what is read from it moves the bar.
    pub fn reader<R: Read>(&self, inner: R) -> Counting<R> {
        Counting {
            inner,
            bar: self.bar.clone(),
        }
    }

    /// One more article read.
    pub fn article(&mut self) {
        self.articles += 1;
        if let Some(bar) = &self.bar {
            if self.articles % 16 == 0 {
                let secs = self.started.elapsed().as_secs_f64().max(1e-3);
                bar.set_message(format!(
                    "{} articles, {:.0}/s",
                    self.articles,
                    self.articles as f64 / secs
                ));
            }
        }
    }

    /// Runs `f` (which prints to stderr) with the bar out of the way.
    pub fn suspend<T>(&self, f: impl FnOnce() -> T) -> T {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar, leaving the terminal to the summary line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A reader that advances a progress bar by the bytes read.
pub struct Counting<R> {
    inner: R,
    bar: Option<ProgressBar>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(bar) = &self.bar {
            bar.inc(n as u64);
        }
        Ok(n)
    }
}
