// What the tests need from the outside world: fresh letters from the school's command line, and the
// mail that reached the SMTP sink.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';

export interface Letter { identifier: string; password: string }

/** A new student of the demo school, as staff would add one; returns the first parent's letter. */
export function newLetter(firstName: string, lastName: string): Letter {
  const out = execFileSync(process.env.CARTABLE_BIN!, ['student', 'add', '--json', '--platform', 'isu-dour',
    '--first-name', firstName, '--last-name', lastName], { env: process.env }).toString();
  const letters = JSON.parse(out);
  return { identifier: letters.identifier, password: letters.slots[0].temporary_password };
}

/** A new student of the demo school with both parents' letters. */
export function newLetters(firstName: string, lastName: string): Letter[] {
  const out = execFileSync(process.env.CARTABLE_BIN!, ['student', 'add', '--json', '--platform', 'isu-dour',
    '--first-name', firstName, '--last-name', lastName], { env: process.env }).toString();
  const letters = JSON.parse(out);
  return letters.slots.map((slot: { temporary_password: string }) =>
    ({ identifier: letters.identifier, password: slot.temporary_password }));
}

/** Decodes the quoted-printable body lettre writes for non-ASCII text (its bytes are UTF-8). */
function decode(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Every mail to `to` that reached the sink so far, decoded, oldest first. */
export function mailsTo(to: string): string[] {
  const dir = process.env.CARTABLE_MAIL_DIR!;
  return readdirSync(dir).sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')))
    .filter((mail) => mail.to === to)
    .map((mail) => decode(mail.raw));
}

/** Waits for a mail to `to` and returns its decoded text. */
export async function mailTo(to: string): Promise<string> {
  let found = '';
  await expect.poll(() => {
    const dir = process.env.CARTABLE_MAIL_DIR!;
    for (const name of readdirSync(dir).sort()) {
      const mail = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      if (mail.to === to) found = decode(mail.raw);
    }
    return found;
  }, { message: `a mail to ${to}` }).not.toBe('');
  return found;
}
