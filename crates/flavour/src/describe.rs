//! Dispatch of `describe` to the flavour folders.
