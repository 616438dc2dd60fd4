-- CreateSchema stratsim
CREATE SCHEMA `stratsim`;
-- CreateEnum stratsim.run_status
-- CreateTable stratsim.scenario
CREATE TABLE `stratsim`.`scenario` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `owner_id` bigint NOT NULL,
    `name` varchar(200) COLLATE `C` NOT NULL COMMENT 'it''s a \\ name',
    `parameters` json NOT NULL DEFAULT ('{}'),
    `seq` bigint NOT NULL AUTO_INCREMENT,
    PRIMARY KEY (`id`),
    CONSTRAINT `u1` UNIQUE (`owner_id`, `name`),
    CONSTRAINT `c1` CHECK (seq > 0),
    CONSTRAINT `scenario_owner_id_fkey` FOREIGN KEY (`owner_id`) REFERENCES `app`.`account` (`id`) ON DELETE CASCADE,
    CONSTRAINT `fk1` FOREIGN KEY (`owner_id`) REFERENCES `app`.`account` (`id`) ON UPDATE CASCADE,
    UNIQUE INDEX `ix` (`owner_id`)
) COMMENT = 'Scenarios';
-- AddColumn stratsim.scenario.extra
ALTER TABLE `stratsim`.`scenario` ADD COLUMN `extra` text DEFAULT ('x');
-- AlterColumn stratsim.scenario.name
ALTER TABLE `stratsim`.`scenario` MODIFY COLUMN `name` text COLLATE `C` NOT NULL AUTO_INCREMENT COMMENT 'c';
-- AlterColumn stratsim.scenario.extra
ALTER TABLE `stratsim`.`scenario` MODIFY COLUMN `extra` text;
-- CreateIndex stratsim.ix2
CREATE UNIQUE INDEX `ix2` ON `stratsim`.`scenario` (`name`(255), `seq`);
-- AddConstraint stratsim.scenario.u2
ALTER TABLE `stratsim`.`scenario` ADD CONSTRAINT `u2` UNIQUE (`seq`);
-- AddConstraint stratsim.scenario.c2
ALTER TABLE `stratsim`.`scenario` ADD CONSTRAINT `c2` CHECK (seq < 1e9);
-- AddConstraint stratsim.scenario.fk2
ALTER TABLE `stratsim`.`scenario` ADD CONSTRAINT `fk2` FOREIGN KEY (`owner_id`) REFERENCES `app`.`account` (`id`) ON DELETE SET NULL;
-- AddConstraint public.x.x_pkey
ALTER TABLE `x` ADD PRIMARY KEY (`a`, `b`);
-- SetTableComment stratsim.scenario
ALTER TABLE `stratsim`.`scenario` COMMENT = '';
-- AddEnumValue stratsim.run_status
-- RecreateEnum stratsim.run_status
-- CreateSequence public.s
-- refused: MySQL has no sequences (public.s)
-- AlterSequence public.s
-- refused: MySQL has no sequences (public.s)
-- CreateDomain public.email
-- refused: MySQL has no domains (public.email)
-- AlterDomain public.email
-- refused: MySQL has no domains (public.email)
-- Batch stratsim.scenario
ALTER TABLE `stratsim`.`scenario` DROP COLUMN `extra`;
ALTER TABLE `stratsim`.`scenario` RENAME COLUMN `name` TO `title`;
-- Batch stratsim.scenario
DROP INDEX `ix2` ON `stratsim`.`scenario`;
-- BulkInsert public.account
INSERT INTO `account` (`id`, `email`, `score`, `ok`, `note`) VALUES
    (1, 'a@b', 1.5, TRUE, NULL),
    (-2, 'c@d', -0.25, FALSE, 'n');
-- RenameTable public.x
ALTER TABLE `x` RENAME TO `y`;
-- Execute SQL
UPDATE t SET a = 'it''s' -- not a comment to Java;
-- CreateObject view public.v
-- ReplaceObject function public.f()
-- refused: mysql has no functions (function public.f()): declare it .only("postgresql") where it is written for PostgreSQL
-- DropObject trigger tr on public.account
DROP TRIGGER `tr`;
