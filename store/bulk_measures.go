package store

import "fmt"

// The bulk writer's part for measures.md's records (agreements, classes,
// carriers, 师资, awards, activities), checked and written as putRecords
// does the others.

// checkMeasures validates one unit's agreements, classes and carriers and
// refuses one touching a locked year. A class's major must be the school's
// that year, in this batch or already stored.
func (w *bulkWriter) checkMeasures(ur UnitRecords) error {
	ref := w.tx.Ref()
	majors := map[string]bool{}
	for _, m := range ur.Majors {
		majors[Major{SchoolCode: m.SchoolCode, Year: m.Year, Code: CatalogueCode(ref, m.Code)}.Key()] = true
	}
	for _, a := range ur.Agreements {
		if err := a.Validate(ref).Err(); err != nil {
			return fmt.Errorf("校企合作协议 %s：%w", a.Key(), err)
		}
		last := a.Expires.Year()
		if a.Expires.IsZero() {
			last = w.lastLocked
		}
		if err := w.unlocked(a.Signed.Year(), last); err != nil {
			return err
		}
	}
	for _, c := range ur.Classes {
		if err := c.Validate(ref).Err(); err != nil {
			return fmt.Errorf("班级 %s：%w", c.Key(), err)
		}
		if c.MajorCode != "" && !majors[Major{SchoolCode: c.SchoolCode, Year: c.Year, Code: CatalogueCode(ref, c.MajorCode)}.Key()] {
			ok, err := w.tx.runsMajor(c)
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("班级 %s：%w", c.Key(), Problems{c.MajorNotRun()}.Err())
			}
		}
		if err := w.unlocked(c.Year, c.Year); err != nil {
			return err
		}
	}
	for _, c := range ur.Carriers {
		if err := c.Validate(ref).Err(); err != nil {
			return fmt.Errorf("产教融合载体 %s：%w", c.Key(), err)
		}
	}
	for _, t := range ur.Teachers {
		if err := t.Validate(ref).Err(); err != nil {
			return fmt.Errorf("师资 %s：%w", t.Key(), err)
		}
		if err := w.unlocked(t.Year, t.Year); err != nil {
			return err
		}
	}
	for _, a := range ur.Awards {
		if err := a.Validate(ref).Err(); err != nil {
			return fmt.Errorf("获奖 %s：%w", a.Key(), err)
		}
		if err := w.unlocked(a.Date.Year(), a.Date.Year()); err != nil {
			return err
		}
	}
	for _, a := range ur.Activities {
		if err := a.Validate(ref).Err(); err != nil {
			return fmt.Errorf("政校企活动 %s：%w", a.Key(), err)
		}
		if err := w.unlocked(a.Date.Year(), a.Date.Year()); err != nil {
			return err
		}
	}
	return nil
}

// measures writes one unit's agreements, classes and carriers.
func (w *bulkWriter) measures(ur UnitRecords) error {
	for _, a := range ur.Agreements {
		if err := w.agreement(a); err != nil {
			return fmt.Errorf("校企合作协议 %s：%w", a.Key(), err)
		}
	}
	for _, c := range ur.Classes {
		if err := w.classes.add(c); err != nil {
			return err
		}
	}
	for _, c := range ur.Carriers {
		c.UnitCode = ur.Unit.Code
		if err := w.carrier(c); err != nil {
			return fmt.Errorf("产教融合载体 %s：%w", c.Key(), err)
		}
	}
	for _, t := range ur.Teachers {
		if err := w.teachers(t); err != nil {
			return fmt.Errorf("师资 %s：%w", t.Key(), err)
		}
	}
	for _, a := range ur.Awards {
		if err := w.award(a); err != nil {
			return fmt.Errorf("获奖 %s：%w", a.Key(), err)
		}
	}
	for _, a := range ur.Activities {
		a.UnitCode = ur.Unit.Code
		if err := w.activity(a); err != nil {
			return fmt.Errorf("政校企活动 %s：%w", a.Key(), err)
		}
	}
	return nil
}

