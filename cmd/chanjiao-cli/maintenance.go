package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"chanjiao/store"
	"chanjiao/store/backup"
)

func init() {
	register(command{name: "backup", flags: func(fs *flag.FlagSet) {
		fs.String("out", "", "备份文件或文件夹")
	}, run: runBackup})
	register(command{name: "restore", run: runRestore})
	register(command{name: "verify", run: runVerify})
	register(command{name: "lock", flags: func(fs *flag.FlagSet) {
		fs.Int("year", 0, "年度")
	}, run: runLock})
	register(command{name: "unlock", flags: func(fs *flag.FlagSet) {
		fs.Int("year", 0, "年度")
		fs.String("reason", "", "解锁原因")
	}, run: runUnlock})
}

func runBackup(e *env, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	out := e.str("out")
	if out == "" {
		return usagef("缺少 --out 备份文件或文件夹")
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	if st, serr := os.Stat(out); serr == nil && st.IsDir() {
		out, err = backup.IntoFolder(db, out)
	} else {
		err = backup.Copy(db, out)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已备份到 %s\n", out)
	return nil
}

func runRestore(e *env, args []string) error {
	if len(args) != 1 {
		return usagef("需要一个备份文件")
	}
	path, err := store.Locate(e.dbFlag)
	if err != nil {
		return err
	}
	// guard holds the instance lock: no window or import works on the file meanwhile
	saved, err := backup.Restore(path, args[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已从 %s 恢复数据库 %s\n", args[0], path)
	if saved != "" {
		fmt.Fprintf(e.stdout, "恢复前的数据库已保存为 %s\n", saved)
	}
	return nil
}

func runVerify(e *env, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	db, err := e.open()
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := db.Verify()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "数据库完整性检查：%s\n操作记录：%d 条\n", r.Integrity, r.Entries)
	switch {
	case r.Integrity != "ok":
		return store.Errorf(store.EInvalid, "数据库已损坏：%s。请从备份恢复", r.Integrity)
	case r.BrokenAt != 0:
		return store.Errorf(store.EInvalid, "操作记录被篡改：%s", r.BrokenWhy)
	}
	fmt.Fprintln(e.stdout, "操作记录链完整")
	return nil
}

func runLock(e *env, args []string) error {
	year, db, err := e.yearDB(args)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Update(context.Background(), func(tx *store.Tx) error { return tx.Lock(year) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d 年度已锁定\n", year)
	return nil
}

func runUnlock(e *env, args []string) error {
	year, db, err := e.yearDB(args, e.required("reason", "解锁需要 --reason 原因"))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Update(context.Background(), func(tx *store.Tx) error { return tx.Unlock(year, e.str("reason")) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d 年度已解锁，下次报送将使用新的版本号\n", year)
	return nil
}
