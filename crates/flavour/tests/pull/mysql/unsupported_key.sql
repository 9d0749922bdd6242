-- A key over an Unsupported column is no identifier (Prisma's has_usable_identifier), even
-- with a length prefix: the model is ignored.
CREATE TABLE g (id GEOMETRY NOT NULL, PRIMARY KEY (id(25)));
CREATE TABLE g2 (id INT NOT NULL, geo POINT NOT NULL, UNIQUE KEY (geo(25)));

/*
/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.
model g {
  id Unsupported("geometry") @id(length: 25)

  @@ignore
}

/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.
model g2 {
  id  Int
  geo Unsupported("point") @unique(map: "geo", length: 25)

  @@ignore
}
*/
