package workbook

// Limits the external tests check against.
const (
	MaxMarkedSheetXML = maxMarkedSheetXML
	MaxMarkedIssues   = maxMarkedIssues
	MaxListedIssues   = maxListedIssues
)
