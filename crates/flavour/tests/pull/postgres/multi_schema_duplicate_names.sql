-- schemas: 1first,second_schema
-- Tables of the same (sanitized) name in two schemas become `{schema}_{table}` models with
-- `@@map`, as Prisma 6.19.3 names them; relation fields keep the table's name.
CREATE SCHEMA "1first"; CREATE SCHEMA second_schema;
CREATE TABLE "1first"."2A" (id int PRIMARY KEY);
CREATE TABLE second_schema."1A" (id int PRIMARY KEY);
CREATE TABLE "1first".tbl (id int PRIMARY KEY);
CREATE TABLE second_schema.tbl (id int PRIMARY KEY, fst int REFERENCES "1first".tbl(id));
CREATE TABLE second_schema.only (id int PRIMARY KEY);

/*
model first_2A {
  id Int @id

  @@map("2A")
  @@schema("1first")
}

model first_tbl {
  id  Int                 @id
  tbl second_schema_tbl[]

  @@map("tbl")
  @@schema("1first")
}

model second_schema_1A {
  id Int @id

  @@map("1A")
  @@schema("second_schema")
}

model only {
  id Int @id

  @@schema("second_schema")
}

model second_schema_tbl {
  id  Int        @id
  fst Int?
  tbl first_tbl? @relation(fields: [fst], references: [id], onDelete: NoAction, onUpdate: NoAction)

  @@map("tbl")
  @@schema("second_schema")
}
*/
