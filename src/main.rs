//! The `cartable` binary: `serve` and the school's administration commands (see `cartable::cli`).

/// mimalloc rather than glibc's malloc: a page's render makes many small, short-lived allocations,
/// and glibc keeps an arena per thread. `bench/load`'s figures since 2026-12-01 16:52 are with it
/// (not measured apart from the school cache that came with it).
#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    use clap::Parser;
    if let Err(error) = cartable::startup::logging::init() {
        eprintln!("erreur : {error:#}");
        return std::process::ExitCode::FAILURE;
    }
    match cartable::cli::run(cartable::cli::Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("erreur : {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Without `ssr` (the WebAssembly builds) there is no server to run.
#[cfg(not(feature = "ssr"))]
fn main() {}
