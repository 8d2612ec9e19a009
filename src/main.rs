//! The `gongshi` command; everything happens in [`gongshi::cli`].

fn main() -> std::process::ExitCode {
    gongshi::cli::run()
}
