//! pilets
