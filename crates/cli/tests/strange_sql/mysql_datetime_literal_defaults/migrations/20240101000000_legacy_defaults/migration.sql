-- Hand-written: literal date/time defaults, as legacy MySQL schemas have them.
CREATE TABLE `Subscription` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `startsOn` DATE NOT NULL DEFAULT '1970-01-01',
    `renewAt` DATETIME(3) NULL DEFAULT '2038-01-19 03:14:07.000',
    `sendAt` TIME NOT NULL DEFAULT '09:00:00',

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
