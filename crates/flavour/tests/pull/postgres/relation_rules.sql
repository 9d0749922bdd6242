-- Relation rules of Prisma 6.19.3: an ambiguous self-relation's back field is
-- `other_{model}_{relation}`; a composite foreign key's default onDelete is SetNull only when
-- all its columns are nullable; the back relation is one-to-one when the foreign key columns
-- contain the primary key or a unique index.
CREATE TABLE node (id int PRIMARY KEY, a int REFERENCES node(id), b int REFERENCES node(id));
CREATE TABLE pair (x int, y int, PRIMARY KEY (x, y));
CREATE TABLE mixed_set_null (id int PRIMARY KEY, a int NOT NULL, b int, FOREIGN KEY (a, b) REFERENCES pair(x, y) ON DELETE SET NULL);
CREATE TABLE mixed_restrict (id int PRIMARY KEY, a int NOT NULL, b int, FOREIGN KEY (a, b) REFERENCES pair(x, y) ON DELETE RESTRICT);
CREATE TABLE all_nullable (id int PRIMARY KEY, a int, b int, FOREIGN KEY (a, b) REFERENCES pair(x, y) ON DELETE SET NULL);
CREATE TABLE contains_pk (id int PRIMARY KEY, y int, FOREIGN KEY (id, y) REFERENCES pair(x, y));
CREATE TABLE contains_unique (id int PRIMARY KEY, a int UNIQUE, b int, FOREIGN KEY (b, a) REFERENCES pair(x, y));
CREATE TABLE within_unique (id int PRIMARY KEY, a int, b int, UNIQUE (a, b), FOREIGN KEY (a) REFERENCES node(id));

/*
model all_nullable {
  id   Int   @id
  a    Int?
  b    Int?
  pair pair? @relation(fields: [a, b], references: [x, y], onUpdate: NoAction)
}

model contains_pk {
  id   Int   @id
  y    Int?
  pair pair? @relation(fields: [id, y], references: [x, y], onDelete: NoAction, onUpdate: NoAction)
}

model contains_unique {
  id   Int   @id
  a    Int?  @unique
  b    Int?
  pair pair? @relation(fields: [b, a], references: [x, y], onDelete: NoAction, onUpdate: NoAction)
}

model mixed_restrict {
  id   Int   @id
  a    Int
  b    Int?
  pair pair? @relation(fields: [a, b], references: [x, y], onUpdate: NoAction)
}

model mixed_set_null {
  id   Int   @id
  a    Int
  b    Int?
  pair pair? @relation(fields: [a, b], references: [x, y], onDelete: SetNull, onUpdate: NoAction)
}

model node {
  id                      Int             @id
  a                       Int?
  b                       Int?
  node_node_aTonode       node?           @relation("node_aTonode", fields: [a], references: [id], onDelete: NoAction, onUpdate: NoAction)
  other_node_node_aTonode node[]          @relation("node_aTonode")
  node_node_bTonode       node?           @relation("node_bTonode", fields: [b], references: [id], onDelete: NoAction, onUpdate: NoAction)
  other_node_node_bTonode node[]          @relation("node_bTonode")
  within_unique           within_unique[]
}

model pair {
  x               Int
  y               Int
  all_nullable    all_nullable[]
  contains_pk     contains_pk?
  contains_unique contains_unique?
  mixed_restrict  mixed_restrict[]
  mixed_set_null  mixed_set_null[]

  @@id([x, y])
}

model within_unique {
  id   Int   @id
  a    Int?
  b    Int?
  node node? @relation(fields: [a], references: [id], onDelete: NoAction, onUpdate: NoAction)

  @@unique([a, b])
}
*/
