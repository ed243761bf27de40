; Visit Planner: Windows installer (NSIS 3, Modern UI 2), French and English.
;
; Installs the one-folder PyInstaller build for the current user (no administrator rights:
; %LOCALAPPDATA%\Programs\Visit Planner), with a Start menu shortcut, an optional desktop
; shortcut and an uninstaller listed in Windows' "Apps" settings. Normally compiled by
;   python packaging/windows/make-installer.py
; which passes the version read from the package; by hand:
;   makensis -DVERSION=x.y.z -DDIST_DIR=dist/visitplanner -DOUTFILE=dist/setup.exe \
;            [-DICON=build/icons/fr.dynamiques.VisitPlanner.ico] [-DLICENSE_FILE=...] \
;            packaging/windows/visitplanner.nsi
; Relative paths are taken from this folder (makensis changes into it), so pass absolute ones.

Unicode true
SetCompressor /SOLID lzma
ManifestDPIAware true

!ifndef VERSION
  !error "Pass the version: -DVERSION=x.y.z (make-installer.py reads it from the package)"
!endif
!ifndef DIST_DIR
  !error "Pass the one-folder build: -DDIST_DIR=path/to/dist/visitplanner"
!endif
!ifndef OUTFILE
  !define OUTFILE "VisitPlanner-${VERSION}-setup.exe"
!endif
!ifndef LICENSE_FILE
  !define LICENSE_FILE "..\..\LICENSE"
!endif
!ifndef VI_VERSION  ; Windows wants four numbers
  !define VI_VERSION "${VERSION}.0"
!endif

!define APP_ID "fr.dynamiques.VisitPlanner"
!define APP_NAME "Visit Planner"
!define APP_EXE "visitplanner.exe"
!define PUBLISHER "Visit Planner contributors"
!define HOMEPAGE "https://visitplanner.dynamiques-pionnieres.fr/"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define SETTINGS_KEY "Software\${APP_ID}"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
RequestExecutionLevel user
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VI_VERSION}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} installer"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "EUPL-1.2"

!include "MUI2.nsh"

!define MUI_ABORTWARNING
!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
; The language chosen in the dialog is remembered for the uninstaller.
!define MUI_LANGDLL_REGISTRY_ROOT "HKCU"
!define MUI_LANGDLL_REGISTRY_KEY "${SETTINGS_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${LICENSE_FILE}"
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default one.
!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString SecAppName ${LANG_FRENCH} "Visit Planner (obligatoire)"
LangString SecAppName ${LANG_ENGLISH} "Visit Planner (required)"
LangString SecAppDesc ${LANG_FRENCH} "L’application et son raccourci dans le menu Démarrer."
LangString SecAppDesc ${LANG_ENGLISH} "The application and its Start menu shortcut."
LangString SecDesktopName ${LANG_FRENCH} "Raccourci sur le bureau"
LangString SecDesktopName ${LANG_ENGLISH} "Desktop shortcut"
LangString SecDesktopDesc ${LANG_FRENCH} "Un raccourci vers Visit Planner sur le bureau."
LangString SecDesktopDesc ${LANG_ENGLISH} "A shortcut to Visit Planner on the desktop."
LangString ShortcutComment ${LANG_FRENCH} "Organiser visites apprenantes et séminaires communs"
LangString ShortcutComment ${LANG_ENGLISH} "Plan learning visits and joint seminars"

Section "!$(SecAppName)" SecApp
  SectionIn RO
  SetShellVarContext current
  ; A new version replaces the previous files entirely (the catalogue and settings live
  ; in the user's data folders, never here).
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${DIST_DIR}\*.*"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" \
    "$INSTDIR\${APP_EXE}" 0 SW_SHOWNORMAL "" "$(ShortcutComment)"

  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "URLInfoAbout" "${HOMEPAGE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "$(SecDesktopName)" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" \
    "$INSTDIR\${APP_EXE}" 0 SW_SHOWNORMAL "" "$(ShortcutComment)"
SectionEnd

Section "-EstimatedSize"
  ; Shown in Windows' list of applications, in KiB.
  SectionGetSize ${SecApp} $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} $(SecAppDesc)
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} $(SecDesktopDesc)
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  ; Only what the installer put there: the application folder's known content.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\visitplanner.exe"
  Delete "$INSTDIR\visitplanner-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"
SectionEnd
