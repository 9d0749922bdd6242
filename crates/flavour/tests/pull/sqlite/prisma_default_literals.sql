-- Hand-written defaults as Prisma 6.19.3's `db pull --print` reads them (checked with the CLI):
-- quoted digits are numbers, quoted words are not booleans, `+7` and `' 7'` stay expressions,
-- a float keeps its scale (`1.50`) and exponents are expanded (`1e3` is 1000).
CREATE TABLE "B" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "b1" BOOLEAN DEFAULT TRUE,
    "b2" BOOLEAN DEFAULT 'TRUE',
    "b3" BOOLEAN DEFAULT '1',
    "b4" BOOLEAN DEFAULT 1,
    "b5" BOOLEAN DEFAULT (1),
    "b6" BOOLEAN DEFAULT 'false',
    "b7" BOOLEAN DEFAULT "true",
    "b8" BOOLEAN DEFAULT True,
    "b9" BOOLEAN DEFAULT ('0'),
    "i1" INTEGER DEFAULT '7',
    "i2" INTEGER DEFAULT (7),
    "i3" INTEGER DEFAULT +7,
    "i4" INTEGER DEFAULT ' 7',
    "i5" BIGINT DEFAULT '-9',
    "f1" REAL DEFAULT '1.50',
    "f2" REAL DEFAULT (1.5),
    "f3" REAL DEFAULT 1e3,
    "f4" DECIMAL DEFAULT .5,
    "s1" TEXT DEFAULT ('x'),
    "s2" TEXT DEFAULT "dq",
    "s3" TEXT DEFAULT 5,
    "s4" TEXT DEFAULT 'a''b',
    "d1" DATETIME DEFAULT (datetime('now')),
    "d2" DATETIME DEFAULT (CURRENT_TIMESTAMP),
    "d3" DATETIME DEFAULT CURRENT_TIMESTAMP,
    "d4" DATETIME DEFAULT 1700000000
);

/*
model B {
  id Int       @id @default(autoincrement())
  b1 Boolean?  @default(true)
  b2 Boolean?  @default(dbgenerated("'TRUE'"))
  b3 Boolean?  @default(true)
  b4 Boolean?  @default(true)
  b5 Boolean?  @default(true)
  b6 Boolean?  @default(dbgenerated("'false'"))
  b7 Boolean?  @default(dbgenerated("\"true\""))
  b8 Boolean?  @default(true)
  b9 Boolean?  @default(false)
  i1 Int?      @default(7)
  i2 Int?      @default(7)
  i3 Int?      @default(dbgenerated("+7"))
  i4 Int?      @default(dbgenerated("' 7'"))
  i5 BigInt?   @default(-9)
  f1 Float?    @default(1.50)
  f2 Float?    @default(1.5)
  f3 Float?    @default(1000)
  f4 Decimal?  @default(0.5)
  s1 String?   @default("x")
  s2 String?   @default("dq")
  s3 String?   @default("5")
  s4 String?   @default("a'b")
  d1 DateTime? @default(now())
  d2 DateTime? @default(now())
  d3 DateTime? @default(now())
  d4 DateTime? @default(dbgenerated("1700000000"))
}
*/
