-- schemas: first,second
-- Enums of the same name in two schemas become `{schema}_{enum}` with `@@map`, as Prisma 6.19.3
-- names them; each column gets the enum of its own type's schema, and a renamed enum keeps its
-- database name's place among the enums.
CREATE SCHEMA first; CREATE SCHEMA second;
CREATE TYPE first."Mood" AS ENUM ('happy'); CREATE TYPE second."Mood" AS ENUM ('sad');
CREATE TYPE second."Other" AS ENUM ('x');
CREATE TABLE second.p (id int PRIMARY KEY, m second."Mood", n first."Mood", l first."Mood"[], o second."Other");

/*
model p {
  id Int          @id
  m  second_Mood?
  n  first_Mood?
  l  first_Mood[]
  o  Other?

  @@schema("second")
}

enum first_Mood {
  happy

  @@map("Mood")
  @@schema("first")
}

enum second_Mood {
  sad

  @@map("Mood")
  @@schema("second")
}

enum Other {
  x

  @@schema("second")
}
*/
