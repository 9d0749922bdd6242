-- AlterTable
ALTER TABLE "Member" ADD COLUMN "team" TEXT NOT NULL DEFAULT 'core';

-- CreateIndex
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Member_team_name_idx" ON "Member"("team", "name");

UPDATE "Member" SET "team" = 'core' WHERE "team" IS NULL;
