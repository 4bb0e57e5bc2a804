//! What an island does once awake in the browser: catch up on what was typed before it woke (a
//! slow phone shows the page long before its WebAssembly runs), and say it is awake
//! (`<body data-awake="n">`, which the end-to-end tests wait for). Both do nothing on the server.

/// The text field `id` holds now.
pub fn field_value(id: &str) -> String {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        leptos::prelude::document()
            .get_element_by_id(id)
            .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = id;
        String::new()
    }
}

/// Counts one more island awake on the page. Call it from an `Effect`, which runs only once the
/// island is hydrated.
pub fn island_awake() {
    #[cfg(feature = "hydrate")]
    if let Some(body) = leptos::prelude::document().body() {
        let awake = body
            .get_attribute("data-awake")
            .and_then(|count| count.parse::<u32>().ok())
            .unwrap_or(0);
        let _ = body.set_attribute("data-awake", &(awake + 1).to_string());
    }
}
