-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "auth";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "auth"."Role" AS ENUM ('MEMBER', 'ADMIN');

-- CreateTable
CREATE TABLE "auth"."Account" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "role" "auth"."Role" NOT NULL DEFAULT 'MEMBER',

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "public"."Profile" (
    "id" SERIAL NOT NULL,
    "accountId" INTEGER NOT NULL,
    "bio" TEXT,
    "roles" "auth"."Role"[],

    CONSTRAINT "Profile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_email_key" ON "auth"."Account"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Profile_accountId_key" ON "public"."Profile"("accountId");

-- AddForeignKey
ALTER TABLE "public"."Profile" ADD CONSTRAINT "Profile_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "auth"."Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

