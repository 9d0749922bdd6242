-- preview: views
-- View columns get the same types as table columns (Prisma 6.19.3 db pull): xml, bit, inet,
-- an unconstrained time is Time(6), `now()` is Timestamptz(6), unsupported arrays `_x`.
CREATE TABLE "T" (id int PRIMARY KEY, x xml, b bit(4), t time, ip inet, r int4range[], ts timestamp);
CREATE VIEW "V" AS SELECT x, b, t, ip, r, ts, now() AS at FROM "T";

/*
model T {
  id Int                         @id
  x  String?                     @db.Xml
  b  String?                     @db.Bit(4)
  t  DateTime?                   @db.Time(6)
  ip String?                     @db.Inet
  r  Unsupported("_int4range")[]
  ts DateTime?                   @db.Timestamp(6)
}

view V {
  x  String?                     @db.Xml
  b  String?                     @db.Bit(4)
  t  DateTime?                   @db.Time(6)
  ip String?                     @db.Inet
  r  Unsupported("_int4range")[]
  ts DateTime?                   @db.Timestamp(6)
  at DateTime?                   @db.Timestamptz(6)
}
*/
