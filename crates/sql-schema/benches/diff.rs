//! `diff` (and the pure check and summary built on it) on two generated 5,000-table schemas
//! that differ in every tenth table, and on two identical ones.

use criterion::{criterion_group, criterion_main, Criterion};
use sql_schema::*;

#[path = "../tests/common/mod.rs"]
mod common;

fn bench_diff(c: &mut Criterion) {
    let flavour = common::TestFlavour::default();
    let (from, to) = (
        common::generated(5000, false),
        common::generated(5000, true),
    );

    c.bench_function("diff 5000 tables, 500 changed", |b| {
        b.iter(|| diff(&from, &to, &flavour))
    });
    c.bench_function("diff 5000 identical tables", |b| {
        b.iter(|| diff(&from, &from, &flavour))
    });
    c.bench_function(
        "diff_owned 5000 tables, 500 changed (no schema copies)",
        |b| {
            b.iter_batched(
                || (from.clone(), to.clone()),
                |(f, t)| diff_owned(f, t, &flavour),
                criterion::BatchSize::LargeInput,
            )
        },
    );
    let migration = diff(&from, &to, &flavour);
    c.bench_function("check + summary of 500 altered tables", |b| {
        b.iter(|| (check(&migration), drift_summary(&migration)))
    });
    c.bench_function("diff 5000 tables from empty", |b| {
        b.iter(|| diff(&SqlSchema::default(), &to, &flavour))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_diff
}
criterion_main!(benches);
