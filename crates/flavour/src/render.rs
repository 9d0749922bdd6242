//! Dispatch of `render` to the flavour folders.
