-- The measures of shared/spec/measures.md: agreements, classes and carriers.

CREATE TABLE agreements (
    id            INTEGER PRIMARY KEY,
    school_id     INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,            -- 合作协议 or 合作意向书
    signed_date   TEXT NOT NULL,
    expiry_date   TEXT NOT NULL DEFAULT '', -- '' = open-ended
    contents      TEXT NOT NULL DEFAULT '', -- 合作内容 joined by '、'
    UNIQUE (school_id, enterprise_id, name, signed_date)
);
CREATE INDEX agreements_enterprise ON agreements (enterprise_id);

CREATE TABLE classes (
    id            INTEGER PRIMARY KEY,
    school_id     INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,                -- 培养类型
    major_code    TEXT NOT NULL DEFAULT '',     -- '' only for 企业新型学徒制
    enterprise_id INTEGER REFERENCES enterprises (id) ON DELETE SET NULL,
    students      INTEGER NOT NULL,
    UNIQUE (school_id, year, name)
);
CREATE INDEX classes_year ON classes (year);
CREATE INDEX classes_enterprise ON classes (enterprise_id);

-- A carrier belongs to the unit that recorded it, not to a school.
CREATE TABLE carriers (
    id              INTEGER PRIMARY KEY,
    unit_code       TEXT NOT NULL,
    type            TEXT NOT NULL,
    name            TEXT NOT NULL,
    level           TEXT NOT NULL,   -- 国家级 … 县级, or 未认定
    recognized_year INTEGER,         -- NULL when 未认定
    founded_year    INTEGER NOT NULL,
    revoked_year    INTEGER,
    lead_school_id  INTEGER REFERENCES schools (id) ON DELETE SET NULL,
    note            TEXT NOT NULL DEFAULT '',
    UNIQUE (unit_code, type, name)
);

CREATE TABLE carrier_schools (
    carrier_id INTEGER NOT NULL REFERENCES carriers (id) ON DELETE CASCADE,
    school_id  INTEGER NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    PRIMARY KEY (carrier_id, school_id)
);
CREATE INDEX carrier_schools_school ON carrier_schools (school_id);

CREATE TABLE carrier_enterprises (
    carrier_id    INTEGER NOT NULL REFERENCES carriers (id) ON DELETE CASCADE,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    PRIMARY KEY (carrier_id, enterprise_id)
);
CREATE INDEX carrier_enterprises_enterprise ON carrier_enterprises (enterprise_id);

-- 订单班人数 is retired from the 专业 sheet: every stored count > 0 becomes a
-- class of type 订单班 named {专业名称}订单班, with the major's first 合作企业
-- (by credit code, the order the program lists them in). A name already taken
-- in that school and year gets the major's code added, so nothing is lost.
INSERT OR IGNORE INTO classes (school_id, year, name, type, major_code, enterprise_id, students)
SELECT m.school_id, m.year, m.name || '订单班', '订单班', m.code,
       (SELECT e.id FROM major_enterprises me JOIN enterprises e ON e.id = me.enterprise_id
        WHERE me.major_id = m.id ORDER BY e.credit_code LIMIT 1),
       m.order_class
FROM majors m WHERE m.order_class > 0 ORDER BY m.id;

INSERT INTO classes (school_id, year, name, type, major_code, enterprise_id, students)
SELECT m.school_id, m.year, m.name || '订单班（' || m.code || '）', '订单班', m.code,
       (SELECT e.id FROM major_enterprises me JOIN enterprises e ON e.id = me.enterprise_id
        WHERE me.major_id = m.id ORDER BY e.credit_code LIMIT 1),
       m.order_class
FROM majors m WHERE m.order_class > 0
  AND NOT EXISTS (SELECT 1 FROM classes c WHERE c.school_id = m.school_id AND c.year = m.year AND c.major_code = m.code AND c.type = '订单班');

ALTER TABLE majors DROP COLUMN order_class;
