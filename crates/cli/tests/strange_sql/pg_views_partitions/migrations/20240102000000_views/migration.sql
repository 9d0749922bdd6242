-- Views are not part of the schema (no `views` preview feature): they must not show as drift.
CREATE VIEW "ProductSales" AS
  SELECT p."id", p."sku", coalesce(sum(o."amount"), 0) AS "sold"
  FROM "Product" p LEFT JOIN "Order" o ON o."productId" = p."id"
  GROUP BY p."id", p."sku";

CREATE MATERIALIZED VIEW "ProductSalesSnapshot" AS SELECT * FROM "ProductSales" WITH NO DATA;
CREATE UNIQUE INDEX "ProductSalesSnapshot_id_idx" ON "ProductSalesSnapshot" ("id");
REFRESH MATERIALIZED VIEW "ProductSalesSnapshot";

-- A hand-made sequence used as a column default, and a generated column.
CREATE SEQUENCE ticket_seq START 1000 INCREMENT BY 5;
ALTER TABLE "Product" ADD COLUMN "ticketNo" BIGINT NOT NULL DEFAULT nextval('ticket_seq');
ALTER TABLE "Product" ADD COLUMN "total" INTEGER GENERATED ALWAYS AS ("price" * "quantity") STORED;
