//! The mysql flavour. Every flavour folder has the same files.

pub mod calculate;
pub mod casts;
pub mod describe;
pub mod pull;
pub mod render;
