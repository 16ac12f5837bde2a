-- Targets become overrides of the defaults (measures.md, "Targets sent
-- down"): a stored row replaces the default of its indicator and 分类, or,
-- removed, takes it away; a year without rows has the defaults. assigned is
-- the value the level above's 任务清单 set, kept when the clerk changes it.
ALTER TABLE targets ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE targets ADD COLUMN assigned REAL;

-- A year stored before was a whole set: the defaults it left out (and the
-- 'none' row's year, all of them) stay out.
INSERT INTO targets (year, indicator, categories, value, removed)
SELECT y.year, d.indicator, '', 0, 1
FROM (SELECT DISTINCT year FROM targets) y
JOIN (SELECT 'secondment' AS indicator, 0 AS from_year
      UNION ALL SELECT 'progression', 2025
      UNION ALL SELECT 'coverage', 2026) d ON y.year >= d.from_year
WHERE NOT EXISTS (SELECT 1 FROM targets t WHERE t.year = y.year AND t.indicator = d.indicator AND t.categories = '');
DELETE FROM targets WHERE indicator = 'none';

-- A lower unit's targets as its data file carried them, with what its
-- level above had assigned.
ALTER TABLE unit_targets ADD COLUMN assigned REAL;

-- The targets this unit assigns to each unit under it (任务清单).
CREATE TABLE assigned_targets (
    unit_code  TEXT NOT NULL,
    year       INTEGER NOT NULL,
    indicator  TEXT NOT NULL,
    categories TEXT NOT NULL DEFAULT '',
    value      REAL NOT NULL,
    PRIMARY KEY (unit_code, year, indicator, categories)
);
