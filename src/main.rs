//! The `dyad` binary: parse arguments, run the command, map the outcome to an exit code
//! (0 ok, 1 runtime or data error, 2 usage; a closed pipe is not an error).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let code = match cli::run() {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            #[allow(clippy::print_stderr)]
            {
                eprintln!("error: {err:#}");
            }
            if err.downcast_ref::<cli::UsageError>().is_some() {
                cli::Outcome::Usage
            } else {
                cli::Outcome::Failure
            }
        }
    };
    ExitCode::from(code as u8)
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
