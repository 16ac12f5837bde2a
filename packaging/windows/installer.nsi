; 产教融合数据报送 — per-user Windows installer (NSIS 3, built on Linux by
; packaging/build-windows.sh with Debian's makensis).
;
;   makensis -DVERSION=0.1.0 -DVERSION4=0.1.0.1 -DSRCDIR=dir -DOUTFILE=setup.exe installer.nsi
;
; No administrator rights: installs into %LOCALAPPDATA%\Programs\chanjiao,
; writes only under HKCU. The clerk's data (%AppData%\chanjiao: database, keys,
; backups) is never touched by installing or upgrading, and by uninstalling
; only when the clerk ticks "删除我的数据" (or passes /DELETEDATA with /S).
;
; Silent use:  setup.exe /S [/D=C:\path]      uninstall.exe /S [/DELETEDATA]

; 64-bit installer: the program is amd64 only (Go needs 64-bit Windows 10+),
; and it runs under a 64-bit-only wine in the test.
Target amd64-unicode
ManifestDPIAware true
ManifestSupportedOS Win10
RequestExecutionLevel user
SetCompressor /SOLID lzma

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include Sections.nsh

!ifndef VERSION
  !error "define VERSION (e.g. -DVERSION=0.1.0)"
!endif
!ifndef VERSION4
  !define VERSION4 "${VERSION}.0"
!endif
!ifndef SRCDIR
  !error "define SRCDIR: the folder with chanjiao.exe, chanjiao-cli.exe, README.txt, chanjiao.ico"
!endif
!ifndef OUTFILE
  !define OUTFILE "chanjiao-setup-${VERSION}.exe"
!endif

!define APPNAME  "产教融合数据报送"
!define EXE      "chanjiao.exe"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\chanjiao"
!define PROGID   "chanjiao.cjrh"
!define DATADIR  "$APPDATA\chanjiao"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\chanjiao"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${APPNAME} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

!ifdef SIGNCMD
  ; sign the uninstaller that the installer writes, before it is packed
  !uninstfinalize '${SIGNCMD} "%1"' = 0
!endif

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${APPNAME}"

!define MUI_ICON "${SRCDIR}\chanjiao.ico"
!define MUI_UNICON "${SRCDIR}\chanjiao.ico"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "安装 ${APPNAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "本程序将把 ${APPNAME} 安装到您自己的用户文件夹中，不需要管理员权限。$\r$\n$\r$\n如果已经安装了旧版本，将直接升级；您的数据（数据库、密钥和自动备份）保存在 %AppData%\chanjiao 中，不会改动。$\r$\n$\r$\n安装前请先关闭正在运行的 ${APPNAME}。$\r$\n$\r$\n点击“下一步”继续。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在运行 ${APPNAME}"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从您的电脑上卸载 ${APPNAME}。您的数据默认保留，下次安装后可继续使用。"
!insertmacro MUI_UNPAGE_CONFIRM
!define MUI_COMPONENTSPAGE_TEXT_TOP "默认只卸载程序，保留您的数据。只有在确定不再需要这些数据时，才勾选“删除我的数据”。"
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

; ---------------------------------------------------------------- install

Section "${APPNAME}" SecMain
  SectionIn RO
  SetShellVarContext current

  ; An upgrade cannot replace a running program: ask the clerk to close it.
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    retry:
    ClearErrors
    FileOpen $0 "$INSTDIR\${EXE}" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APPNAME} 正在运行。请先关闭它（包括任务栏上的窗口），然后点击“重试”。" /SD IDCANCEL IDRETRY retry
      SetErrorLevel 2
      Abort "${APPNAME} 正在运行，安装已取消。"
    ${EndIf}
    FileClose $0
  ${EndIf}

  SetOutPath "$INSTDIR"
  SetOverwrite on
  File "${SRCDIR}\${EXE}"
  File "${SRCDIR}\chanjiao-cli.exe"
  File "${SRCDIR}\README.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Shortcuts for this user only (Start menu and desktop).
  SetOutPath "$INSTDIR"
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "${APPNAME}"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "${APPNAME}"

  ; "Apps & features" entry (per user).
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"

  ; Double-clicking a .cjrh data file (the USB hand-off) opens it in the program.
  WriteRegStr HKCU "Software\Classes\.cjrh" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.cjrh\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "产教融合数据包"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)' ; SHCNE_ASSOCCHANGED
SectionEnd

Function .onInit
  SetShellVarContext current
FunctionEnd

; ---------------------------------------------------------------- uninstall

Section "un.卸载程序" SecUnProgram
  SectionIn RO
  SetShellVarContext current

  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\chanjiao-cli.exe"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\uninstall.exe"
  ; Not RMDir /r: anything else in the folder (a database a clerk put there
  ; with chanjiao.portable) stays.
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"

  DeleteRegKey HKCU "${UNINSTKEY}"

  ; Remove the association only where it is still ours.
  ReadRegStr $0 HKCU "Software\Classes\.cjrh" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKCU "Software\Classes\.cjrh" ""
  ${EndIf}
  DeleteRegValue HKCU "Software\Classes\.cjrh\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\.cjrh\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.cjrh"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section /o "un.删除我的数据" SecUnData
  SetShellVarContext current
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "确定要删除 ${DATADIR} 中的全部数据（数据库、密钥和自动备份）吗？$\r$\n$\r$\n删除后无法恢复。如果还需要这些数据，请点击“否”，数据将被保留。" /SD IDYES IDYES deletedata
  DetailPrint "保留了 ${DATADIR}"
  Return
  deletedata:
  RMDir /r "${DATADIR}"
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecUnProgram} "删除程序文件、快捷方式和 .cjrh 文件关联。"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecUnData} "同时删除 ${DATADIR} 文件夹：数据库、密钥和自动备份。不勾选则保留，重新安装后可继续使用。"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END

Function un.onInit
  SetShellVarContext current
  ; uninstall.exe /S /DELETEDATA: also delete the data (for scripts and tests)
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DELETEDATA" $R1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${SecUnData}
  ${EndIf}
FunctionEnd
