//! calculate on a large generated schema (1,000 models with enums, lists, relations, indexes
//! and implicit many-to-many tables), per flavour. Parsing and validation are done once,
//! outside the measurement.

use criterion::{criterion_group, criterion_main, Criterion};
use flavour::{calculate::calculate, Flavour};
use psl::ast::{SourceFile, SourceFiles};
use std::fmt::Write as _;

const MODELS: usize = 1_000;

fn schema_text(provider: &str) -> String {
    let mut s = format!("datasource db {{\n  provider = \"{provider}\"\n  url = env(\"DATABASE_URL\")\n}}\n\n");
    s.push_str("enum Status {\n  DRAFT\n  LIVE\n  GONE\n}\n\n");
    for i in 0..MODELS {
        let _ = writeln!(s, "model M{i} {{");
        s.push_str("  id Int @id @default(autoincrement())\n  name String @unique\n  status Status @default(DRAFT)\n");
        s.push_str(
            "  created DateTime @default(now())\n  amount Decimal @default(1.5)\n  flag Boolean @default(false)\n",
        );
        if i > 0 {
            let _ = writeln!(
                s,
                "  parentId Int?\n  parent M{}? @relation(\"p{i}\", fields: [parentId], references: [id])",
                i - 1
            );
            let _ = writeln!(s, "  peers M{}[] @relation(\"m{i}\")", i - 1);
        }
        if i + 1 < MODELS {
            let _ = writeln!(
                s,
                "  children M{}[] @relation(\"p{}\")\n  peerOf M{}[] @relation(\"m{}\")",
                i + 1,
                i + 1,
                i + 1,
                i + 1
            );
        }
        s.push_str("  @@index([name, created])\n}\n\n");
    }
    s
}

fn datamodel(provider: &str) -> psl::datamodel::Datamodel {
    let files = SourceFiles { files: vec![SourceFile { path: "schema.prisma".into(), text: schema_text(provider) }] };
    let (datamodel, diagnostics) = psl::validate::parse_and_validate(&files);
    match datamodel {
        Some(dm) => dm,
        None => panic!("generated schema is invalid: {:?}", diagnostics.errors.first().map(|d| &d.message)),
    }
}

fn bench(c: &mut Criterion) {
    for (provider, flavour) in
        [("postgresql", Flavour::Postgres), ("mysql", Flavour::Mysql), ("sqlite", Flavour::Sqlite)]
    {
        let dm = datamodel(provider);
        c.bench_function(&format!("calculate {MODELS} models ({provider})"), |b| b.iter(|| calculate(&dm, flavour)));
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
