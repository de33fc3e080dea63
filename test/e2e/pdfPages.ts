import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One rendered PDF page in grey levels (0 black … 255 white), row by row. */
export interface PageImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** What is printed where on a page, as fractions of its size. */
export interface PageInk {
  /** Below the last printed row: the blank part of the page. */
  blankBelow: number;
  /** Left of the first and right of the last printed column. */
  marginLeft: number;
  marginRight: number;
}

const INK = 200;

/** Renders every page of a PDF with poppler's `pdftoppm` (Debian: `apt-get install poppler-utils`). */
export async function renderPdfPages(pdf: Uint8Array, dpi = 30): Promise<PageImage[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'recur-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    try {
      await run('pdftoppm', ['-gray', '-r', String(dpi), file, path.join(dir, 'page')]);
    } catch (error) {
      throw new Error(`pdftoppm could not render the PDF (install poppler-utils: apt-get install poppler-utils): ${String(error)}`);
    }
    const names = (await readdir(dir)).filter((n) => n.endsWith('.pgm')).sort();
    return Promise.all(names.map(async (name) => parsePgm(await readFile(path.join(dir, name)))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Where a page has ink (any pixel darker than light grey). */
export function pageInk(page: PageImage): PageInk {
  let lastRow = -1;
  let firstCol = page.width;
  let lastCol = -1;
  for (let y = 0; y < page.height; y++) {
    for (let x = 0; x < page.width; x++) {
      if (page.pixels[y * page.width + x] < INK) {
        lastRow = y;
        firstCol = Math.min(firstCol, x);
        lastCol = Math.max(lastCol, x);
      }
    }
  }
  return {
    blankBelow: (page.height - 1 - lastRow) / page.height,
    marginLeft: firstCol / page.width,
    marginRight: (page.width - 1 - lastCol) / page.width,
  };
}

/** A binary PGM (P5, 8 bits), as pdftoppm -gray writes it. */
function parsePgm(bytes: Buffer): PageImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM image');
  const [text, width, height] = [header[0], Number(header[1]), Number(header[2])];
  return { width, height, pixels: new Uint8Array(bytes.subarray(text.length, text.length + width * height)) };
}