func (w *bulkWriter) agreement(a Agreement) error {
	school, err := w.schoolID(a.SchoolCode)
	if err != nil {
		return err
	}
	ent, err := w.entID(a.CreditCode)
	if err != nil {
		return err
	}
	_, err = w.exec(`INSERT INTO agreements (school_id, enterprise_id, name, type, signed_date, expiry_date, contents)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (school_id, enterprise_id, name, signed_date) DO UPDATE SET type = excluded.type,
		expiry_date = excluded.expiry_date, contents = excluded.contents`,
		school, ent, a.Name, a.Type, FormatDate(a.Signed), FormatDate(a.Expires), joinOrdered(a.Contents, CooperationContents))
	return err
}

// class appends a class's values to args.
func (w *bulkWriter) class(args []any, c Class) ([]any, error) {
	school, err := w.schoolID(c.SchoolCode)
	if err != nil {
		return args, err
	}
	var ent int64
	if c.CreditCode != "" {
		if ent, err = w.entID(c.CreditCode); err != nil {
			return args, err
		}
	}
	major := c.MajorCode
	if major != "" {
		major = CatalogueCode(w.tx.Ref(), major)
	}
	return append(args, school, c.Year, c.Name, c.Type, major, nullID(ent), c.Students), nil
}

func (w *bulkWriter) carrier(c Carrier) error {
	var lead int64
	var err error
	if c.LeadSchool != "" {
		if lead, err = w.schoolID(c.LeadSchool); err != nil {
			return err
		}
	}
	schools, err := idsOf(c.MemberSchools, w.schoolID)
	if err != nil {
		return err
	}
	ents, err := idsOf(c.MemberEnterprises, w.entID)
	if err != nil {
		return err
	}
	var id int64
	if err := w.queryRow(`INSERT INTO carriers (unit_code, type, name, level, recognized_year, founded_year, revoked_year, lead_school_id, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (unit_code, type, name) DO UPDATE SET level = excluded.level, recognized_year = excluded.recognized_year,
		founded_year = excluded.founded_year, revoked_year = excluded.revoked_year, lead_school_id = excluded.lead_school_id,
		note = excluded.note RETURNING id`,
		c.UnitCode, c.Type, c.Name, c.Level, nullInt(c.Recognized), c.Founded, nullInt(c.Revoked), nullID(lead), c.Note).Scan(&id); err != nil {
		return err
	}
	return w.tx.setCarrierMembers(id, schools, ents)
}

func (w *bulkWriter) teachers(t Teachers) error {
	school, err := w.schoolID(t.SchoolCode)
	if err != nil {
		return err
	}
	_, err = w.exec(`INSERT INTO teachers (school_id, year, full_time, professional, dual, part_time) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (school_id, year) DO UPDATE SET full_time = excluded.full_time, professional = excluded.professional,
		dual = excluded.dual, part_time = excluded.part_time`, school, t.Year, t.FullTime, t.Professional, t.Dual, t.PartTime)
	return err
}

func (w *bulkWriter) award(a Award) error {
	school, err := w.schoolID(a.SchoolCode)
	if err != nil {
		return err
	}
	_, err = w.exec(`INSERT INTO awards (school_id, project, category, level, rank, winner_type, winners, award_date)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (school_id, project, winners, award_date) DO UPDATE SET category = excluded.category, level = excluded.level,
		rank = excluded.rank, winner_type = excluded.winner_type`,
		school, a.Project, a.Category, a.Level, a.Rank, a.WinnerType, a.Winners, FormatDate(a.Date))
	return err
}

func (w *bulkWriter) activity(a Activity) error {
	_, err := w.exec(`INSERT INTO activities (unit_code, type, name, activity_date, lead, enterprises, schools, visited, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (unit_code, type, activity_date, name) DO UPDATE SET lead = excluded.lead, enterprises = excluded.enterprises,
		schools = excluded.schools, visited = excluded.visited, note = excluded.note`,
		a.UnitCode, a.Type, a.Name, FormatDate(a.Date), a.Lead, a.Enterprises, a.Schools, a.Visited, a.Note)
	return err
}
