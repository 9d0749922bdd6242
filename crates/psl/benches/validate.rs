//! Parse + validate a generated 5,000-model schema (relations, indexes, enums).

use criterion::{criterion_group, criterion_main, Criterion};
use psl::ast::{SourceFile, SourceFiles};
use std::fmt::Write as _;

/// `models` models in a chain: each has an id, scalars, an enum field, a 1:n relation to the
/// previous model (with its back-relation), a unique and an index; every tenth model also has
/// an implicit many-to-many relation with the next one.
fn schema(models: usize) -> String {
    let mut s = String::from("datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n\n");
    for e in 0..models / 50 {
        let _ = write!(s, "enum Status{e} {{\n  ACTIVE\n  INACTIVE\n  ARCHIVED\n}}\n\n");
    }
    for i in 0..models {
        let _ = writeln!(s, "model M{i} {{");
        s.push_str("  id        Int      @id @default(autoincrement())\n");
        s.push_str("  name      String   @db.VarChar(200)\n");
        s.push_str("  email     String   @unique\n");
        s.push_str("  createdAt DateTime @default(now())\n");
        let _ = writeln!(s, "  status    Status{} @default(ACTIVE)", i / 50);
        if i > 0 {
            let _ = writeln!(s, "  parentId  Int\n  parent    M{} @relation(fields: [parentId], references: [id], onDelete: Cascade)", i - 1);
        }
        if i + 1 < models {
            let _ = writeln!(s, "  children  M{}[]", i + 1);
        }
        if i % 10 == 0 && i + 1 < models {
            let _ = writeln!(s, "  peers     M{}[] @relation(\"Peers{i}\")", i + 1);
        }
        if i % 10 == 1 {
            let _ = writeln!(s, "  peers     M{}[] @relation(\"Peers{}\")", i - 1, i - 1);
        }
        s.push_str("\n  @@index([name, createdAt])\n}\n\n");
    }
    s
}

fn bench(c: &mut Criterion) {
    let files = SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text: schema(5_000) }] };
    let (dm, diags) = psl::validate::parse_and_validate(&files);
    assert!(diags.errors.is_empty(), "generated schema must be valid: {:?}", diags.errors.first());
    assert_eq!(dm.map(|d| d.models.len()), Some(5_000));

    let mut group = c.benchmark_group("psl");
    group.sample_size(10);
    group.bench_function("parse+validate 5000 models", |b| b.iter(|| psl::validate::parse_and_validate(&files)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
