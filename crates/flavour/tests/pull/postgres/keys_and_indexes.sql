CREATE TABLE "Account" (
    provider text NOT NULL,
    "providerId" text NOT NULL,
    token varchar(12),
    flags bit(3) DEFAULT B'101',
    amount money,
    ip inet,
    body jsonb DEFAULT '{"a": 1}',
    big bigint DEFAULT 42 NOT NULL,
    ratio real DEFAULT 0.5,
    day date DEFAULT '2020-01-01',
    vector tsvector,
    CONSTRAINT "Account_pk" PRIMARY KEY (provider, "providerId")
);
CREATE UNIQUE INDEX "Account_token_big_key" ON "Account"(token, big);
CREATE INDEX "by_ip" ON "Account" USING hash (ip);
CREATE INDEX "Account_body_idx" ON "Account" USING gin (body jsonb_path_ops);
CREATE TABLE "Profile" (
    id text PRIMARY KEY,
    provider text NOT NULL,
    "providerId" text NOT NULL,
    "parentId" text,
    CONSTRAINT "profile_account" FOREIGN KEY (provider, "providerId") REFERENCES "Account"(provider, "providerId") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Profile_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Profile"(id) ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Profile_provider_providerId_key" ON "Profile"(provider, "providerId");
CREATE TABLE "Tag" (id serial PRIMARY KEY, label text);
CREATE TABLE "_ProfileToTag" ("A" text NOT NULL REFERENCES "Profile"(id) ON DELETE CASCADE ON UPDATE CASCADE, "B" int NOT NULL REFERENCES "Tag"(id) ON DELETE CASCADE ON UPDATE CASCADE, CONSTRAINT "_ProfileToTag_AB_pkey" PRIMARY KEY ("A", "B"));
CREATE INDEX "_ProfileToTag_B_index" ON "_ProfileToTag"("B");
CREATE TABLE "onlyunique" (code text NOT NULL UNIQUE, note text);
CREATE TABLE "nullableunique" (code text UNIQUE);

/*
model Account {
  provider   String
  providerId String
  token      String?                  @db.VarChar(12)
  flags      String?                  @default("101") @db.Bit(3)
  amount     Decimal?                 @db.Money
  ip         String?                  @db.Inet
  body       Json?                    @default("{\"a\": 1}")
  big        BigInt                   @default(42)
  ratio      Float?                   @default(0.5) @db.Real
  day        DateTime?                @default(dbgenerated("'2020-01-01'::date")) @db.Date
  vector     Unsupported("tsvector")?
  Profile    Profile?

  @@id([provider, providerId], map: "Account_pk")
  @@unique([token, big])
  @@index([body(ops: JsonbPathOps)], type: Gin)
  @@index([ip], map: "by_ip", type: Hash)
}

model Profile {
  id            String    @id
  provider      String
  providerId    String
  parentId      String?
  Profile       Profile?  @relation("ProfileToProfile", fields: [parentId], references: [id])
  other_Profile Profile[] @relation("ProfileToProfile")
  Account       Account   @relation(fields: [provider, providerId], references: [provider, providerId], onDelete: Cascade, map: "profile_account")
  Tag           Tag[]

  @@unique([provider, providerId])
}

model Tag {
  id      Int       @id @default(autoincrement())
  label   String?
  Profile Profile[]
}

/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.
model nullableunique {
  code String? @unique

  @@ignore
}

model onlyunique {
  code String  @unique
  note String?
}
*/
