-- The 首页 of a province reads 250,000 records to compute its figures
-- (seconds); kept here, they show at once when the window opens again.
-- generation counts committed write transactions: a cached year is good
-- only while nothing was written since it was computed.
CREATE TABLE changes (generation INTEGER NOT NULL);
INSERT INTO changes (generation) VALUES (0);

CREATE TABLE figures_cache (
    year    INTEGER PRIMARY KEY,
    key     TEXT NOT NULL,  -- generation and the program that computed it
    figures BLOB NOT NULL   -- the Figures as check --json has them
);
