import { simpleParser } from 'mailparser';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the e2e server writes its mail: with no SMTP_URL, each message becomes an .eml file in
 * MAIL_DIR (the config sets it under the run's data folder, wiped at every start).
 */
export const E2E_MAIL_DIR = path.resolve(__dirname, '../../.data/e2e/mail');

export interface ReceivedMail {
  subject: string;
  text: string;
  modifiedAt: number;
}

/** Every message in the folder addressed to `address`, newest first. */
export async function mailTo(address: string): Promise<ReceivedMail[]> {
  const names = await readdir(E2E_MAIL_DIR).catch(() => [] as string[]);
  const found: ReceivedMail[] = [];
  for (const name of names.filter((file) => file.endsWith('.eml'))) {
    const file = path.join(E2E_MAIL_DIR, name);
    const parsed = await simpleParser(await readFile(file));
    const to = [parsed.to ?? []].flat().flatMap((entry) => entry.value.map((v) => v.address));
    if (!to.includes(address)) continue;
    found.push({
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      modifiedAt: (await stat(file)).mtimeMs,
    });
  }
  return found.sort((a, b) => b.modifiedAt - a.modifiedAt);
}
