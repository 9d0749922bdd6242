-- preview: views
-- A view without columns is left out, as Prisma 6.19.3 does.
CREATE TABLE t (id int PRIMARY KEY);
CREATE VIEW empty AS SELECT;
CREATE VIEW v AS SELECT id FROM t;

/*
model t {
  id Int @id
}

view v {
  id Int?
}
*/
