//! `cartable-csr`: the client-only development build that `trunk serve` makes (see Trunk.toml).
//! It renders every page in the browser and calls the server functions of a running server.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(cartable::app::App);
}
