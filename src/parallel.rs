//! Ordered parallel map: the work of many documents spread over threads, the results handed on
//! in input order so output stays deterministic.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Mutex;
use std::sync::mpsc::sync_channel;

/// The number of worker threads to use by default: `NEWSLENS_THREADS` when it is a positive
/// number, else the machine's cores (as far as the process may use them).
pub fn default_workers() -> usize {
    std::env::var("NEWSLENS_THREADS")
        .ok()
        .and_then(|n| n.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Maps `items` through `f` on `workers` threads and hands each result to `sink` in input order.
///
/// At most `window` items are in flight (taken from `items` but not yet handed to `sink`), which
/// bounds memory however long the input. `items` is advanced by one thread at a time. With one
/// worker everything runs on the calling thread. The first error from `sink` stops the work and
/// is returned; a panic in `f` is re-raised on the calling thread after the workers stop.
pub fn ordered_map<I, U, E>(
    items: I,
    workers: usize,
    window: usize,
    f: impl Fn(I::Item) -> U + Sync,
    mut sink: impl FnMut(U) -> Result<(), E>,
) -> Result<(), E>
where
    I: Iterator + Send,
    U: Send,
{
    if workers <= 1 {
        for item in items {
            sink(f(item))?;
        }
        return Ok(());
    }
    let window = window.max(workers);
    let source = Mutex::new(items.enumerate());
    // A permit per item in flight: a worker takes one before it takes an item, and the calling
    // thread gives it back once the item's result has gone to `sink`.
    let (permit_tx, permit_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        permit_tx.send(()).expect("the receiver is alive");
    }
    let permit_rx = Mutex::new(permit_rx);
    let (result_tx, result_rx) = sync_channel(window);
    let f = &f;
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let result_tx = result_tx.clone();
            let (source, permit_rx) = (&source, &permit_rx);
            scope.spawn(move || {
                loop {
                    let permit = match permit_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    if permit.is_err() {
                        break; // the calling thread stopped
                    }
                    let next = match source.lock() {
                        Ok(mut it) => it.next(),
                        Err(_) => break,
                    };
                    let Some((i, item)) = next else { break };
                    let out = catch_unwind(AssertUnwindSafe(|| f(item)));
                    let failed = out.is_err();
                    if result_tx.send((i, out)).is_err() || failed {
                        break;
                    }
                }
            });
        }
        drop(result_tx);
        let mut pending = BTreeMap::new();
        let mut next = 0;
        let mut outcome = Ok(());
        let mut panic = None;
        'receive: for (i, out) in &result_rx {
            pending.insert(i, out);
            while let Some(out) = pending.remove(&next) {
                next += 1;
                match out {
                    Ok(u) => {
                        if let Err(e) = sink(u) {
                            outcome = Err(e);
                            break 'receive;
                        }
                    }
                    Err(p) => {
                        panic = Some(p);
                        break 'receive;
                    }
                }
                let _ = permit_tx.send(());
            }
        }
        // Stop the workers: no more permits, and their results have nowhere to go.
        drop(permit_tx);
        drop(result_rx);
        if let Some(p) = panic {
            resume_unwind(p);
        }
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order_with_any_number_of_workers() {
        for workers in [1, 2, 3, 8] {
            let mut out = Vec::new();
            let r: Result<(), ()> = ordered_map(
                0..500u64,
                workers,
                7,
                |i| {
                    // Uneven work so that results arrive out of order.
                    (0..(i % 13) * 1000).fold(i, |a, b| a.wrapping_add(b))
                        - (0..(i % 13) * 1000).sum::<u64>()
                },
                |x| {
                    out.push(x);
                    Ok(())
                },
            );
            assert_eq!(r, Ok(()));
            assert_eq!(out, (0..500).collect::<Vec<_>>(), "workers {workers}");
        }
    }

    #[test]
    fn a_sink_error_stops_the_work() {
        let taken = std::sync::atomic::AtomicUsize::new(0);
        let items = (0..100_000).inspect(|_| {
            taken.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        let r = ordered_map(
            items,
            2,
            4,
            |i| i,
            |i| if i == 10 { Err(i) } else { Ok(()) },
        );
        assert_eq!(r, Err(10));
        // At most the window (and one item per worker) beyond the failing one.
        assert!(taken.into_inner() <= 10 + 1 + 4 + 2);
    }

    #[test]
    fn a_panic_in_a_worker_reaches_the_caller() {
        let r = std::panic::catch_unwind(|| {
            let _: Result<(), ()> = ordered_map(
                0..100,
                2,
                4,
                |i| {
                    assert!(i != 30, "boom");
                    i
                },
                |_| Ok(()),
            );
        });
        assert!(r.is_err());
    }
}
