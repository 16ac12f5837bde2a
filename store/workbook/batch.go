package workbook

// Batch import: the schools' workbooks back, many at once (files and
// folders). The CLI's import and the window's 导入工作簿/收取填报表 both call
// ImportBatch and only render what it returns, so a folder gives the same
// outcomes whichever way it is imported.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"chanjiao/store"
)

// BatchOptions adjust a batch import.
type BatchOptions struct {
	// AnnotateDir is where the annotated copies of refused files go; "" puts
	// each beside its file. It is created when missing.
	AnnotateDir string
	// Progress, if set, is told as each file is started, annotated and done.
	Progress func(BatchStep)
	Import   ImportOptions
}

// BatchStep is one step of a batch, for a progress display.
type BatchStep struct {
	Index, Total int    // the file is Index+1 of Total
	Path         string // the file
	Annotating   bool   // its annotated copy is being written
	Done         *FileOutcome
}

// FileOutcome is what happened to one file of a batch.
type FileOutcome struct {
	Path   string
	Result *Result // set when the file was imported
	// Err says why the file was not imported: a *RefusedError for its
	// contents, context.Canceled when the batch was cancelled during it.
	Err error
	// Annotated is the annotated copy written for a refused file, or
	// AnnotateErr why it could not be written.
	Annotated   string
	AnnotateErr error
	// School names the school(s) the file is for: the template's school,
	// else the schools its rows name; "—" when none is known.
	School string
}

// Refused is the refusal of a file refused for its contents, else nil.
func (o *FileOutcome) Refused() *RefusedError {
	var re *RefusedError
	if errors.As(o.Err, &re) {
		return re
	}
	return nil
}

// Canceled says the batch was cancelled while this file was imported.
func (o *FileOutcome) Canceled() bool { return errors.Is(o.Err, context.Canceled) }

// BatchResult is what a batch did: one outcome per file tried, in order,
// and the files not tried because the batch was cancelled.
type BatchResult struct {
	Files   []FileOutcome
	Skipped []string
}

// Imported is how many files were imported.
func (b *BatchResult) Imported() int {
	n := 0
	for _, o := range b.Files {
		if o.Err == nil {
			n++
		}
	}
	return n
}

// Failed is how many files were not imported, skipped ones included.
func (b *BatchResult) Failed() int { return len(b.Files) - b.Imported() + len(b.Skipped) }

// Annotated lists the annotated copies written.
func (b *BatchResult) Annotated() []string {
	var paths []string
	for _, o := range b.Files {
		if o.Annotated != "" {
			paths = append(paths, o.Annotated)
		}
	}
	return paths
}

// BatchFiles expands paths: a folder stands for the workbooks in it (.xlsx,
// and .xls so that it is refused by name rather than passed over), in name
// order, without Excel's lock files (~$…) and hidden files. Anything else,
// including a path that does not exist, is kept to be reported by the
// import. Each file is listed once.
func BatchFiles(paths []string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			add(p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			add(p) // reported as unreadable
			continue
		}
		var names []string
		for _, e := range entries {
			if n := e.Name(); !e.IsDir() && isWorkbookName(n) {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			add(filepath.Join(p, n))
		}
	}
	return out
}

func isWorkbookName(n string) bool {
	if strings.HasPrefix(n, "~$") || strings.HasPrefix(n, ".") {
		return false
	}
	ext := strings.ToLower(filepath.Ext(n))
	return ext == ".xlsx" || ext == ".xls"
}

// ImportBatch imports each file of paths (folders expanded by BatchFiles) on
// its own, all or nothing per file. A file refused for its contents gets an
// annotated copy (see Annotate). Nothing one file does, not even a panic in
// a library, stops the files after it; a cancelled ctx does, and the files
// not tried are listed as skipped.
func ImportBatch(ctx context.Context, db *store.DB, paths []string, opts BatchOptions) *BatchResult {
	files := BatchFiles(paths)
	res := &BatchResult{}
	step := func(s BatchStep) {
		if opts.Progress != nil {
			s.Total = len(files)
			opts.Progress(s)
		}
	}
	for i, path := range files {
		if ctx.Err() != nil {
			res.Skipped = append(res.Skipped, files[i:]...)
			break
		}
		step(BatchStep{Index: i, Path: path})
		o := importOne(ctx, db, path, opts.Import)
		if re := o.Refused(); re != nil {
			step(BatchStep{Index: i, Path: path, Annotating: true})
			o.Annotated, o.AnnotateErr = annotateOne(path, opts.AnnotateDir, re.Issues)
		}
		res.Files = append(res.Files, o)
		step(BatchStep{Index: i, Path: path, Done: &res.Files[len(res.Files)-1]})
	}
	names := schoolNames(db)
	for i := range res.Files {
		res.Files[i].School = outcomeSchool(&res.Files[i], names)
	}
	return res
}

