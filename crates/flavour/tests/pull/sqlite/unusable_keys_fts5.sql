-- A key or unique index is an identifier only if its columns are all required and of supported
-- types: FTS5's shadow tables (typeless key columns), SQLite's nullable INT PRIMARY KEY.
-- New models keep the table order ("1first" first).
CREATE VIRTUAL TABLE docs USING fts5(body);
CREATE TABLE nullable_key (id INT PRIMARY KEY, "2" INT, "1" INT, mm ZZ, kk YY);
CREATE TABLE "1first" (id INTEGER PRIMARY KEY);
CREATE TABLE unique_key (a INT NOT NULL, b GEOMETRY NOT NULL, c INT, UNIQUE (a, b), UNIQUE (c));

/*
model first {
  id Int @id @default(autoincrement())

  @@map("1first")
}

/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.
model docs {
  body Unsupported("")?

  @@ignore
}

/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.
model docs_config {
  k Unsupported("")  @id
  v Unsupported("")?

  @@ignore
}

model docs_content {
  id Int              @id @default(autoincrement())
  c0 Unsupported("")?
}

model docs_data {
  id    Int    @id @default(autoincrement())
  block Bytes?
}

model docs_docsize {
  id Int    @id @default(autoincrement())
  sz Bytes?
}

/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.
model docs_idx {
  segid Unsupported("")
  term  Unsupported("")
  pgno  Unsupported("")?

  @@id([segid, term])
  @@ignore
}

/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.
model nullable_key {
  id Int?               @id
  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*
  // 2 Int? @map("2")
  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*
  // 1 Int? @map("1")
  mm Unsupported("zz")?
  kk Unsupported("yy")?

  @@ignore
}

/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.
model unique_key {
  a Int
  b Unsupported("geometry")
  c Int?                    @unique(map: "sqlite_autoindex_unique_key_2")

  @@unique([a, b], map: "sqlite_autoindex_unique_key_1")
  @@ignore
}
*/
