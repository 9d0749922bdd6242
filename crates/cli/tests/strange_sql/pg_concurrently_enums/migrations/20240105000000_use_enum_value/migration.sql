-- AlterTable
ALTER TABLE "Member" ALTER COLUMN "role" SET DEFAULT 'OWNER';
UPDATE "Member" SET "role" = 'OWNER' WHERE "id" = 1;
