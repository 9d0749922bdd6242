//! Dispatch of `calculate` to the flavour folders.
