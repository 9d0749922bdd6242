CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT DEFAULT (lower('X')), b INT DEFAULT -5, c BOOLEAN DEFAULT false, d DATETIME DEFAULT '2020-01-01 00:00:00', e JSONB, f FLOAT, g SOMETHING, h BIGINT DEFAULT 3, i BLOB DEFAULT x'0102', j TEXT NOT NULL DEFAULT 'it''s');
CREATE UNIQUE INDEX t_a_b ON t(a DESC, b);
CREATE TABLE "_AToB" ("A" INTEGER NOT NULL REFERENCES t(id), "B" INTEGER NOT NULL REFERENCES t(id));
CREATE UNIQUE INDEX "_AToB_AB_unique" ON "_AToB"("A", "B");
CREATE INDEX "_AToB_B_index" ON "_AToB"("B");

/*
model t {
  id  Int                       @id @default(autoincrement())
  a   String?                   @default("lower('X')")
  b   Int?                      @default(-5)
  c   Boolean?                  @default(false)
  d   DateTime?                 @default(dbgenerated("'2020-01-01 00:00:00'"))
  e   Json?
  f   Float?
  g   Unsupported("something")?
  h   BigInt?                   @default(3)
  i   Bytes?                    @default(dbgenerated("x'0102'"))
  j   String                    @default("it's")
  t_A t[]                       @relation("AToB")
  t_B t[]                       @relation("AToB")

  @@unique([a(sort: Desc), b], map: "t_a_b")
}
*/
