-- schemas: one,two
CREATE SCHEMA one; CREATE SCHEMA two;
CREATE TYPE two.status AS ENUM ('on', 'off');
CREATE TABLE one."User" (id serial PRIMARY KEY, s two.status);
CREATE TABLE two."Post" (id serial PRIMARY KEY, "userId" int REFERENCES one."User"(id));
CREATE TABLE public.ignored_here (id int primary key);

/*
model User {
  id   Int     @id @default(autoincrement())
  s    status?
  Post Post[]

  @@schema("one")
}

model Post {
  id     Int   @id @default(autoincrement())
  userId Int?
  User   User? @relation(fields: [userId], references: [id], onDelete: NoAction, onUpdate: NoAction)

  @@schema("two")
}

enum status {
  on
  off

  @@schema("two")
}
*/
