// Extracts the text of a PDF read from stdin with pdf.js (through unpdf) and prints the pages as
// JSON; with --sizes, each page's width and height in points instead. Run in its own Node process
// because pdf.js loads itself with a dynamic import, which jest's module sandbox does not allow.
import { extractText, getDocumentProxy } from 'unpdf';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
if (process.argv.includes('--sizes')) {
  const sizes = [];
  for (let number = 1; number <= document.numPages; number++) {
    const [x0, y0, x1, y1] = (await document.getPage(number)).view;
    sizes.push([Math.round(x1 - x0), Math.round(y1 - y0)]);
  }
  process.stdout.write(JSON.stringify(sizes));
} else {
  const { text } = await extractText(document, { mergePages: false });
  process.stdout.write(JSON.stringify(text));
}
