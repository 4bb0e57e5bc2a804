// Starts what the tests talk to: an SMTP sink that keeps every message it receives, and the real
// `cartable` server on free loopback ports with a fresh SQLite file. Returns the teardown.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

async function waitFor(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (server.exitCode !== null) throw new Error(`cartable exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

export default async function globalSetup() {
  const root = resolve(__dirname, '../..');
  const work = mkdtempSync(join(tmpdir(), 'cartable-e2e-'));
  const mailDir = join(work, 'mail');
  mkdirSync(mailDir);

  // The SMTP sink: each message becomes a file the tests read.
  let count = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        writeFileSync(join(mailDir, `${String(++count).padStart(4, '0')}.json`), JSON.stringify({ to, raw: Buffer.concat(chunks).toString('utf8') }));
        callback();
      });
    },
  });
  const smtpPort = await freePort();
  await new Promise<void>((ok) => smtp.listen(smtpPort, '127.0.0.1', ok));

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const bin = process.env.CARTABLE_BIN ?? join(root, 'target/debug/cartable');
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite://${join(work, 'cartable.db')}?mode=rwc`,
    CARTABLE_DATA_DIR: work,
    CARTABLE_PUBLIC_URL: url,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? join(root, 'target/site'),
    RUST_LOG: process.env.RUST_LOG ?? 'warn',
  };
  execFileSync(bin, ['demo'], { env, stdio: 'ignore' });
  const server = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitFor(`${url}/connexion`, server);

  process.env.CARTABLE_URL = url;
  process.env.CARTABLE_MAIL_DIR = mailDir;
  // Tests create their own students with the same binary and database.
  process.env.CARTABLE_BIN = bin;
  process.env.DATABASE_URL = env.DATABASE_URL;
  process.env.CARTABLE_DATA_DIR = work;

  return async () => {
    server.kill('SIGTERM');
    await new Promise<void>((ok) => smtp.close(() => ok()));
  };
}
