import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildMissing, haveBuild, pcapdump, pcapdumpJs, projectRoot } from '../support/cli.js';
import { haveTool, run, runAsync } from '../support/referee.js';

/**
 * The page in Debian's chromium, driven by playwright-core (no browser download), against
 * the real program: `pcapdump service --http` over a replay of samples/demo.pcap, its
 * self-made certificate accepted by its key (as a technician who compared the fingerprint).
 */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`${CHROMIUM} is missing: the browser test is skipped (bash scripts/setup.sh installs it)`);
if (!haveBuild) console.log(buildMissing);
const PASSWORD = 'a password for the page';
/** Waits for the page to show something: generously, as a loaded machine is slow, never as a measure. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

describe.skipIf(!haveBuild || !haveChromium)('the capture page in a real browser', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pcapdump-browser-'));
  const captures = join(tmp, 'captures');
  const socket = join(tmp, 'pcapdump.sock');
  const users = join(tmp, 'web-users');
  let service: ChildProcess;
  let log = '';
  let url = '';
  let context: BrowserContext;
  let page: Page;
  const shell = (...words: string[]) => runAsync(process.execPath, [pcapdumpJs, '--socket', socket, ...words]);

  beforeAll(async () => {
    const added = pcapdump(['passwd', '--file', users, 'tech'], { input: `${PASSWORD}\n` });
    expect([added.code, added.stdout]).toEqual([0, `passwd: added tech to ${users}\n`]);
    service = spawn(
      process.execPath,
      [
        pcapdumpJs,
        '--replay',
        `demo=${join(projectRoot, 'samples/demo.pcap')}`,
        '--replay',
        `lab=${join(projectRoot, 'samples/tcp-http.pcap')}`,
        '--replay-speed',
        '4',
        '--dir',
        captures,
        'service',
        '--socket',
        socket,
        '--http',
        '127.0.0.1:0',
        '--http-users',
        users,
        '--http-cert',
        join(tmp, 'tls', 'cert.pem'),
        '--http-key',
        join(tmp, 'tls', 'key.pem'),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    service.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
    const end = Date.now() + 20_000;
    while (!/the capture page is at (\S+)/.test(log)) {
      if (Date.now() > end || service.exitCode !== null) throw new Error(`the service did not start its page: ${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    url = /the capture page is at (\S+)/.exec(log)?.[1] ?? '';
    // Chromium trusts exactly this certificate's key; the log's fingerprint is the certificate's.
    const cert = new X509Certificate(readFileSync(join(tmp, 'tls', 'cert.pem')));
    expect(log).toContain(`SHA-256 fingerprint ${cert.fingerprint256}`);
    const spki = createHash('sha256').update(cert.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
    context = await chromium.launchPersistentContext(join(tmp, 'chromium'), {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--ignore-certificate-errors-spki-list=${spki}`,
      ],
      viewport: { width: 1100, height: 1000 },
      acceptDownloads: true,
      timezoneId: 'UTC',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => void d.accept());
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (service && service.exitCode === null) {
      service.kill('SIGTERM');
      await new Promise((r) => service.once('exit', r));
    }
    rmSync(tmp, { recursive: true, force: true });
  });

  const row = (iface: string) => page.locator(`tr[data-iface="${iface}"]`);
  const seen = async (iface: string) => Number(await row(iface).locator('td[data-col=seen]').textContent());
  const message = () => page.locator('p.message');

  test('logs in: a wrong password gets one line, the right one the page', async () => {
    await page.goto(url);
    await page.getByLabel('User').fill('tech');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await poll(() => page.getByRole('alert').textContent()).toBe('wrong user name or password');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('.live.on').waitFor();
    // The live feed and the interface list are two requests: either may arrive first.
    await poll(async () => (await page.locator('section[aria-label=interfaces]').textContent()) ?? '').toContain('demo');
  });

  test('a bad filter shows the console\'s one-line error, and nothing starts', async () => {
    await page.getByLabel('Interface', { exact: true }).fill('demo');
    await page.getByRole('button', { name: 'add a filter key' }).click();
    await page.getByLabel('filter value 1').fill('192.168.0');
    expect(await page.getByLabel('command').textContent()).toBe('pcapdump ipsrc 192.168.0 start demo');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const alert = page.locator('form.start [role=alert]');
    await alert.waitFor();
    const atShell = await shell('ipsrc', '192.168.0', 'start', 'demo');
    expect(atShell.code).toBe(2);
    expect(await alert.textContent()).toBe(atShell.stderr.trim());
    expect(atShell.stderr.trim()).toBe('pcapdump: ipsrc needs an IP address, got "192.168.0"');
    expect(await row('demo').count()).toBe(0);
    await page.getByRole('button', { name: 'remove filter 1' }).click();
  });

  test('starts -o on a replay interface and watches packets arrive: counters, buffer, time and brief lines', async () => {
    await page.getByLabel('Buffer KB').fill('256');
    await page.getByLabel('-o (and store)').check();
    expect(await page.getByLabel('command').textContent()).toBe('pcapdump -size 256 -o start demo');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await poll(() => message().textContent()).toBe('demo: capturing');
    await poll(() => seen('demo')).toBeGreaterThan(0);
    const first = await seen('demo');
    await poll(() => seen('demo')).toBeGreaterThan(first);
    await poll(async () => (await row('demo').textContent()) ?? '').toMatch(/00:0[1-9]/);
    expect(await row('demo').textContent()).toMatch(/\d+% of 256 KB/);
    expect(await row('demo').locator('td[title="kernel/ring"]').textContent()).toBe('0/0');
    // The brief lines are the program's own (`pcapdump read`, which the decoder tests hold to
    // tcpdump's), as the replay plays the file from its start.
    const referee = pcapdump(['read', join(projectRoot, 'samples/demo.pcap')]).stdout.split('\n').slice(0, 12);
    const live = page.locator('pre[aria-label="live lines text"]');
    await poll(async () => ((await live.textContent()) ?? '').split('\n').length).toBeGreaterThanOrEqual(12);
    const lines = ((await live.textContent()) ?? '').split('\n').slice(0, 12);
    const untimed = (l: string) => l.replace(/^(\[demo\] )?\d\d:\d\d:\d\d\.\d{6} /, '');
    expect(lines.every((l) => l.startsWith('[demo] '))).toBe(true);
    expect(lines.map(untimed)).toEqual(referee.map(untimed));
  });

  test('a capture started at the shell shows on the page, and the page\'s at the shell', async () => {
    expect((await shell('-c', '3', 'start', 'lab')).code).toBe(0);
    await poll(async () => (await row('lab').textContent()) ?? '').toContain('count reached');
    const status = await shell('status');
    expect(status.stdout).toMatch(/^demo +running/m);
  });

  test('write (while it runs), stop, show, download (the same bytes), delete', async () => {
    await row('demo').getByLabel('file name for demo').fill('page-%Y.pcap');
    await row('demo').getByRole('button', { name: 'Write' }).click();
    const name = `page-${new Date().getFullYear()}.pcap`;
    const wrote = new RegExp(`^demo: wrote (\\d+) packets \\(\\d+(\\.\\d)? KB, pcap\\) to ${name} in ${captures}$`);
    await poll(() => message().textContent()).toMatch(wrote);
    const written = Number(wrote.exec((await message().textContent()) ?? '')?.[1]);
    const file = page.locator(`tr[data-file="${name}"]`);
    await file.waitFor();
    expect(await file.locator('td').nth(2).textContent()).toBe(String(written));
    await page.screenshot({ path: join(tmp, 'page.png'), fullPage: true });
    if (process.env.PCAPDUMP_SCREENSHOT) copyFileSync(join(tmp, 'page.png'), resolve(projectRoot, process.env.PCAPDUMP_SCREENSHOT));
    await row('demo').getByRole('button', { name: 'Stop' }).click();
    await poll(() => message().textContent()).toMatch(/^demo: stopped, \d+ of \d+ packets stored, not yet written$/);
    const stored = Number(await row('demo').locator('td[data-col=stored]').textContent());
    await row('demo').getByRole('button', { name: 'Show' }).click();
    const shown = page.locator('pre[aria-label="show text"]');
    await poll(async () => ((await shown.textContent()) ?? '').split('\n').length).toBe(stored + 1);
    expect(((await shown.textContent()) ?? '').split('\n')[0]).toBe(`--- demo: ${stored} packets ---`);
    // show's options and filter, as typed after "show" at the console: the same text as the shell's.
    await page.getByLabel('show options').fill('-c 3 -v udp');
    await row('demo').getByRole('button', { name: 'Show' }).click();
    const atShell = await shell('show', 'demo', '-c', '3', '-v', 'udp');
    expect(atShell.code).toBe(0);
    expect(atShell.stdout.split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d{6} IP \(tos /.test(l))).toHaveLength(3);
    await poll(async () => (await shown.textContent()) ?? '').toBe(atShell.stdout.trimEnd());
    await page.getByLabel('show options').fill('');
    const [download] = await Promise.all([page.waitForEvent('download'), file.getByRole('link', { name: 'Download' }).click()]);
    const saved = join(tmp, 'downloaded.pcap');
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toBe(name);
    expect(readFileSync(saved).equals(readFileSync(join(captures, name)))).toBe(true);
    if (haveTool('tcpdump')) expect(run('tcpdump', ['-nn', '-r', saved]).stdout.trim().split('\n')).toHaveLength(written);
    await file.getByRole('button', { name: 'Delete' }).click();
    await poll(() => message().textContent()).toBe(`deleted ${name} from ${captures}`);
    await file.waitFor({ state: 'detached' });
    expect(existsSync(join(captures, name))).toBe(false);
  });

  test('wipe and cleanup; the audit log names the page\'s user and address for each action', async () => {
    await row('lab').getByRole('button', { name: 'Wipe' }).click();
    await row('lab').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Cleanup' }).click();
    await poll(() => message().textContent()).toMatch(/^cleanup: stopped 0 captures, freed 1 buffer, deleted 0 files$/);
    await row('demo').waitFor({ state: 'detached' });
    const audit = log.split('\n').filter((l) => l.includes('face="web"'));
    const who = 'face="web" user="tech" from="web 127.0.0.1"';
    for (const what of ['event=login result="failed" detail="wrong password"', 'event=login result="ok"', 'command="-size 256 -o start demo" result=ok', 'command="stop demo" result=ok', 'command="show demo" result=ok', `event=download file="page-${new Date().getFullYear()}.pcap" status=200`, 'command="wipe lab" result=ok', 'command="cleanup" result=ok']) {
      expect(audit.some((l) => l.includes(who) && l.includes(what)), what).toBe(true);
    }
  });

  test('SIGTERM: the page is told the service stops, and the log closes its session', async () => {
    const exited = new Promise<number | null>((r) => service.once('exit', (code) => r(code)));
    service.kill('SIGTERM');
    await poll(() => page.locator('form.login [role=alert]').textContent()).toBe('SIGTERM: the service is stopping');
    expect(await exited).toBe(0);
    expect(log).toMatch(/audit: session=\d+ face="web" user="tech" from="web 127\.0\.0\.1" event=close commands=\d+/);
  });
});
