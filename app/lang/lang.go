// Package lang puts Fyne's own words (dialog buttons, the file dialog, an
// entry's Cut/Copy/Paste menu) into Chinese, whatever the computer's
// language: the program is for Chinese clerks, and an English Windows
// would otherwise show "Open Folder" and "Cancel".
package lang

import (
	_ "embed"
	"log"

	"fyne.io/fyne/v2"
	fynelang "fyne.io/fyne/v2/lang"
)

//go:embed zh.json
var chinese []byte

// Fyne picks the translation nearest the system's locale, falling back to
// English: Chinese is given for both, so every computer shows it.
func init() {
	for _, l := range []fyne.Locale{"en", "zh-Hans"} {
		if err := fynelang.AddTranslationsForLocale(chinese, l); err != nil {
			log.Printf("Chinese for Fyne's own words (%s): %v", l, err)
		}
	}
}

// places names the file dialog's sidebar entries, which Fyne shows as
// they are, untranslated.
var places = map[string]string{
	"Home":      "主文件夹",
	"Computer":  "计算机",
	"App Files": "程序文件",
	"Desktop":   "桌面",
	"Documents": "文档",
	"Downloads": "下载",
	"Music":     "音乐",
	"Pictures":  "图片",
	"Videos":    "视频",
	"Movies":    "影片",
}

// Place gives the Chinese name of a file dialog sidebar entry; a drive
// letter such as "D:" stays as it is.
func Place(name string) string {
	if zh, ok := places[name]; ok {
		return zh
	}
	return name
}
