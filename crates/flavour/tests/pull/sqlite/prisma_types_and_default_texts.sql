-- Declared types and default texts as Prisma 6.19.3's `db pull --print` reads them (checked with
-- the CLI): JSON defaults keep their quotes, only the three `now` spellings are now(), types
-- outside Prisma's list (SMALLINT, DATETIME(3), STRING, ...) are Unsupported.
CREATE TABLE "C" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "s1" TEXT DEFAULT 'a\nb',
    "s2" TEXT DEFAULT (lower('X')),
    "s3" TEXT DEFAULT CURRENT_TIMESTAMP,
    "s4" TEXT DEFAULT '',
    "s5" TEXT DEFAULT x'41',
    "s6" TEXT DEFAULT -1,
    "j1" JSONB DEFAULT '{"a":1}',
    "j2" JSONB DEFAULT '[]',
    "j3" JSON DEFAULT ('{}'),
    "d1" DATETIME DEFAULT (datetime('now','localtime')),
    "d2" DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    "d3" DATETIME DEFAULT CURRENT_DATE,
    "d4" DATETIME DEFAULT '2020-01-01T00:00:00.000Z',
    "d5" DATETIME DEFAULT (datetime('now', 'localtime')),
    "d6" DATETIME DEFAULT (DATETIME('NOW')),
    "t1" DATETIME(3),
    "t2" TIMESTAMP,
    "t3" DATE,
    "t4" INT,
    "t5" SMALLINT,
    "t6" CHAR(3),
    "t7" NCHAR(3),
    "t8" VARYING CHARACTER(5),
    "t9" BIT,
    "t10" NUMBER,
    "t11" MONEY,
    "t12" UUID,
    "t13" STRING,
    "t14" FLOATING POINT,
    "t15" LONGTEXT,
    "t16" BYTEA,
    "t17" INTEGER(11),
    "t18" BIGINT(20),
    "t19" REAL(8,2),
    "t20" DOUBLE,
    "t21" DECIMAL(10,2)
);

/*
model C {
  id  Int                            @id @default(autoincrement())
  s1  String?                        @default("a\\nb")
  s2  String?                        @default("lower('X')")
  s3  String?                        @default("CURRENT_TIMESTAMP")
  s4  String?                        @default("")
  s5  String?                        @default("x'41'")
  s6  String?                        @default("-1")
  j1  Json?                          @default("'{\"a\":1}'")
  j2  Json?                          @default("'[]'")
  j3  Unsupported("json")?           @default(dbgenerated("'{}'"))
  d1  DateTime?                      @default(dbgenerated("datetime('now','localtime')"))
  d2  DateTime?                      @default(dbgenerated("strftime('%Y-%m-%dT%H:%M:%fZ','now')"))
  d3  DateTime?                      @default(dbgenerated("CURRENT_DATE"))
  d4  DateTime?                      @default(dbgenerated("'2020-01-01T00:00:00.000Z'"))
  d5  DateTime?                      @default(now())
  d6  DateTime?                      @default(now())
  t1  Unsupported("datetime(3)")?
  t2  DateTime?
  t3  DateTime?
  t4  Int?
  t5  Unsupported("smallint")?
  t6  String?
  t7  String?
  t8  String?
  t9  Unsupported("bit")?
  t10 Unsupported("number")?
  t11 Unsupported("money")?
  t12 Unsupported("uuid")?
  t13 Unsupported("string")?
  t14 Unsupported("floating point")?
  t15 Unsupported("longtext")?
  t16 Unsupported("bytea")?
  t17 Unsupported("integer(11)")?
  t18 Unsupported("bigint(20)")?
  t19 Unsupported("real(8,2)")?
  t20 Float?
  t21 Decimal?
}
*/
