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
export async function pdfText(pdf: Buffer): Promise<{ pages: string[]; text: string }> {
  const pages = await readPdf<string[]>(pdf, []);
  return { pages, text: pages.join('\n') };
}

/** Every page's width and height in points, as pdf.js reads them (US Letter is 612 × 792). */
export function pdfPageSizes(pdf: Buffer): Promise<[number, number][]> {
  return readPdf<[number, number][]>(pdf, ['--sizes']);
}

function readPdf<T>(pdf: Buffer, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, 'pdf-text-cli.mjs'), ...args],
      { maxBuffer: 32 * 1024 * 1024 },
      (error, stdout) => {
        if (error) {
          reject(new Error(`PDF text extraction failed: ${error.message}`));
          return;
        }
        resolve(JSON.parse(stdout) as T);
      },
    );
    child.stdin?.end(pdf);
  });
}
