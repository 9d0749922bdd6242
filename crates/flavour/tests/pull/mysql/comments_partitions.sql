-- Prisma's MySQL describer reads table and column comments and `create_options = 'partitioned'`
-- (not verified with the oracle, which has no MySQL: reasoned from sql-schema-describer's
-- mysql.rs). A partitioned table with other create options is not seen as one (p2).
CREATE TABLE blocks (id INT AUTO_INCREMENT PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2;
CREATE TABLE c (id INT PRIMARY KEY COMMENT 'x', y INT, z INT COMMENT 'zz') COMMENT 't';
CREATE TABLE d (id INT PRIMARY KEY COMMENT 'only a column');
CREATE TABLE p2 (id INT PRIMARY KEY) STATS_PERSISTENT=0 PARTITION BY KEY (id) PARTITIONS 2;

/*
/// This table is a partition table and requires additional setup for migrations. Visit https://pris.ly/d/partition-tables for more info.
model blocks {
  id Int @id @default(autoincrement())
}

/// This model or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments
model c {
  id Int  @id
  y  Int?
  z  Int?
}

/// This model or at least one of its fields has comments in the database, and requires an additional setup for migrations: Read more: https://pris.ly/d/database-comments
model d {
  id Int @id
}

model p2 {
  id Int @id
}
*/
