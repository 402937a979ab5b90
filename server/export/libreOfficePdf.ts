/**
 * The SOA as a PDF for publication (issue 14): the exported .docx converted by LibreOffice, headless, into a
 * tagged PDF (a structure screen readers follow) with bookmarks from the headings' outline levels, and the
 * contents' page numbers filled in.
 *
 * A plain `soffice --convert-to pdf` leaves the contents as the .docx has it, without page numbers (Word fills
 * them in when it opens the file; LibreOffice does not). So, where LibreOffice's Python bridge is installed
 * (python3-uno on Debian and Ubuntu; bundled with LibreOffice on Windows and macOS), a short script opens
 * the document in LibreOffice, updates every index (twice: filling in the contents can move what follows),
 * and stores the PDF. Without the bridge the PDF is made by the plain conversion and the caller is told the
 * contents has no page numbers.
 *
 * Nothing else in the export depends on LibreOffice: the .docx is made without it.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Names LibreOffice's program where it is not on the PATH. */
export const LIBREOFFICE_ENV = 'SOA_LIBREOFFICE';

/** LibreOffice is not installed (or not where SOA_LIBREOFFICE says): one plain line for the administrator. */
export class LibreOfficeMissing extends Error {}

export interface PdfResult {
  readonly pdf: Uint8Array;
  /** False when the contents could not be updated (no Python bridge): then `warning` says so. */
  readonly contentsUpdated: boolean;
  readonly warning?: string;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** LibreOffice's `soffice`: SOA_LIBREOFFICE, else the PATH, else the usual install folders on macOS and Windows. */
export function findLibreOffice(env: NodeJS.ProcessEnv = process.env): string {
  const named = env[LIBREOFFICE_ENV];
  if (named) {
    if (isExecutable(named)) return named;
    throw new LibreOfficeMissing(
      `LibreOffice was not found at ${named} (${LIBREOFFICE_ENV}); install LibreOffice or correct the path to make a PDF.`,
    );
  }
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  const folders = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  if (process.platform === 'darwin') folders.push('/Applications/LibreOffice.app/Contents/MacOS');
  if (process.platform === 'win32') {
    for (const base of [env.ProgramFiles, env['ProgramFiles(x86)']])
      if (base) folders.push(path.join(base, 'LibreOffice', 'program'));
  }
  for (const folder of folders) {
    for (const name of names) {
      const candidate = path.join(folder, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  throw new LibreOfficeMissing(
    `LibreOffice is not installed (no soffice on the PATH); install it, or set ${LIBREOFFICE_ENV} to its soffice program, to make a PDF.`,
  );
}

/** A Python that can load LibreOffice's bridge: LibreOffice's own (Windows, macOS), else the system's python3. */
function findUnoPython(soffice: string): string | null {
  const program = path.dirname(fs.realpathSync(soffice));
  const candidates = [
    path.join(program, process.platform === 'win32' ? 'python.exe' : 'python'),
    path.join(program, '..', 'Resources', 'python'),
    '/usr/bin/python3',
    'python3',
  ];
  for (const candidate of candidates) {
    if (path.isAbsolute(candidate) && !isExecutable(candidate)) continue;
    const probe = spawnSync(candidate, ['-c', 'import uno'], { stdio: 'ignore', timeout: 20_000 });
    if (probe.status === 0) return candidate;
  }
  return null;
}

/** The same search as findUnoPython, without blocking the event loop (the relay serves others meanwhile). */
async function findUnoPythonAsync(soffice: string): Promise<string | null> {
  const program = path.dirname(await fs.promises.realpath(soffice));
  const candidates = [
    path.join(program, process.platform === 'win32' ? 'python.exe' : 'python'),
    path.join(program, '..', 'Resources', 'python'),
    '/usr/bin/python3',
    'python3',
  ];
  for (const candidate of candidates) {
    if (path.isAbsolute(candidate) && !isExecutable(candidate)) continue;
    try {
      await run(candidate, ['-c', 'import uno'], { timeout: 20_000, windowsHide: true });
      return candidate;
    } catch {
      // Not this one: try the next.
    }
  }
  return null;
}

export interface PdfTools {
  readonly soffice: string;
  /** A Python with LibreOffice's bridge, or null: then the PDF's contents has no page numbers. */
  readonly python: string | null;
}

/** LibreOffice and its Python bridge, for a long-running process. Throws LibreOfficeMissing. */
export async function locatePdfTools(env: NodeJS.ProcessEnv = process.env): Promise<PdfTools> {
  const soffice = findLibreOffice(env);
  return { soffice, python: await findUnoPythonAsync(soffice) };
}

/** Opens the document in LibreOffice, updates its indexes (the contents) and stores a tagged PDF with bookmarks. */
const UPDATE_AND_EXPORT = String.raw`
import os, signal, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

def prop(name, value):
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item

soffice, source, target, profile = sys.argv[1:5]
pipe = "soa_pdf_%d" % os.getpid()
office = subprocess.Popen([soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible", "--nologo", "--norestore",
    "--nodefault", "--nolockcheck", "--accept=pipe,name=%s;urp;" % pipe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    start_new_session=(os.name == "posix"))
desktop = None
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    context = None
    deadline = time.time() + 120
    while context is None:
        try:
            context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except NoConnectException:
            if office.poll() is not None or time.time() > deadline:
                sys.stderr.write("LibreOffice did not start\n")
                sys.exit(3)
            time.sleep(0.1)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
    if document is None:
        sys.stderr.write("LibreOffice could not open the document\n")
        sys.exit(4)
    indexes = document.getDocumentIndexes()
    count = indexes.getCount()
    for _ in range(2):
        for i in range(count):
            indexes.getByIndex(i).update()
        document.getTextFields().refresh()
    filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("UseTaggedPDF", True), prop("ExportBookmarks", True),
        prop("ExportNotes", False), prop("OpenBookmarkLevels", -1)))
    uno.invoke(document, "storeToURL", (uno.systemPathToFileUrl(target), (prop("FilterName", "writer_pdf_Export"), prop("FilterData", filter_data))))
    document.close(True)
    sys.stdout.write("indexes=%d\n" % count)
finally:
    # LibreOffice is asked to quit even when the conversion failed, and its whole process group is killed
    # if it does not (the soffice launcher starts soffice.bin as a child, which would outlive a plain kill).
    if desktop is not None:
        try:
            desktop.terminate()
        except Exception:
            pass
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        if os.name == "posix":
            os.killpg(office.pid, signal.SIGKILL)
        else:
            office.kill()
`;

/** The PDF export options of a plain conversion: tagged, with bookmarks. */
const PLAIN_FILTER =
  'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},"ExportBookmarks":{"type":"boolean","value":"true"}}';

/** Converts .docx bytes to PDF bytes with LibreOffice. Throws LibreOfficeMissing before doing any work when it is not installed. */
export async function docxToPdf(
  docx: Uint8Array,
  /** `python: null` skips the Python bridge (the plain conversion, as on a machine without it). */
  options: { soffice?: string; python?: string | null; timeoutMs?: number } = {},
): Promise<PdfResult> {
  const soffice = options.soffice ?? findLibreOffice();
  const timeout = options.timeoutMs ?? 300_000;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'soa-pdf-'));
  try {
    const source = path.join(folder, 'document.docx');
    const target = path.join(folder, 'document.pdf');
    // A profile of its own, so a LibreOffice the user has open (or another export) is never in the way.
    const profile = pathToFileURL(path.join(folder, 'profile')).href;
    fs.writeFileSync(source, docx);
    const python = options.python === undefined ? findUnoPython(soffice) : options.python;
    if (python) {
      const script = path.join(folder, 'update_and_export.py');
      fs.writeFileSync(script, UPDATE_AND_EXPORT);
      await converting(run(python, [script, soffice, source, target, profile], { timeout, windowsHide: true }));
      return { pdf: new Uint8Array(fs.readFileSync(target)), contentsUpdated: true };
    }
    await converting(
      run(
        soffice,
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--norestore',
          '--convert-to',
          PLAIN_FILTER,
          '--outdir',
          folder,
          source,
        ],
        { timeout, windowsHide: true },
      ),
    );
    if (!fs.existsSync(target)) throw new Error('LibreOffice did not write the PDF');
    return {
      pdf: new Uint8Array(fs.readFileSync(target)),
      contentsUpdated: false,
      warning: "LibreOffice's Python bridge (python3-uno) is not installed, so the PDF's contents has no page numbers.",
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** A failed or timed-out LibreOffice run as one line: what LibreOffice said last, not the command line. */
async function converting(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    const failure = error as { stderr?: string; killed?: boolean; message?: string };
    const said = (failure.stderr ?? '').trim().split('\n').filter(Boolean).at(-1);
    throw new Error(
      `LibreOffice could not convert the document to PDF${failure.killed ? ' in time' : ''}${said ? `: ${said}` : ''}`,
    );
  }
}
