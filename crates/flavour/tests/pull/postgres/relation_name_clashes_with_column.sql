CREATE TABLE "User" (id int PRIMARY KEY);
CREATE TABLE "Post" (id int PRIMARY KEY, "User" int REFERENCES "User"(id), "Post" int);

/*
model Post {
  id                   Int   @id
  User                 Int?
  Post                 Int?
  User_Post_UserToUser User? @relation("Post_UserToUser", fields: [User], references: [id], onDelete: NoAction, onUpdate: NoAction)
}

model User {
  id                   Int    @id
  Post_Post_UserToUser Post[] @relation("Post_UserToUser")
}
*/
