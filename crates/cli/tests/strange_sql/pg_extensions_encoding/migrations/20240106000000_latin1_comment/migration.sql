-- Commentaire écrit en Latin-1 (café) : not valid UTF-8.
COMMENT ON TABLE "Tag" IS 'tags; cafÃ©';
