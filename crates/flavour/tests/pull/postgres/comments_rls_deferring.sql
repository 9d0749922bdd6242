CREATE TABLE t2 (id int PRIMARY KEY, d int);
COMMENT ON COLUMN t2.d IS 'col comment';
ALTER TABLE t2 ENABLE ROW LEVEL SECURITY;
CREATE TABLE t3 (id int PRIMARY KEY, r int REFERENCES t2(id) DEFERRABLE);

/*
/// This model or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments
/// This model contains row level security and requires additional setup for migrations. Visit https://pris.ly/d/row-level-security for more info.
model t2 {
  id Int  @id
  d  Int?
  t3 t3[]
}

/// This model has constraints using non-default deferring rules and requires additional setup for migrations. Visit https://pris.ly/d/constraint-deferring for more info.
model t3 {
  id Int  @id
  r  Int?
  t2 t2?  @relation(fields: [r], references: [id], onDelete: NoAction, onUpdate: NoAction)
}
*/
