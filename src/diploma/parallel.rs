//! Ordered parallel map over a slice with scoped threads: a batch's fonts are prepared on
//! every core (`DiplomaFonts::prepare_on`) while the output stays byte-identical to a
//! single-threaded run, since results come back in input order. The work is CPU-bound and
//! split once, so no pool crate is needed.

/// `f` applied to every item of `items` on up to `threads` threads (0 = every core), the
/// results in the order of `items`. Contiguous chunks, one per thread.
pub(crate) fn map_ordered<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            // A panic in `f` is re-raised here, as it would be without threads.
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::map_ordered;

    #[test]
    fn results_keep_the_input_order_for_any_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        let expected: Vec<u64> = items.iter().map(|i| i * i + 1).collect();
        for threads in [0, 1, 2, 3, 7, 2000] {
            assert_eq!(
                map_ordered(&items, threads, |i| i * i + 1),
                expected,
                "{threads}"
            );
        }
        assert!(map_ordered(&[] as &[u8], 4, |b| *b).is_empty());
    }
}
