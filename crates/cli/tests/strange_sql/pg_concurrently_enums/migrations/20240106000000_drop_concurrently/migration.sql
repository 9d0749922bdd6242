-- DropIndex
DROP INDEX CONCURRENTLY IF EXISTS "Member_name_idx";
