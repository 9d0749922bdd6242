-- preview: views
CREATE TABLE "A" (id INTEGER NOT NULL PRIMARY KEY, label VARCHAR(20) NOT NULL, amount DECIMAL);
CREATE VIEW "B" AS SELECT id, label, amount FROM "A";

/*
model A {
  id     Int      @id @default(autoincrement())
  label  String
  amount Decimal?
}

view B {
  id     Int?
  label  String?
  amount Decimal?
}
*/
