-- Re-introspection notes, as Prisma 6.19.3 writes them: the previous documentation stays as
-- written (a stale note too); a model already in the schema gets no new row level security or
-- comments note; the null ordering note comes for an index new to the schema; the expression
-- index note always, never twice; a new model gets its notes.
CREATE TABLE a (id int PRIMARY KEY);
ALTER TABLE a ENABLE ROW LEVEL SECURITY;
COMMENT ON TABLE a IS 'x';
CREATE TABLE b (id int PRIMARY KEY, x int);
CREATE INDEX bx ON b ((x + 1));
CREATE TABLE c (id int PRIMARY KEY);
CREATE TABLE g (id int PRIMARY KEY, x int);
CREATE INDEX gx ON g (x DESC NULLS LAST);
CREATE TABLE k (id int PRIMARY KEY);
CREATE INDEX ki ON k (id DESC NULLS LAST);
CREATE TABLE newt (id int PRIMARY KEY);
ALTER TABLE newt ENABLE ROW LEVEL SECURITY;

/* previous
model a {
  id Int @id
}

/// This model contains an expression index which requires additional setup for migrations. Visit https://pris.ly/d/expression-indexes for more info.
model b {
  id Int  @id
  x  Int?
}

/// user doc
/// This model contains row level security and requires additional setup for migrations. Visit https://pris.ly/d/row-level-security for more info.
model c {
  id Int @id
}

model g {
  id Int  @id
  x  Int?
}

/// kept
model k {
  id Int @id

  @@index([id(sort: Desc)], map: "ki")
}
*/

/*
model a {
  id Int @id
}

/// This model contains an expression index which requires additional setup for migrations. Visit https://pris.ly/d/expression-indexes for more info.
model b {
  id Int  @id
  x  Int?
}

/// user doc
/// This model contains row level security and requires additional setup for migrations. Visit https://pris.ly/d/row-level-security for more info.
model c {
  id Int @id
}

/// This model contains an index with non-default null sort order and requires additional setup for migrations. Visit https://pris.ly/d/default-index-null-ordering for more info.
model g {
  id Int  @id
  x  Int?

  @@index([x(sort: Desc)], map: "gx")
}

/// kept
model k {
  id Int @id

  @@index([id(sort: Desc)], map: "ki")
}

/// This model contains row level security and requires additional setup for migrations. Visit https://pris.ly/d/row-level-security for more info.
model newt {
  id Int @id
}
*/
