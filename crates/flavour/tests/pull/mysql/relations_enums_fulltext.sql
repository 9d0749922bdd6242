CREATE TABLE `User` (
  `id` INT NOT NULL AUTO_INCREMENT,
  `email` VARCHAR(191) NOT NULL,
  `name` VARCHAR(100) NULL DEFAULT 'x',
  `bio` TEXT NULL,
  `active` TINYINT(1) NOT NULL DEFAULT 1,
  `role` ENUM('ADMIN', 'USER') NOT NULL DEFAULT 'USER',
  `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `big` BIGINT UNSIGNED NULL,
  UNIQUE INDEX `User_email_key`(`email`),
  PRIMARY KEY (`id`)
);
CREATE TABLE `Post` (
  `id` INT NOT NULL AUTO_INCREMENT,
  `authorId` INT NOT NULL,
  `title` VARCHAR(191) NOT NULL,
  INDEX `Post_authorId_idx`(`authorId`),
  FULLTEXT INDEX `Post_title_idx`(`title`),
  PRIMARY KEY (`id`),
  CONSTRAINT `Post_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE
);

/*
model Post {
  id       Int    @id @default(autoincrement())
  authorId Int
  title    String
  User     User   @relation(fields: [authorId], references: [id])

  @@index([authorId])
  @@fulltext([title])
}

model User {
  id        Int       @id @default(autoincrement())
  email     String    @unique
  name      String?   @default("x") @db.VarChar(100)
  bio       String?   @db.Text
  active    Boolean   @default(true)
  role      User_role @default(USER)
  createdAt DateTime  @default(now())
  big       BigInt?   @db.UnsignedBigInt
  Post      Post[]
}

enum User_role {
  ADMIN
  USER
}
*/
