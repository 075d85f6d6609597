import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Response } from 'supertest';

/** supertest parser that keeps a binary body (a PDF) as a Buffer. */
export function binary(
  response: Response,
  callback: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** The text of every page, as a real PDF reader extracts it (pdf.js, through unpdf). */
export function pdfText(pdf: Buffer): Promise<{ pages: string[]; text: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, 'pdf-text-cli.mjs')],
      { maxBuffer: 32 * 1024 * 1024 },
      (error, stdout) => {
        if (error) {
          reject(new Error(`PDF text extraction failed: ${error.message}`));
          return;
        }
        const pages = JSON.parse(stdout) as string[];
        resolve({ pages, text: pages.join('\n') });
      },
    );
    child.stdin?.end(pdf);
  });
}
