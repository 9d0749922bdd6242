-- AlterTable
ALTER TABLE "Tag" ADD COLUMN "note" CHAR,
ADD COLUMN "flags" BIT,
ADD COLUMN "title" TEXT NOT NULL DEFAULT 'Ünïcödé – “quoted”';

COMMENT ON COLUMN "Tag"."title" IS 'a title;
over two lines';