// importOne imports one file, turning a panic into an error for that file.
func importOne(ctx context.Context, db *store.DB, path string, opts ImportOptions) (o FileOutcome) {
	o.Path = path
	name := filepath.Base(path)
	defer func() {
		if p := recover(); p != nil {
			o.Result, o.Err = nil, store.Errorf(store.EInvalid, "%s 无法导入：读取时出现意外错误（%v），未导入任何数据", name, p)
		}
	}()
	if st, err := os.Stat(path); err == nil && st.IsDir() { // BatchFiles keeps a folder it cannot list
		o.Err = store.Errorf(store.EInvalid, "无法读取文件夹 %s", path)
		return o
	}
	if strings.EqualFold(filepath.Ext(path), ".xls") {
		o.Err = store.Errorf(store.EInvalid, "%s 是旧版 Excel 格式（.xls），本程序只能读取 .xlsx 工作簿。请另存为 .xlsx 格式后再导入（在 Excel 中用“文件—另存为”）", name)
		return o
	}
	o.Result, o.Err = ImportWith(ctx, db, path, opts)
	if o.Err != nil {
		o.Result = nil
		if ctx.Err() != nil {
			o.Err = ctx.Err()
		}
	}
	return o
}

// annotateOne writes the annotated copy of a refused file into dir (""
// beside it). Any failure, a panic included, is the failure of this copy
// only: "未能生成错误标注副本：…".
func annotateOne(path, dir string, issues []Issue) (dst string, err error) {
	defer func() {
		if p := recover(); p != nil {
			dst, err = "", fmt.Errorf("annotate %s: panic: %v", filepath.Base(path), p)
		}
		if err != nil {
			err = store.Wrap(store.EInvalid, err, "未能生成错误标注副本：%s", annotateReason(err))
		}
	}()
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", store.Wrap(store.EInvalid, err, "无法创建文件夹 %s", dir)
		}
	}
	dst = AnnotatedPath(path, dir)
	if err := Annotate(path, dst, issues); err != nil {
		return "", err
	}
	return dst, nil
}

// annotateReason is why an annotated copy failed, for the clerk.
func annotateReason(err error) string {
	var se *store.Error
	if errors.As(err, &se) {
		return se.Message
	}
	return "工作簿的结构本程序无法处理（" + err.Error() + "），请按列出的错误直接改正原文件"
}

// schoolNames maps 学校标识码 to 学校名称, for the outcomes.
func schoolNames(db *store.DB) map[string]string {
	names := map[string]string{}
	db.View(context.Background(), func(tx *store.Tx) error {
		ss, err := tx.Schools()
		for _, s := range ss {
			names[s.Code] = s.Name
		}
		return err
	})
	return names
}

// outcomeSchool names the school a file is for: the template's school, else
// the schools its rows name.
func outcomeSchool(o *FileOutcome, names map[string]string) string {
	var tmpl *TemplateInfo
	var codes []string
	if o.Result != nil {
		tmpl, codes = o.Result.Template, o.Result.Schools
	} else if re := o.Refused(); re != nil {
		tmpl, codes = re.Template, re.Schools
	}
	name := func(code string) string {
		if n := names[code]; n != "" {
			return n
		}
		return code
	}
	switch {
	case tmpl != nil && tmpl.SchoolName != "":
		return tmpl.SchoolName
	case tmpl != nil:
		return name(tmpl.School)
	case len(codes) == 0:
		return "—"
	case len(codes) == 1:
		return name(codes[0])
	}
	return fmt.Sprintf("%s 等 %d 所", name(codes[0]), len(codes))
}
