; Inno Setup script: pccdesk-<version>-setup.exe from the one-folder bundle dist\pccdesk\.
;
; Build (Windows, Inno Setup 6, after `python -m PyInstaller ... installer\pccdesk.spec`):
;   for /f %v in ('python installer\make_version_info.py --print-version') do set V=%v
;   iscc /DAppVersion=%V% installer\pccdesk.iss
; The version comes from the package (pccdesk\__init__.py) and nowhere else; ISCC refuses to
; build without it. The numeric Windows version of setup.exe (a.b.c.d) is /DAppFileVersion
; (make_version_info.py --print-file-version) or else read from the bundled pccdesk.exe, whose
; version resource the spec generated from the same package version.
;
; Install: per-user by default, no admin rights (%LOCALAPPDATA%\Programs\pccdesk). All users:
; /ALLUSERS on the command line, or the choice offered in the first dialog (needs admin).
; Silent, for IT:  pccdesk-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER
; Add /TASKS="desktopicon" for a desktop shortcut.
;
; Uninstall keeps the user's history database, logs and settings (%LOCALAPPDATA%\pccdesk and
; HKCU\Software\pccdesk) unless the user answers Yes when asked, or the uninstaller is given
; /PURGE:  "%LOCALAPPDATA%\Programs\pccdesk\unins000.exe" /VERYSILENT /PURGE
;
; Signing: with /DSign and a sign tool named "pccdesksign" (iscc /Spccdesksign="signtool sign ... $f"),
; setup.exe and the uninstaller are signed as they are built; see .github/workflows/windows-installer.yml.

#ifndef AppVersion
  #error Pass the package version: iscc /DAppVersion=x.y.z installer\pccdesk.iss (see installer\make_version_info.py)
#endif

#define AppName "pccdesk"
#define AppPublisher "pccdesk contributors"
#define AppDescription "Police and Crime Panel performance pack builder"
#define AppExeName "pccdesk.exe"
#define AppCliName "pccdesk-cli.exe"
#define BundleDir "..\dist\pccdesk"
#define DataDirName "pccdesk"

#ifndef AppFileVersion
  #define AppFileVersion GetVersionNumbersString(AddBackslash(SourcePath) + BundleDir + "\" + AppExeName)
#endif

[Setup]
; AppId identifies pccdesk to Windows across versions: never change it.
AppId={{5C3FC7FF-60AF-42F0-939E-7FB8F28990DE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppComments={#AppDescription}
VersionInfoVersion={#AppFileVersion}
VersionInfoTextVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoDescription={#AppName} {#AppVersion} setup
VersionInfoCompany={#AppPublisher}
; {autopf} is %LOCALAPPDATA%\Programs for a per-user install, Program Files for all users.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
UsePreviousPrivileges=yes
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile=pccdesk.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
CloseApplications=yes
RestartApplications=no
#ifdef Sign
SignTool=pccdesksign
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "{#AppDescription}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "{#AppDescription}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: dirifempty; Name: "{app}"

[Code]
// The user's history database, logs and settings live outside the program folder, in
// %LOCALAPPDATA%\pccdesk (and HKCU\Software\pccdesk for window settings). They survive an
// uninstall - a reinstall or an upgrade finds them again - unless the user asks for them to go.

function PurgeRequested(): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/PURGE') = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
  Purge: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := ExpandConstant('{localappdata}\{#DataDirName}');
  Purge := PurgeRequested();
  if (not Purge) and (not UninstallSilent()) and DirExists(DataDir) then
    Purge := MsgBox('Also delete your pccdesk history database, logs and settings?' + #13#10#13#10 +
      DataDir + #13#10#13#10 +
      'Choose No to keep them, for example to install pccdesk again later.',
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if Purge then
  begin
    if DirExists(DataDir) then
      DelTree(DataDir, True, True, True);
    RegDeleteKeyIncludingSubkeys(HKCU, 'Software\{#AppName}');
  end;
end;
