// Extracts the text of a PDF read from stdin with pdf.js (through unpdf) and prints the pages as
// JSON. Run in its own Node process because pdf.js loads itself with a dynamic import, which
// jest's module sandbox does not allow.
import { extractText, getDocumentProxy } from 'unpdf';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
const { text } = await extractText(document, { mergePages: false });
process.stdout.write(JSON.stringify(text));
