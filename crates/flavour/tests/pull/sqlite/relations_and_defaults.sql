CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT DEFAULT 'anon',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "score" REAL DEFAULT 1.25,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "price" DECIMAL DEFAULT 2.5,
    "blob" BLOB
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE TABLE "Post" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "authorId" INTEGER NOT NULL,
    "reviewerId" INTEGER,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Post_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "Post_title_authorId_idx" ON "Post"("title", "authorId");
CREATE TABLE "Profile" (
    "userId" INTEGER NOT NULL PRIMARY KEY,
    "bio" TEXT,
    FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE
);
CREATE TABLE "Like" (
    "postId" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    PRIMARY KEY ("postId", "userId"),
    FOREIGN KEY ("postId") REFERENCES "Post" ("id")
);

/*
model Like {
  postId String
  userId Int
  Post   Post   @relation(fields: [postId], references: [id], onDelete: NoAction, onUpdate: NoAction)

  @@id([postId, userId])
}

model Post {
  id                         String @id
  title                      String
  authorId                   Int
  reviewerId                 Int?
  Like                       Like[]
  User_Post_reviewerIdToUser User?  @relation("Post_reviewerIdToUser", fields: [reviewerId], references: [id])
  User_Post_authorIdToUser   User   @relation("Post_authorIdToUser", fields: [authorId], references: [id])

  @@index([title, authorId])
}

model Profile {
  userId Int     @id @default(autoincrement())
  bio    String?
  User   User    @relation(fields: [userId], references: [id], onDelete: Cascade, onUpdate: NoAction)
}

model User {
  id                         Int      @id @default(autoincrement())
  email                      String   @unique
  name                       String?  @default("anon")
  active                     Boolean  @default(true)
  score                      Float?   @default(1.25)
  createdAt                  DateTime @default(now())
  price                      Decimal? @default(2.5)
  blob                       Bytes?
  Post_Post_reviewerIdToUser Post[]   @relation("Post_reviewerIdToUser")
  Post_Post_authorIdToUser   Post[]   @relation("Post_authorIdToUser")
  Profile                    Profile?
}
*/
