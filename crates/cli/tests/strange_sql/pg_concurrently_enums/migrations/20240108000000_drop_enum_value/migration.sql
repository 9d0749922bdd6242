-- AlterEnum
BEGIN;
CREATE TYPE "Role_new" AS ENUM ('USER', 'OWNER');
ALTER TABLE "Member" ALTER COLUMN "role" DROP DEFAULT;
ALTER TABLE "Member" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
ALTER TYPE "Role" RENAME TO "Role_old";
ALTER TYPE "Role_new" RENAME TO "Role";
DROP TYPE "Role_old";
ALTER TABLE "Member" ALTER COLUMN "role" SET DEFAULT 'OWNER';
COMMIT;

