// The URL allow-lists: what counts as the app's own page (IPC sender check, navigation), and what may be
// handed to the operating system as an external link. A table of misleading URLs, each with the reason it
// is (or is not) accepted.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, externalUrlToOpen, isAppUrl, isTrustedSender } from '../../electron/main/appOrigin';
import { appResponseHeaders, CONTENT_SECURITY_POLICY, resolveAppRequest } from '../../electron/main/appProtocol';

describe('isAppUrl: only the soa-app://studio pages', () => {
  const cases: [string, boolean, string][] = [
    [APP_ENTRY_URL, true, 'the entry page'],
    ['soa-app://studio/assets/index-abc123.js', true, 'an asset'],
    ['soa-app://studio/', true, 'the root'],
    ['soa-app://studio/index.html#/soa/abc', true, 'a client-side route in the fragment'],
    [
      'SOA-APP://STUDIO/index.html',
      false,
      "upper-case host: Chromium lower-cases a registered standard scheme's host, so the app never reports this form; refusing it is the safe side",
    ],
    ['soa-app://studio.evil.example/index.html', false, 'a host that merely starts with ours'],
    ['soa-app://evil.example/studio/index.html', false, 'our host as a path segment'],
    ['soa-app://evil@studio/index.html', false, 'credentials in the authority'],
    ['soa-app://studio:8080/index.html', false, 'a port'],
    ['soa-app://ѕtudio/index.html', false, 'IDN lookalike: Cyrillic "ѕ" in the host'],
    ['http://localhost/index.html', false, 'a local web server is not the app'],
    ['http://localhost:5173/', false, 'a Vite dev server is not the app'],
    ['http://127.0.0.1:4455/', false, 'the local relay is not the app'],
    ['https://evil.example/?soa-app://studio/', false, 'our URL in the query string'],
    ['https://evil.example/#soa-app://studio/', false, 'our URL in the fragment'],
    ['file:///work/main/renderer/dist/index.html', false, 'file: URLs are never the app'],
    ['javascript:alert(1)//soa-app://studio/', false, 'javascript:'],
    ['data:text/html,<script>alert(1)</script>', false, 'data:'],
    ['about:blank', false, 'about:blank'],
    ['soa-app:studio/index.html', false, 'no authority'],
    ['', false, 'empty'],
    ['not a url', false, 'unparsable'],
  ];
  it.each(cases)('%s -> %s (%s)', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it('does not rely on URL.origin, which is "null" for every non-special scheme', () => {
    expect(new URL(APP_ENTRY_URL).origin).toBe('null');
    expect(new URL('evil-app://x/').origin).toBe('null');
    expect(isAppUrl('evil-app://x/')).toBe(false);
  });

  it('refuses non-strings', () => {
    for (const value of [undefined, null, 42, {}, ['soa-app://studio/'], new URL(APP_ENTRY_URL)])
      expect(isAppUrl(value)).toBe(false);
  });
});

describe('isTrustedSender: IPC only from the app main frame', () => {
  it('accepts the main frame on an app page', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: true })).toBe(true);
  });
  it('refuses a sub-frame, even on an app page', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: false })).toBe(false);
  });
  it('refuses a destroyed frame and foreign pages', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example@studio/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///etc/passwd', isMainFrame: true })).toBe(false);
  });
});

