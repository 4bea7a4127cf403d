//! Crash-safe serial allocation. Being written.
/// Allocator error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AllocatorError {}
/// Allocates serials.
pub trait SerialAllocator {}
/// Key of one counter.
#[derive(Debug)]
pub struct SerialKey {}
/// File-backed allocator.
#[derive(Debug)]
pub struct FileSerialAllocator {}
