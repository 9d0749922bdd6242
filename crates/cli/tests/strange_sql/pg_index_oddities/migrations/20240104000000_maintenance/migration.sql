-- Maintenance that cannot run in a transaction block, between ordinary statements.
UPDATE "User" SET "score" = 0 WHERE "score" IS NULL;
VACUUM (ANALYZE) "User";
REINDEX TABLE CONCURRENTLY "Session";
ALTER INDEX "Session_token_incl_idx" SET (fillfactor = 80);
CLUSTER "Session" USING "Session_pkey";