describe('externalUrlToOpen: what shell.openExternal may receive', () => {
  const cases: [string, string | null, string][] = [
    ['https://www.gov.scot/publications/', 'https://www.gov.scot/publications/', 'a plain https link'],
    ['http://example.org/page', 'http://example.org/page', 'plain http (the system browser shows it as such)'],
    ['HTTPS://WWW.GOV.SCOT/', 'https://www.gov.scot/', 'mixed-case scheme and host: normalised'],
    ['mailto:officer@highland.gov.uk', 'mailto:officer@highland.gov.uk', 'mailto'],
    [
      'https://evil.example@good.example/',
      null,
      'credentials: looks like evil.example, goes to good.example (or vice versa)',
    ],
    ['https://good.example:pw@evil.example/', null, 'user and password'],
    [
      'https://аpple.com/',
      'https://xn--pple-43d.com/',
      'IDN lookalike: opened only in its punycode form, never as the lookalike',
    ],
    ['javascript:alert(1)', null, 'javascript:'],
    ['JaVaScRiPt:alert(1)', null, 'mixed-case javascript:'],
    ['  javascript:alert(1)', null, 'leading spaces are stripped by the parser: still javascript:'],
    ['java\tscript:alert(1)', null, 'tab inside the scheme (removed by the parser)'],
    ['file:///C:/Windows/System32/calc.exe', null, 'file:'],
    ['file://server/share/evil.exe', null, 'UNC-like file:'],
    ['data:text/html,<script>alert(1)</script>', null, 'data:'],
    ['vbscript:msgbox(1)', null, 'vbscript:'],
    ['ms-msdt:/id PCWDiagnostic', null, 'an OS protocol handler'],
    ['smb://attacker/share', null, 'smb:'],
    ['soa-app://studio/index.html', null, 'the app itself is not external'],
    ['http:evil.example', 'http://evil.example/', 'scheme-relative sloppiness is normalised, not trusted blindly'],
    ['https://', null, 'no host'],
    ['mailto:javascript:alert(1)', null, 'mailto smuggling another scheme'],
    ['mailto:a@b.example?subject=SOA%20draft', 'mailto:a@b.example?subject=SOA%20draft', 'mailto with a subject'],
    ['mailto:', null, 'mailto without an address'],
    ['//evil.example/', null, 'protocol-relative (no base): unparsable'],
    ['', null, 'empty'],
  ];
  it.each(cases)('%s -> %s (%s)', (url, expected) => {
    expect(externalUrlToOpen(url)).toBe(expected);
  });
  it('refuses huge and non-string input', () => {
    expect(externalUrlToOpen(`https://example.org/${'a'.repeat(10_000)}`)).toBeNull();
    expect(externalUrlToOpen(undefined)).toBeNull();
    expect(externalUrlToOpen({ href: 'https://example.org/' })).toBeNull();
  });
});

describe('resolveAppRequest: serving renderer/dist', () => {
  const root = path.resolve('/srv/app/renderer/dist');
  it('maps pages and assets under the root', () => {
    expect(resolveAppRequest('soa-app://studio/index.html', root)).toEqual({
      kind: 'file',
      filePath: path.join(root, 'index.html'),
    });
    expect(resolveAppRequest('soa-app://studio/', root)).toEqual({
      kind: 'file',
      filePath: path.join(root, 'index.html'),
    });
    expect(resolveAppRequest('soa-app://studio/assets/app.js?v=1', root)).toEqual({
      kind: 'file',
      filePath: path.join(root, 'assets', 'app.js'),
    });
    expect(resolveAppRequest('soa-app://studio/soa/abc/outcomes', root)).toEqual({
      kind: 'file',
      filePath: path.join(root, 'index.html'),
    });
  });
  it.each([
    'soa-app://studio/%00.js',
    'soa-app://studio/a%00.js',
    'soa-app://studio/assets%5c..%5c..%5csecret.txt',
    'soa-app://studio/assets/..%2f..%2f..%2fsecret.txt',
    'soa-app://studio/%E0%A4%A',
    'soa-app://other/index.html',
    'soa-app://studio:1/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppRequest(url, root).kind).toBe('refused');
  });
  it.each([
    'soa-app://studio/../../etc/passwd',
    'soa-app://studio/%2e%2e/%2e%2e/etc/passwd',
    'soa-app://studio/assets/%2E%2E/%2E%2E/%2E%2E/etc/passwd',
    'soa-app://studio/./././../index.html',
  ])('never serves a file outside the root for %s', (url) => {
    const resolved = resolveAppRequest(url, root);
    if (resolved.kind === 'file') expect(resolved.filePath.startsWith(root + path.sep)).toBe(true);
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  it('allows scripts only from the app: no inline, no eval, no remote', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });
  it('forbids plugins, frames, base rewriting, form posts and being framed', () => {
    for (const name of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors'])
      expect(directives.get(name)).toEqual(["'none'"]);
  });
  it('lets the page reach a relay over https/wss anywhere, and plain http/ws only on this computer', () => {
    const connect = directives.get('connect-src') ?? [];
    expect(connect).toEqual(expect.arrayContaining(['https:', 'wss:']));
    expect(connect).not.toContain('http:');
    expect(connect).not.toContain('ws:');
    expect(
      connect
        .filter((source) => source.startsWith('http://') || source.startsWith('ws://'))
        .every((source) => /^(http|ws):\/\/(127\.0\.0\.1|localhost):\*$/.test(source)),
    ).toBe(true);
  });
  it('is sent with every app response', () => {
    expect(appResponseHeaders('text/html')['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(appResponseHeaders('text/html')['X-Content-Type-Options']).toBe('nosniff');
  });
});
