//! The `scope` binary: parse arguments, resolve settings, run the library, and turn an
//! error into a message and an exit code — in this one place.

use clap::Parser;
use scope::cli::Cli;
use scope::settings::Settings;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    scope::diag::set_quiet(cli.common.quiet);
    let result = Settings::resolve(&cli).and_then(|s| scope::run(&s, &scope::Job::from_cli(&cli)));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut msg = format!("scope: error: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                msg += &format!(": {s}");
                source = s.source();
            }
            eprintln!("{msg}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
