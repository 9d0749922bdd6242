//! Statement splitting throughput on a large generated migration.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use db::{script_needs_no_transaction, split_statements, DbKind};

/// A migration shaped like Prisma's output: tables, indexes, foreign keys, a function body.
fn script(tables: usize) -> String {
    let mut out = String::new();
    for i in 0..tables {
        out.push_str(&format!(
            "-- CreateTable\nCREATE TABLE \"T{i}\" (\n    \"id\" SERIAL NOT NULL,\n    \"name\" TEXT NOT NULL DEFAULT 'a;b',\n    \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n\n    CONSTRAINT \"T{i}_pkey\" PRIMARY KEY (\"id\")\n);\n\n"
        ));
        out.push_str(&format!("-- CreateIndex\nCREATE UNIQUE INDEX \"T{i}_name_key\" ON \"T{i}\"(\"name\");\n\n"));
        if i % 10 == 0 {
            out.push_str(&format!(
                "CREATE FUNCTION f{i}() RETURNS trigger AS $fn$\nBEGIN\n  NEW.name := 'x;'; -- ;\n  RETURN NEW;\nEND;\n$fn$ LANGUAGE plpgsql;\n\n"
            ));
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = script(2_000);
    let mut group = c.benchmark_group("split");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("postgres_2000_tables", |b| b.iter(|| split_statements(&text, DbKind::Postgres).len()));
    group.bench_function("needs_no_transaction_2000_tables", |b| b.iter(|| script_needs_no_transaction(&text)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
