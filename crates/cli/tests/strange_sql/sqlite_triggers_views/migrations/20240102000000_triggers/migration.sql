-- Triggers with BEGIN … END bodies, a CASE inside one, and a view: not part of the schema.
CREATE TRIGGER "Note_history" AFTER UPDATE OF "title" ON "Note"
FOR EACH ROW
BEGIN
  INSERT INTO "NoteHistory" ("noteId", "title") VALUES (OLD."id", OLD."title");
  UPDATE "Note" SET "updatedAt" = CASE WHEN NEW."updatedAt" IS NULL THEN CURRENT_TIMESTAMP ELSE NEW."updatedAt" END WHERE "id" = NEW."id";
END;

CREATE VIEW "NoteTitles" AS SELECT "id", "title" FROM "Note";

CREATE TRIGGER "NoteTitles_insert" INSTEAD OF INSERT ON "NoteTitles"
BEGIN
  INSERT INTO "Note" ("title") VALUES (NEW."title" || ';');
END;

INSERT INTO "Note" ("title") VALUES ('first; "one"');
UPDATE "Note" SET "title" = 'renamed' WHERE "id" = 1;
