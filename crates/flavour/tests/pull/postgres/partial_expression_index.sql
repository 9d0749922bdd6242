-- A partial index is invisible to Prisma 6.19.3's introspection, expressions or not: no
-- expression index note on its model (and no warning), while a plain expression index gets one.
-- Seen in a real history: a daily dedupe key `(… , (floor(extract(epoch from ts) / 86400))) WHERE …`.
CREATE TABLE p (id int PRIMARY KEY, t text, ts timestamp(3), k text);
CREATE UNIQUE INDEX p_daily ON p (t, (floor(extract(epoch FROM ts) / 86400))) WHERE k IN ('x', 'y') AND t IS NOT NULL;
CREATE TABLE q (id int PRIMARY KEY, t text);
CREATE INDEX q_lower ON q ((lower(t)));

/*
model p {
  id Int       @id
  t  String?
  ts DateTime?
  k  String?
}

/// This model contains an expression index which requires additional setup for migrations. Visit https://pris.ly/d/expression-indexes for more info.
model q {
  id Int     @id
  t  String?
}
*/
