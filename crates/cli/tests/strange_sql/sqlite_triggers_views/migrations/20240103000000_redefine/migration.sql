-- The view names "Note": drop it around the redefinition (SQLite checks views on RENAME).
DROP VIEW "NoteTitles";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Note" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Note" ("id", "title", "updatedAt") SELECT "id", "title", "updatedAt" FROM "Note";
DROP TABLE "Note";
ALTER TABLE "new_Note" RENAME TO "Note";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


CREATE VIEW "NoteTitles" AS SELECT "id", "title", "pinned" FROM "Note";
CREATE TRIGGER "Note_history" AFTER UPDATE OF "title" ON "Note"
FOR EACH ROW
BEGIN
  INSERT INTO "NoteHistory" ("noteId", "title") VALUES (OLD."id", OLD."title");
END;
