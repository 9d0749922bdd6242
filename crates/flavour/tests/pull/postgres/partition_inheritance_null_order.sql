-- Prisma 6.19.3's notes on partitioned, inherited and row level security tables, and on
-- indexes with a non-default null ordering (warnings: tests/pull.rs); `@unique(map:, sort:)`.
CREATE TABLE measurement (id int, logdate date, PRIMARY KEY (id, logdate)) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_2020 PARTITION OF measurement FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (extra int) INHERITS (parent);
ALTER TABLE parent ENABLE ROW LEVEL SECURITY;
CREATE TABLE secured (id int PRIMARY KEY, a int, b int);
ALTER TABLE secured ENABLE ROW LEVEL SECURITY;
CREATE INDEX secured_ab ON secured (b ASC NULLS FIRST, a, id DESC NULLS LAST);
CREATE INDEX secured_a ON secured (a DESC NULLS LAST);
CREATE INDEX plain ON parent (id DESC);
CREATE UNIQUE INDEX secured_b_desc ON secured (b DESC);

/*
/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.
model child {
  id    Int
  extra Int?

  @@ignore
}

/// This table is a partition table and requires additional setup for migrations. Visit https://pris.ly/d/partition-tables for more info.
model measurement {
  id      Int
  logdate DateTime @db.Date

  @@id([id, logdate])
}

/// This table has subclasses and requires additional setup for migrations. Visit https://pris.ly/d/table-inheritance for more info.
/// This model contains row level security and requires additional setup for migrations. Visit https://pris.ly/d/row-level-security for more info.
model parent {
  id Int @id

  @@index([id(sort: Desc)], map: "plain")
}

/// This model contains row level security and requires additional setup for migrations. Visit https://pris.ly/d/row-level-security for more info.
/// This model contains an index with non-default null sort order and requires additional setup for migrations. Visit https://pris.ly/d/default-index-null-ordering for more info.
model secured {
  id Int  @id
  a  Int?
  b  Int? @unique(map: "secured_b_desc", sort: Desc)

  @@index([a(sort: Desc)], map: "secured_a")
  @@index([b, a, id(sort: Desc)], map: "secured_ab")
}
*/
