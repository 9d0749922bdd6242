-- A table without columns is commented out with Prisma's note (no @@ignore); new models keep
-- the table order ("1x" first). The warnings' order is asserted in tests/pull.rs.
CREATE TABLE zz (id int PRIMARY KEY, b int, a int);
COMMENT ON TABLE zz IS 'tab';
COMMENT ON COLUMN zz.b IS 'b';
COMMENT ON COLUMN zz.a IS 'a';
CREATE TABLE aa (id int, u int, v int, CONSTRAINT aa_pk PRIMARY KEY (id) DEFERRABLE, CONSTRAINT zfk FOREIGN KEY (u) REFERENCES zz(id) DEFERRABLE,
  CONSTRAINT afk FOREIGN KEY (v) REFERENCES zz(id) DEFERRABLE, CONSTRAINT bu UNIQUE (u) DEFERRABLE);
CREATE TABLE bb (id int, u int, w int, CONSTRAINT zz_pk PRIMARY KEY (id) DEFERRABLE, CONSTRAINT ab UNIQUE (u) DEFERRABLE,
  CONSTRAINT aaa_fk FOREIGN KEY (w) REFERENCES zz(id) DEFERRABLE);
CREATE TABLE empty_t ();
CREATE TABLE "1x" (id int PRIMARY KEY, "9" int, "8" int, ok int);

/*
model x {
  id Int  @id
  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*
  // 9 Int? @map("9")
  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*
  // 8 Int? @map("8")
  ok Int?

  @@map("1x")
}

/// This model has constraints using non-default deferring rules and requires additional setup for migrations. Visit https://pris.ly/d/constraint-deferring for more info.
model aa {
  id          Int  @id(map: "aa_pk")
  u           Int? @unique(map: "bu")
  v           Int?
  zz_aa_vTozz zz?  @relation("aa_vTozz", fields: [v], references: [id], onDelete: NoAction, onUpdate: NoAction, map: "afk")
  zz_aa_uTozz zz?  @relation("aa_uTozz", fields: [u], references: [id], onDelete: NoAction, onUpdate: NoAction, map: "zfk")
}

/// This model has constraints using non-default deferring rules and requires additional setup for migrations. Visit https://pris.ly/d/constraint-deferring for more info.
model bb {
  id Int  @id(map: "zz_pk")
  u  Int? @unique(map: "ab")
  w  Int?
  zz zz?  @relation(fields: [w], references: [id], onDelete: NoAction, onUpdate: NoAction, map: "aaa_fk")
}

/// We could not retrieve columns for the underlying table. Either it has none or you are missing rights to see them. Please check your privileges.
// model empty_t {
// }

/// This model or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments
model zz {
  id          Int  @id
  b           Int?
  a           Int?
  aa_aa_vTozz aa[] @relation("aa_vTozz")
  aa_aa_uTozz aa?  @relation("aa_uTozz")
  bb          bb[]
}
*/
