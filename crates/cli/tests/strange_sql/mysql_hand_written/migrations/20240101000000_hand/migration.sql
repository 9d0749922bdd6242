-- Written by hand in MySQL's own spellings.
CREATE TABLE IF NOT EXISTS `Item` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(120) COLLATE utf8mb4_bin NOT NULL COMMENT 'display name; unique per kind',
  `active` tinyint(1) NOT NULL DEFAULT '1',
  `kind` enum('small','large') NOT NULL DEFAULT 'small',
  `price` decimal(8,3) NOT NULL DEFAULT '0.000',
  `big` bigint DEFAULT NULL,
  `data` json DEFAULT NULL,
  `note` text,
  `createdAt` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `updatedAt` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `parentId` int unsigned DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `Item_name_kind_key` (`name`,`kind`),
  KEY `Item_parentId_idx` (`parentId`),
  CONSTRAINT `Item_parentId_fkey` FOREIGN KEY (`parentId`) REFERENCES `Item` (`id`) ON DELETE SET NULL ON UPDATE CASCADE
) ENGINE=InnoDB AUTO_INCREMENT=1000 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='catalogue; hand-written';

INSERT INTO `Item` (`name`) VALUES ('first'), ('it\'s; second');
