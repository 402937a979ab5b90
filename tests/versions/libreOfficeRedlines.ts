/**
 * Opens .docx files in LibreOffice (headless, through its Python bridge) and, for each, lists the tracked
 * changes it sees (type, author, date) and stores the text after accepting all changes, rejecting all, or
 * neither: how the tracked-changes tests check the file as a reviewer's word processor reads it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { removeTempDir, tempDir } from '../support/tempDirs';

const run = promisify(execFile);

export type RedlineMode = 'accept' | 'reject' | 'none';

export interface RedlineJob {
  readonly source: string;
  readonly mode: RedlineMode;
}

export interface RedlineResult {
  readonly redlines: { readonly type: string; readonly author: string; readonly date: string }[];
  readonly text: string;
}

const SCRIPT = String.raw`
import json, os, signal, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

def prop(name, value):
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item

soffice, profile, jobs_file, out_file = sys.argv[1:5]
jobs = json.load(open(jobs_file))
pipe = "soa_redlines_%d" % os.getpid()
office = subprocess.Popen([soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible", "--nologo", "--norestore",
    "--nodefault", "--nolockcheck", "--accept=pipe,name=%s;urp;" % pipe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    start_new_session=True)
desktop = None
results = []
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
    dispatcher = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
    for job in jobs:
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["source"]), "_blank", 0, (prop("Hidden", True),))
        if document is None:
            sys.stderr.write("LibreOffice could not open %s\n" % job["source"])
            sys.exit(4)
        redlines = []
        enumeration = document.getRedlines().createEnumeration()
        while enumeration.hasMoreElements():
            redline = enumeration.nextElement()
            stamp = redline.getPropertyValue("RedlineDateTime")
            redlines.append({"type": redline.getPropertyValue("RedlineType"), "author": redline.getPropertyValue("RedlineAuthor"),
                "date": "%04d-%02d-%02d" % (stamp.Year, stamp.Month, stamp.Day)})
        frame = document.getCurrentController().getFrame()
        if job["mode"] == "accept":
            dispatcher.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
        elif job["mode"] == "reject":
            dispatcher.executeDispatch(frame, ".uno:RejectAllTrackedChanges", "", 0, ())
        target = job["source"] + "." + job["mode"] + ".txt"
        document.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8")))
        document.close(True)
        results.append({"redlines": redlines, "text": open(target, encoding="utf-8-sig").read()})
    json.dump(results, open(out_file, "w"))
finally:
    if desktop is not None:
        try:
            desktop.terminate()
        except Exception:
            pass
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(office.pid, signal.SIGKILL)
`;

/** Runs every job in one LibreOffice session (starting it is the slow part). */
export async function readWithLibreOffice(jobs: readonly RedlineJob[]): Promise<RedlineResult[]> {
  const folder = tempDir('soa-redlines-');
  try {
    const script = path.join(folder, 'redlines.py');
    const jobsFile = path.join(folder, 'jobs.json');
    const outFile = path.join(folder, 'out.json');
    fs.writeFileSync(script, SCRIPT);
    fs.writeFileSync(
      jobsFile,
      JSON.stringify(jobs.map((job) => ({ source: path.resolve(job.source), mode: job.mode }))),
    );
    await run(
      '/usr/bin/python3',
      [
        script,
        process.env.SOA_LIBREOFFICE ?? 'soffice',
        pathToFileURL(path.join(folder, 'profile')).href,
        jobsFile,
        outFile,
      ],
      { timeout: 300_000 },
    );
    return JSON.parse(fs.readFileSync(outFile, 'utf8')) as RedlineResult[];
  } finally {
    removeTempDir(folder);
  }
}
