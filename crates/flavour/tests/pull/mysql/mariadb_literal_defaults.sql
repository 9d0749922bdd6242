-- MariaDB defaults as Prisma's MySQL describer reads them (schema-engine/sql-schema-describer
-- mysql.rs): on MariaDB every default that is not a quoted string/enum or a number is an
-- expression, datetime literals too, so they pull as dbgenerated("('…')") (a DateTime value
-- would be `@default("2020-01-01")`, which is no valid schema). Numbers keep the scale the
-- catalog prints them at, as Prisma's BigDecimal does: DECIMAL(10,2) DEFAULT 0 is `0.00`.
CREATE TABLE `Event` (
  `id` INT NOT NULL AUTO_INCREMENT,
  `day` DATE NOT NULL DEFAULT '2020-01-01',
  `at` DATETIME(3) NULL DEFAULT '2020-01-01 10:00:00.000',
  `clock` TIME NOT NULL DEFAULT '16:20:00',
  `seen` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `flag` BIT(1) NOT NULL DEFAULT b'0',
  `token` CHAR(36) NOT NULL DEFAULT (uuid()),
  `note` VARCHAR(50) NOT NULL DEFAULT 'it''s',
  `price` DECIMAL(10,2) NOT NULL DEFAULT 0,
  `ratio` FLOAT(7,4) NULL DEFAULT 1.5,
  PRIMARY KEY (`id`)
);

/*
model Event {
  id    Int       @id @default(autoincrement())
  day   DateTime  @default(dbgenerated("('2020-01-01')")) @db.Date
  at    DateTime? @default(dbgenerated("('2020-01-01 10:00:00.000')"))
  clock DateTime  @default(dbgenerated("('16:20:00')")) @db.Time(0)
  seen  DateTime  @default(now())
  flag  Boolean   @default(dbgenerated("(b'0')")) @db.Bit(1)
  token String    @default(dbgenerated("(uuid())")) @db.Char(36)
  note  String    @default("it's") @db.VarChar(50)
  price Decimal   @default(0.00) @db.Decimal(10, 2)
  ratio Float?    @default(1.5000) @db.Float
}
*/
