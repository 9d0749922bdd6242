-- Decimal and float defaults keep the scale they were written with, as Prisma 6.19.3 pulls
-- them (its describer reads them as BigDecimals): 1.50 stays 1.50, 2.0 stays 2.0.
CREATE TABLE "N" (
  "id" INT PRIMARY KEY,
  "n" NUMERIC(10,2) DEFAULT 1.50,
  "n2" NUMERIC(10,2) DEFAULT 10,
  "n3" NUMERIC(6,2) DEFAULT -1.50,
  "n4" NUMERIC DEFAULT 007.50,
  "r" REAL DEFAULT 1.50,
  "dd" DOUBLE PRECISION DEFAULT 2.0,
  "arr" NUMERIC(4,2)[] DEFAULT ARRAY[1.50, 2.0]
);

/*
model N {
  id  Int       @id
  n   Decimal?  @default(1.50) @db.Decimal(10, 2)
  n2  Decimal?  @default(10) @db.Decimal(10, 2)
  n3  Decimal?  @default(-1.50) @db.Decimal(6, 2)
  n4  Decimal?  @default(7.50) @db.Decimal
  r   Float?    @default(1.50) @db.Real
  dd  Float?    @default(2.0)
  arr Decimal[] @default([1.50, 2.0]) @db.Decimal(4, 2)
}
*/
