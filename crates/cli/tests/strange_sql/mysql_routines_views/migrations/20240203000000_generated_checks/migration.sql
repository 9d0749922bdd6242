-- A stored and a virtual generated column, a check constraint, and an online ALTER.
ALTER TABLE `Line` ADD COLUMN `amountCents` INTEGER AS (ROUND(`amount` * 100)) STORED;
ALTER TABLE `Line` ADD COLUMN `labelUpper` VARCHAR(255) AS (UPPER(`label`)) VIRTUAL;
ALTER TABLE `Line` ADD CONSTRAINT `Line_amount_positive` CHECK (`amount` >= 0);
CREATE INDEX `Line_label_idx` ON `Line`(`label`(10)) ALGORITHM=INPLACE LOCK=NONE;
