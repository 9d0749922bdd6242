-- Commented-out fields that end a model with attributes come after the blank line that opens
-- the attribute section, as Prisma 6.19.3 writes them; elsewhere they stay among the fields.
CREATE TABLE "1x" (id int PRIMARY KEY, "9" int, "8" int);
CREATE TABLE "1y" (id int PRIMARY KEY, "9" int, name text);
CREATE TABLE y2 (id int PRIMARY KEY, "9" int);

/*
model x {
  id Int @id

  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*
  // 9 Int? @map("9")
  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*
  // 8 Int? @map("8")
  @@map("1x")
}

model y {
  id   Int     @id
  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*
  // 9 Int? @map("9")
  name String?

  @@map("1y")
}

model y2 {
  id Int @id
  /// This field was commented out because of an invalid name. Please provide a valid one that matches [a-zA-Z][a-zA-Z0-9_]*
  // 9 Int? @map("9")
}
*/
