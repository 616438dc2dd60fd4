-- @revision id=l33 parents=l26 message="a data fix in SQL"
-- @lint ignore=raw-sql
UPDATE account SET level = 2 WHERE level = 1;
DELETE FROM memo WHERE body IS NULL;
