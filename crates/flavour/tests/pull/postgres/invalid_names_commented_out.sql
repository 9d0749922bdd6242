CREATE TABLE "T" (id int PRIMARY KEY, "123" int, "__" text, "ok" int);
CREATE TYPE "E" AS ENUM ($$1$$, $$-$$, $$a b$$);
CREATE TABLE "U" (id int primary key, e "E" DEFAULT $$-$$);

/*
model T {
  id Int  @id
  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*
  // 123 Int? @map("123")
  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*
  // __ String? @map("__")
  ok Int?
}

model U {
  id Int @id
  e  E?  @default(dbgenerated("-"))
}

enum E {
  // 1 @map("1")
  // - @map("-")
  a_b @map("a b")
}
*/
