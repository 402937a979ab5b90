/**
 * The "Export PDF" button's state: ask the relay whether it can make a PDF, have it make one from the SOA as it
 * stores it, then save or download it. While LibreOffice works on the relay (most of a minute for a long SOA)
 * the status says so and counts the seconds; every failure ends in a sentence, never silence.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useWorkspace } from '../hooks';
import { fetchSoaPdf, relayCanMakePdf } from './relayPdf';
import { saveBytes } from './saveBytes';

export interface PdfProgress {
  readonly stage: string;
  readonly seconds: number;
}

function changes(count: number): string {
  return count === 1 ? '1 change' : `${count} changes`;
}

export function usePdfExport() {
  const workspace = useWorkspace();
  const [progress, setProgress] = useState<PdfProgress | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const busy = progress !== null;

  useEffect(
    () => () => {
      if (timer.current) clearInterval(timer.current);
    },
    [],
  );

  const runPdfExport = useCallback(async () => {
    if (busy) return;
    setMessage(null);
    const access = workspace.relayAccess;
    if (!access) {
      setMessage(
        'A PDF is made by your partnership\u2019s relay, and this computer is not signed in to it. Sign in with your invite token, or export to Word.',
      );
      return;
    }
    const started = Date.now();
    const stage = (text: string) => setProgress({ stage: text, seconds: Math.floor((Date.now() - started) / 1000) });
    stage('Asking the relay whether it can make a PDF');
    try {
      await relayCanMakePdf(access);
      const making = 'The relay is making the PDF with LibreOffice; this can take a minute';
      stage(making);
      timer.current = setInterval(() => stage(making), 1000);
      const pdf = await fetchSoaPdf(access, workspace.soaId);
      if (timer.current) clearInterval(timer.current);
      stage('Saving the PDF');
      const fileName = pdf.fileName ?? `${workspace.refreshNow().soa.meta.title || 'SOA'}.pdf`;
      const result = await saveBytes(
        pdf.bytes,
        fileName,
        { name: 'PDF document', extensions: ['pdf'] },
        'application/pdf',
      );
      const unsent = workspace.getSync().pending;
      const note =
        unsent > 0
          ? ` It shows the SOA as the relay has it: ${changes(unsent)} made on this computer had not reached the relay yet and are not in it.`
          : '';
      setMessage(
        result.cancelled
          ? 'PDF not saved.'
          : `${result.savedTo ? `Saved ${fileName} to ${result.savedTo}.` : `Downloaded ${fileName}.`}${note}`,
      );
    } catch (error) {
      setMessage(`No PDF was made. ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (timer.current) clearInterval(timer.current);
      timer.current = null;
      setProgress(null);
    }
  }, [busy, workspace]);

  return { runPdfExport, pdfProgress: progress, pdfMessage: message, pdfBusy: busy };
}
