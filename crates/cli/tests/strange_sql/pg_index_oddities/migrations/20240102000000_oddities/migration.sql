BEGIN;
-- Storage options, collations and a fill factor: invisible to the schema.
ALTER TABLE "Session" SET (fillfactor = 70);
ALTER TABLE "User" ALTER COLUMN "name" TYPE VARCHAR(100) COLLATE "C";
ALTER TABLE "User" ALTER COLUMN "name" SET STATISTICS 500;
CREATE UNLOGGED TABLE "scratch" ("k" text PRIMARY KEY, "v" jsonb);
DROP TABLE "scratch";
COMMIT;

-- Grants and a role-free security policy.
GRANT SELECT ON "User" TO PUBLIC;
ALTER TABLE "Session" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "own_sessions" ON "Session" USING (true);

-- Statistics objects and a rule.
CREATE STATISTICS "User_email_score_stats" (dependencies) ON "email", "score" FROM "User";
SET LOCAL lock_timeout = '5s';
ANALYZE "User";
