-- Datetime defaults: only now() / CURRENT_TIMESTAMP are read; any literal (and a list of them)
-- stays the database's expression, as Prisma 6.19.3 pulls it.
CREATE TABLE dt (
  id int PRIMARY KEY,
  a timestamp DEFAULT '2020-01-01',
  b timestamptz DEFAULT 'infinity',
  c date DEFAULT '2020-01-02',
  d timestamp[] DEFAULT '{2020-01-01}',
  e time DEFAULT '10:00',
  f timestamp(3) DEFAULT now(),
  g timestamp DEFAULT CURRENT_TIMESTAMP
);

/*
model dt {
  id Int        @id
  a  DateTime?  @default(dbgenerated("'2020-01-01 00:00:00'::timestamp without time zone")) @db.Timestamp(6)
  b  DateTime?  @default(dbgenerated("'infinity'::timestamp with time zone")) @db.Timestamptz(6)
  c  DateTime?  @default(dbgenerated("'2020-01-02'::date")) @db.Date
  d  DateTime[] @default(dbgenerated("'{\"2020-01-01 00:00:00\"}'::timestamp without time zone[]")) @db.Timestamp
  e  DateTime?  @default(dbgenerated("'10:00:00'::time without time zone")) @db.Time(6)
  f  DateTime?  @default(now())
  g  DateTime?  @default(now()) @db.Timestamp(6)
}
*/
