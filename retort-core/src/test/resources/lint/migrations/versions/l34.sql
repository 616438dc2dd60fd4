-- @revision id=l34 parents=l33 message="sql without suppression"
UPDATE account SET level = 3 WHERE level = 2;
