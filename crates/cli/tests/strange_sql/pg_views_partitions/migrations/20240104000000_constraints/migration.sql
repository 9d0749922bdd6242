CREATE EXTENSION IF NOT EXISTS btree_gist;

-- CreateTable
CREATE TABLE "Booking" (
    "id" SERIAL NOT NULL,
    "room" INTEGER NOT NULL,
    "during" tsrange NOT NULL,

    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "Booking" ADD CONSTRAINT "Booking_no_overlap" EXCLUDE USING gist ("room" WITH =, "during" WITH &&);
ALTER TABLE "Order" ADD CONSTRAINT "Order_amount_positive" CHECK ("amount" > 0);
ALTER TABLE "Order" ADD CONSTRAINT "Order_status_known" CHECK ("status" IN ('new', 'paid', 'shipped'));
