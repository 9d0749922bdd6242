CREATE TABLE "Page" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "touchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    "day" DATE NOT NULL DEFAULT now()::date,

    CONSTRAINT "Page_pkey" PRIMARY KEY ("id")
);

-- Hand-written: prefix searches.
CREATE INDEX "Page_slug_prefix_idx" ON "Page" ("slug" text_pattern_ops);
CREATE INDEX "Page_title_hash_idx" ON "Page" USING HASH ("title" varchar_pattern_ops);
