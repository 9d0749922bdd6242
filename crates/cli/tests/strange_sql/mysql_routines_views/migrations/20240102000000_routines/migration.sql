-- Triggers and routines without DELIMITER: the server parses the compound bodies itself.
CREATE TRIGGER `Line_after_insert` AFTER INSERT ON `Line`
FOR EACH ROW
BEGIN
  UPDATE `Invoice` SET `total` = `total` + NEW.`amount` WHERE `id` = NEW.`invoiceId`;
END;

CREATE TRIGGER `Invoice_number_upper` BEFORE INSERT ON `Invoice` FOR EACH ROW SET NEW.`number` = UPPER(NEW.`number`);

CREATE PROCEDURE `recompute_totals`()
BEGIN
  DECLARE done INT DEFAULT 0;
  UPDATE `Invoice` i SET i.`total` = (SELECT COALESCE(SUM(l.`amount`), 0) FROM `Line` l WHERE l.`invoiceId` = i.`id`);
  SELECT 'done; really' AS `message`;
END;

CREATE FUNCTION `vat`(amount DECIMAL(10,2)) RETURNS DECIMAL(10,2) DETERMINISTIC
RETURN amount * 0.2;

# a hash comment; with a semicolon
CREATE VIEW `InvoiceTotals` AS SELECT i.`id`, i.`number`, SUM(l.`amount`) AS `sum` FROM `Invoice` i LEFT JOIN `Line` l ON l.`invoiceId` = i.`id` GROUP BY i.`id`, i.`number`;

INSERT INTO `Invoice` (`number`, `total`, `updatedAt`) VALUES ('inv-1', 0, NOW(3));
INSERT INTO `Line` (`invoiceId`, `label`, `amount`) VALUES (1, 'it''s \'quoted\'; ok', 12.50);
CALL `recompute_totals`();
