package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestForwardedFilesReachTheRunningWindow(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "chanjiao.db")
	a, b := filepath.Join(dir, "U盘", "532301_楚雄市_2025_第1版.cjrh"), filepath.Join(dir, "学校 填报表.xlsx")
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	if err := forwardFiles(db, []string{a}, t0); err != nil {
		t.Fatal(err)
	}
	if err := forwardFiles(db, []string{b}, t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if got := takeRequests(db); !reflect.DeepEqual(got, []string{a, b}) {
		t.Fatalf("requests = %v, want %v in order", got, []string{a, b})
	}
	if got := takeRequests(db); len(got) != 0 {
		t.Fatalf("a request was handed on twice: %v", got)
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 0 {
		t.Fatalf("files left beside the database: %v", left)
	}
}

func TestForwardMakesPathsAbsolute(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "chanjiao.db")
	t.Chdir(dir)
	if err := forwardFiles(db, []string{"数据包.cjrh"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got := takeRequests(db); len(got) != 1 || got[0] != filepath.Join(dir, "数据包.cjrh") {
		t.Fatalf("requests = %v", got)
	}
}
