package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"chanjiao/assets"
)

// cjkTheme is Fyne's default theme with the bundled CJK font for every text
// style except monospace and symbols (convention 9: no system font assumed).
type cjkTheme struct {
	fyne.Theme
	font fyne.Resource
}

var fontResource = fyne.NewStaticResource("wqy-microhei.ttf", assets.Font)

func newTheme() fyne.Theme {
	return &cjkTheme{Theme: theme.DefaultTheme(), font: fontResource}
}

func (t *cjkTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.Theme.Font(s)
	}
	return t.font
}

// Color always uses the light variant: clerks work on office screens and the
// red/green of the dashboard reads best on white.
func (t *cjkTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameSuccess: // the default light green is hard to read on white
		return colorMet
	case theme.ColorNameWarning:
		return color.NRGBA{R: 0xb2, G: 0x6a, B: 0x00, A: 0xff}
	}
	return t.Theme.Color(n, theme.VariantLight)
}

func (t *cjkTheme) Size(n fyne.ThemeSizeName) float32 {
	return t.Theme.Size(n)
}

func (t *cjkTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return t.Theme.Icon(n)
}
