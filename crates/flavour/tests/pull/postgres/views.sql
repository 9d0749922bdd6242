-- preview: views
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE "A" (id serial PRIMARY KEY, label varchar(20) NOT NULL, amount numeric(10,2), m mood, tags text[], at timestamp(3));
CREATE VIEW "B" AS SELECT id, label, amount, m, tags, at FROM "A";
CREATE VIEW "1weird" AS SELECT id FROM "A";

/*
model A {
  id     Int       @id @default(autoincrement())
  label  String    @db.VarChar(20)
  amount Decimal?  @db.Decimal(10, 2)
  m      mood?
  tags   String[]
  at     DateTime?
}

view B {
  id     Int?
  label  String?   @db.VarChar(20)
  amount Decimal?  @db.Decimal(10, 2)
  m      mood?
  tags   String[]
  at     DateTime?
}

view weird {
  id Int?

  @@map("1weird")
}

enum mood {
  happy
  sad
}
*/
