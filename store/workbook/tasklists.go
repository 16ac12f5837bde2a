package workbook

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"chanjiao/store"
)

// WriteTaskLists writes, into the folder dir, one 任务清单 of year for each
// unit this installation assigned targets to, named
// {区划代码}_{单位名称}_{年度}_任务清单.xlsx (measures.md), and gives the paths
// written. The window's button and `chanjiao-cli tasks export` both call it.
func WriteTaskLists(db *store.DB, year int, dir string) ([]string, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, store.Errorf(store.EInvalid, "文件夹 %s 不存在，请先建好或选择其他文件夹", dir)
	}
	var units []store.UnitRef
	err := db.View(context.Background(), func(tx *store.Tx) error {
		u, err := tx.Unit()
		if err != nil {
			return err
		}
		codes, err := tx.AssignedUnits(year)
		if err != nil {
			return err
		}
		for _, c := range codes {
			ref, _ := tx.LowerUnit(u, c)
			units = append(units, ref)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(units) == 0 {
		return nil, store.Errorf(store.EInvalid, "%d 年度尚未向任何下级单位下达目标，没有任务清单可写", year)
	}
	var paths []string
	for _, u := range units {
		name := store.SafeFileName(fmt.Sprintf("%s_%s_%d_任务清单", u.Code, u.Name, year), u.Code+"_任务清单") + ".xlsx"
		path := filepath.Join(dir, name)
		if err := WriteTaskList(db, u.Code, year, path); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}
